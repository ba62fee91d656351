#pragma once
/// Test helpers for DKIM, header-only and never linked into the product: keys generated per
/// test, a signer ([RFC 6376] 3.7, 5; [RFC 8463] 3) and a MessageInfo built from a message.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "core/message_info.h"
#include "core/transfer_encoding.h"
#include "detect/dkim_canon.h"

namespace lg::testing {

struct PkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using TestKey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

inline TestKey make_rsa_key(unsigned bits = 2048) {
  return TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
}
inline TestKey make_ed25519_key() {
  return TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

/// The key record ([RFC 6376] 3.6.1) publishing `key`'s public half.
inline std::string key_record(EVP_PKEY* key) {
  Bytes pub;
  std::string type = "rsa";
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519) {
    type = "ed25519";
    std::size_t len = 32;
    pub.resize(len);
    EVP_PKEY_get_raw_public_key(key, pub.data(), &len);
  } else {
    const int len = i2d_PUBKEY(key, nullptr);
    pub.resize(static_cast<std::size_t>(len));
    unsigned char* p = pub.data();
    i2d_PUBKEY(key, &p);
  }
  return "v=DKIM1; k=" + type + "; p=" + encode_base64(pub);
}

/// Views of one message (header fields as written, header block, body), as the mail analyzer
/// gives them. `message` must outlive the result.
inline MessageInfo message_info_of(std::string_view message) {
  MessageInfo info;
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t nl = message.find('\n', pos);
    if (nl == std::string_view::npos) nl = message.size();
    std::size_t end = nl > pos && message[nl - 1] == '\r' ? nl - 1 : nl;
    if (end == pos) {  // the blank line
      info.raw_header = as_bytes(message.substr(0, pos));
      info.raw_body = as_bytes(message.substr(std::min(nl + 1, message.size())));
      return info;
    }
    if ((message[pos] == ' ' || message[pos] == '\t') && !info.headers.empty()) {
      auto& last = info.headers.back();
      last.field = std::string_view(last.field.data(), message.data() + end - last.field.data());
    } else {
      const std::size_t colon = message.find(':', pos);
      info.headers.push_back({message.substr(pos, colon - pos), message.substr(pos, end - pos)});
    }
    pos = nl + 1;
  }
  info.raw_header = as_bytes(message);
  return info;
}

struct SignOptions {
  std::string domain = "example.com";
  std::string selector = "sel";
  std::string canon = "relaxed/relaxed";
  std::vector<std::string> headers = {"From", "To", "Subject", "Date"};
  bool with_length = false;  // l= the whole canonical body
  std::string extra_tags;    // appended before bh=, e.g. "i=@mail.example.com; "
};

/// `message` with a DKIM-Signature field on top, signed by `key` (RSA or Ed25519) as
/// [RFC 6376] 5 describes: the canonical body hashed, the h= fields taken bottom-up, the
/// signature field with an empty b= last.
inline std::string dkim_sign(const std::string& message, EVP_PKEY* key, const SignOptions& o) {
  const bool ed = EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;
  const MessageInfo info = message_info_of(message);
  const DkimCanon hc = o.canon.starts_with("relaxed") ? DkimCanon::kRelaxed : DkimCanon::kSimple;
  const DkimCanon bc = o.canon.ends_with("/relaxed") ? DkimCanon::kRelaxed : DkimCanon::kSimple;
  const std::string body = dkim_canon_body(as_chars(info.raw_body), bc);
  auto digest = [](std::string_view data) {
    Bytes out(32);
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr);
    return out;
  };
  std::string h;
  for (const auto& name : o.headers) h += (h.empty() ? "" : ":") + name;
  std::string field =
      "DKIM-Signature: v=1; a=" + std::string(ed ? "ed25519-sha256" : "rsa-sha256") +
      "; c=" + o.canon + "; d=" + o.domain + "; s=" + o.selector + ";\r\n\th=" + h + "; " +
      o.extra_tags + (o.with_length ? "l=" + std::to_string(body.size()) + "; " : "") +
      "bh=" + encode_base64(digest(body)) + ";\r\n\tb=";
  std::string data;
  std::vector<bool> used(info.headers.size(), false);
  for (const auto& name : o.headers) {
    for (std::size_t i = info.headers.size(); i-- > 0;) {
      if (used[i] || !iequals(info.headers[i].name, name)) continue;
      used[i] = true;
      data += dkim_canon_header(info.headers[i].field, hc);
      break;
    }
  }
  std::string self = dkim_canon_header(field, hc);
  data += self.substr(0, self.size() - 2);

  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Bytes sig;
  std::size_t len = 0;
  if (ed) {
    const Bytes hash = digest(data);
    EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key);
    EVP_DigestSign(ctx.get(), nullptr, &len, hash.data(), hash.size());
    sig.resize(len);
    EVP_DigestSign(ctx.get(), sig.data(), &len, hash.data(), hash.size());
  } else {
    EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    EVP_DigestSign(ctx.get(), nullptr, &len, p, data.size());
    sig.resize(len);
    EVP_DigestSign(ctx.get(), sig.data(), &len, p, data.size());
  }
  sig.resize(len);
  return field + encode_base64(sig) + "\r\n" + message;
}

}  // namespace lg::testing
