// [RFC 6376] 3.7 (hash computation), 5.4.2 (signed header selection, over-signing), 6.1
// (verifier actions), [RFC 8301] 3.2 (RSA keys of at least 1024 bits), [RFC 8463] 3 (Ed25519
// signs the SHA-256 hash of the header data).
#include "detect/dkim.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>

#include "core/ascii.h"
#include "detect/dkim_canon.h"
#include "detect/host.h"

namespace lg {
namespace {

constexpr int kMinRsaBits = 1024;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Bytes sha256(std::string_view data) {
  Bytes out(32);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != 32)
    return {};
  return out;
}

// The public key of a record for a signature's algorithm, or an error saying why not.
Result<Pkey> load_key(const DkimKeyRecord& rec, DkimAlgorithm alg) {
  auto perm = [](std::string why) { return Status::error(ErrorCode::kMalformed, std::move(why)); };
  if (!rec.hashes.empty()) {
    bool sha256_ok = false;
    for (const auto& h : rec.hashes) sha256_ok |= h == "sha256";
    if (!sha256_ok) return perm("key record h= excludes sha256");
  }
  const unsigned char* p = rec.public_key.data();
  if (alg == DkimAlgorithm::kEd25519Sha256) {
    if (rec.key_type != "ed25519") return perm("key type " + rec.key_type + " for ed25519-sha256");
    if (rec.public_key.size() != 32) return perm("Ed25519 key is not 32 bytes");
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, p, 32));
    if (!key) return perm("unusable Ed25519 key");
    return key;
  }
  if (rec.key_type != "rsa") return perm("key type " + rec.key_type + " for rsa-sha256");
  const long len = static_cast<long>(rec.public_key.size());
  // [RFC 6376] 3.6.1 p= is a SubjectPublicKeyInfo; some publish a bare RSAPublicKey.
  Pkey key(d2i_PUBKEY(nullptr, &p, len));
  if (!key) {
    p = rec.public_key.data();
    key.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len));
  }
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return perm("unusable RSA key");
  if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits)
    return perm("RSA key of " + std::to_string(EVP_PKEY_get_bits(key.get())) + " bits");
  return key;
}

bool verify_signature(EVP_PKEY* key, DkimAlgorithm alg, std::string_view data,
                      const Bytes& signature) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx) return false;
  if (alg == DkimAlgorithm::kEd25519Sha256) {
    const Bytes hash = sha256(data);
    if (hash.empty() || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1)
      return false;
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), hash.data(),
                            hash.size()) == 1;
  }
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

// [RFC 6376] 3.7 header hash input: the h= fields, each the last not yet used instance of its
// name counting from the bottom (5.4.2; a name with no instance left contributes nothing,
// which is what over-signing relies on), then the signature field with b= emptied and no
// final CRLF.
std::string header_hash_input(const MessageInfo& info, std::size_t sig_index,
                              const DkimSignature& sig) {
  std::string out;
  std::vector<bool> used(info.headers.size(), false);
  used[sig_index] = true;
  for (const auto& name : sig.signed_headers) {
    for (std::size_t i = info.headers.size(); i-- > 0;) {
      if (used[i] || !iequals(info.headers[i].name, name)) continue;
      used[i] = true;
      out += dkim_canon_header(info.headers[i].field, sig.header_canon);
      break;
    }
  }
  std::string self =
      dkim_canon_header(dkim_without_b_value(info.headers[sig_index].field), sig.header_canon);
  self.resize(self.size() - 2);
  return out + self;
}

const char* algorithm_name(DkimAlgorithm a) {
  return a == DkimAlgorithm::kEd25519Sha256 ? "ed25519-sha256" : "rsa-sha256";
}

DkimVerdict verify_one(const MessageInfo& info, std::size_t index, const DkimKeyResolver* keys,
                       std::optional<std::string>* body_cache) {
  DkimVerdict v;
  const RawHeaderField& field = info.headers[index];
  const std::size_t colon = field.field.find(':');
  auto sig = parse_dkim_signature(field.field.substr(colon + 1));
  if (!sig) {
    v.detail = sig.status().message();
    return v;
  }
  v.domain = sig->domain;
  v.selector = sig->selector;
  v.algorithm = algorithm_name(sig->algorithm);

  // Body hash ([RFC 6376] 3.7 step 1), with l= limiting what is hashed.
  std::optional<std::string>& body = body_cache[static_cast<int>(sig->body_canon)];
  if (!body) body = dkim_canon_body(as_chars(info.raw_body), sig->body_canon);
  v.body_length = body->size();
  std::string_view hashed = *body;
  if (sig->body_length) {
    if (*sig->body_length > body->size()) {
      v.detail = "l= is longer than the body";
      v.status = DkimStatus::kBodyHashMismatch;
      return v;
    }
    hashed = hashed.substr(0, *sig->body_length);
    v.signed_body_length = *sig->body_length;
    v.unsigned_tail = *sig->body_length < body->size();
  } else {
    v.signed_body_length = body->size();
  }
  if (sha256(hashed) != sig->body_hash) {
    v.status = DkimStatus::kBodyHashMismatch;
    v.detail = "body hash mismatch";
    return v;
  }
  if (keys == nullptr) {
    v.status = DkimStatus::kUnchecked;
    v.detail = "no key resolver configured";
    return v;
  }

  const std::string name = sig->selector + "._domainkey." + sig->domain;
  const KeyLookup found = keys->lookup(name);
  if (found.outcome == KeyLookup::Outcome::kNotFound) {
    v.status = DkimStatus::kNoKey;
    v.detail = "no key at " + name;
    return v;
  }
  if (found.outcome == KeyLookup::Outcome::kTempError) {
    v.status = DkimStatus::kTempError;
    v.detail = name + ": " + found.record;
    return v;
  }
  auto record = parse_dkim_key_record(found.record);
  if (!record) {
    v.detail = name + ": " + record.status().message();
    return v;
  }
  v.testing = record->testing;
  if (record->public_key.empty()) {
    v.status = DkimStatus::kKeyRevoked;
    v.detail = "key revoked at " + name;
    return v;
  }
  if (record->strict) {
    const std::size_t at = sig->identity.rfind('@');
    if (!iequals(std::string_view(sig->identity).substr(at + 1), sig->domain)) {
      v.detail = "key requires i= in d= exactly (t=s)";
      return v;
    }
  }
  auto key = load_key(*record, sig->algorithm);
  if (!key) {
    v.detail = name + ": " + key.status().message();
    return v;
  }
  if (!verify_signature(key->get(), sig->algorithm, header_hash_input(info, index, *sig),
                        sig->signature)) {
    v.status = DkimStatus::kSignatureMismatch;
    v.detail = "signature does not verify";
    return v;
  }
  v.status = DkimStatus::kPass;
  return v;
}

}  // namespace

const char* dkim_status_name(DkimStatus s) {
  switch (s) {
    case DkimStatus::kPass:
      return "pass";
    case DkimStatus::kBodyHashMismatch:
      return "fail (body hash)";
    case DkimStatus::kSignatureMismatch:
      return "fail (signature)";
    case DkimStatus::kUnchecked:
      return "body hash ok, signature unchecked";
    case DkimStatus::kNoKey:
      return "permerror (no key)";
    case DkimStatus::kKeyRevoked:
      return "permerror (key revoked)";
    case DkimStatus::kTempError:
      return "temperror";
    case DkimStatus::kPermError:
      return "permerror";
  }
  return "?";
}

std::vector<DkimVerdict> verify_dkim(const MessageInfo& info, const DkimKeyResolver* keys) {
  std::vector<DkimVerdict> out;
  std::optional<std::string> body_cache[2];  // by DkimCanon: each body canonicalized once
  for (std::size_t i = 0; i < info.headers.size() && out.size() < kMaxDkimSignatures; ++i) {
    if (!iequals(info.headers[i].name, "DKIM-Signature")) continue;
    out.push_back(verify_one(info, i, keys, body_cache));
  }
  return out;
}

void check_dkim(const MessageInfo& info, const DkimKeyResolver* keys, std::string_view from_org,
                Context& ctx) {
  const auto verdicts = verify_dkim(info, keys);
  if (verdicts.empty()) return;
  std::vector<std::string> lines;
  for (const auto& v : verdicts) {
    std::string id = "d=" + v.domain + " s=" + v.selector;
    std::string line = std::string(dkim_status_name(v.status)) + " " + id;
    if (!v.algorithm.empty()) line += " a=" + v.algorithm;
    if (v.status != DkimStatus::kPass && !v.detail.empty()) line += ": " + v.detail;
    lines.push_back(std::move(line));
    switch (v.status) {
      case DkimStatus::kBodyHashMismatch:
        ctx.finding(Symbol::DKIM_BODY_MODIFIED, {id, v.detail});
        break;
      case DkimStatus::kSignatureMismatch:
        ctx.finding(Symbol::DKIM_SIGNATURE_INVALID, {id, v.detail});
        break;
      case DkimStatus::kPass:
        if (!v.testing && !from_org.empty() && registered_domain(v.domain) == from_org)
          ctx.finding(Symbol::DKIM_VALID_ALIGNED, {id, "verified signature of the From domain"});
        break;
      case DkimStatus::kPermError:
        ctx.anomaly("dkim: unusable signature " + id + ": " + v.detail);
        break;
      default:
        break;
    }
    if (v.unsigned_tail && v.status != DkimStatus::kBodyHashMismatch) {
      std::string detail = "l=" + std::to_string(v.signed_body_length) + " of " +
                           std::to_string(v.body_length) + " canonical body bytes signed";
      ctx.anomaly("dkim: " + id + ": " + detail);
      ctx.finding(Symbol::DKIM_UNSIGNED_BODY_TAIL, {id, std::move(detail)});
    }
  }
  ctx.fact("dkim", std::move(lines));
}

}  // namespace lg
