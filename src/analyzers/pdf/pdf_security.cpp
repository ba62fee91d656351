// Standard security handler: ISO 32000-1 7.6.2 (algorithm 1, object keys), 7.6.3.3
// (algorithms 2, 4, 5: file key and user password check, R2-R4), ISO 32000-2 7.6.4.3.3/4
// (algorithms 2.A and 2.B, AES-256, R6). R5 (the deprecated Adobe extension) uses plain
// SHA-256 instead of 2.B.
#include "analyzers/pdf/pdf_security.h"

#include <nettle/arcfour.h>

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>

namespace lg {
namespace {

constexpr std::array<std::uint8_t, 32> kPadding = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A};
constexpr std::size_t kMaxR6Password = 127;  // ISO 32000-2 7.6.4.3.2
constexpr int kR3HashRounds = 50;            // algorithm 2 step h
constexpr int kR6MinRounds = 64;             // algorithm 2.B

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

Bytes digest(const EVP_MD* md, std::initializer_list<ByteView> parts) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return {};
  for (ByteView p : parts) {
    if (!p.empty() && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) != 1) return {};
  }
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) return {};
  out.resize(len);
  return out;
}

const EVP_CIPHER* aes_cbc(std::size_t key_bytes) {
  if (key_bytes == 16) return EVP_aes_128_cbc();
  if (key_bytes == 32) return EVP_aes_256_cbc();
  return nullptr;
}

Bytes padded_password(std::string_view pw) {
  Bytes out(pw.begin(),
            pw.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(pw.size(), 32)));
  for (std::size_t i = 0; out.size() < 32; ++i) out.push_back(kPadding[i]);
  return out;
}

ByteView prefix(const std::string& s, std::size_t n) {
  return as_bytes(std::string_view(s).substr(0, n));
}

PdfCipher cipher_of(const PdfObject& encrypt, std::string_view filter_key, int v) {
  if (v < 4) return PdfCipher::kRc4;
  const PdfObject* name = encrypt.get(filter_key);
  const std::string cf_name = name && name->kind == PdfObject::Kind::kName ? name->str : "Identity";
  if (cf_name == "Identity") return PdfCipher::kNone;
  const PdfObject* cf = encrypt.get("CF");
  const PdfObject* f = cf ? cf->get(cf_name) : nullptr;
  const PdfObject* cfm = f ? f->get("CFM") : nullptr;
  if (cfm && cfm->is_name("AESV2")) return PdfCipher::kAes128;
  if (cfm && cfm->is_name("AESV3")) return PdfCipher::kAes256;
  if (cfm && cfm->is_name("V2")) return PdfCipher::kRc4;
  return v >= 5 ? PdfCipher::kAes256 : PdfCipher::kNone;
}

}  // namespace

PdfEncryptParams pdf_encrypt_params(const PdfObject& encrypt, std::string_view id0) {
  PdfEncryptParams p;
  auto num = [&](std::string_view k, std::int64_t def) {
    const PdfObject* o = encrypt.get(k);
    return o ? o->as_int().value_or(def) : def;
  };
  auto str = [&](std::string_view k) {
    const PdfObject* o = encrypt.get(k);
    return o && o->kind == PdfObject::Kind::kString ? o->str : std::string();
  };
  if (const PdfObject* f = encrypt.get("Filter"); f && f->kind == PdfObject::Kind::kName) {
    p.filter = f->str;
  }
  p.v = static_cast<int>(std::clamp<std::int64_t>(num("V", 0), -1, 99));
  p.r = static_cast<int>(std::clamp<std::int64_t>(num("R", 0), -1, 99));
  const std::int64_t bits = num("Length", 40);
  p.key_bytes = static_cast<std::size_t>(std::clamp<std::int64_t>(bits / 8, 5, 16));
  if (p.r == 2) p.key_bytes = 5;
  p.o = str("O");
  p.u = str("U");
  p.oe = str("OE");
  p.ue = str("UE");
  p.p = static_cast<std::int32_t>(static_cast<std::uint32_t>(num("P", 0) & 0xFFFFFFFF));
  if (const PdfObject* em = encrypt.get("EncryptMetadata"); em && em->is(PdfObject::Kind::kBool)) {
    p.encrypt_metadata = em->boolean;
  }
  p.id0 = std::string(id0);
  p.string_cipher = cipher_of(encrypt, "StrF", p.v);
  p.stream_cipher = cipher_of(encrypt, "StmF", p.v);
  if (p.v >= 4 &&
      (p.string_cipher == PdfCipher::kAes128 || p.stream_cipher == PdfCipher::kAes128)) {
    p.key_bytes = 16;
  }
  if (p.r >= 5) p.key_bytes = 32;
  return p;
}

Bytes pdf_rc4(ByteView key, ByteView data) {
  // RC4 (the ARCFOUR of 7.6.2), from Nettle.
  Bytes out(data.begin(), data.end());
  if (key.empty() || key.size() > ARCFOUR_MAX_KEY_SIZE) return out;
  arcfour_ctx ctx;
  arcfour_set_key(&ctx, key.size(), key.data());
  arcfour_crypt(&ctx, out.size(), out.data(), out.data());
  return out;
}

Bytes pdf_file_key(std::string_view password, const PdfEncryptParams& p) {
  const Bytes pw = padded_password(password);
  const std::uint32_t perm = static_cast<std::uint32_t>(p.p);
  const std::array<std::uint8_t, 4> pbytes = {
      static_cast<std::uint8_t>(perm), static_cast<std::uint8_t>(perm >> 8),
      static_cast<std::uint8_t>(perm >> 16), static_cast<std::uint8_t>(perm >> 24)};
  const std::array<std::uint8_t, 4> ff = {0xFF, 0xFF, 0xFF, 0xFF};
  const bool no_meta = p.r >= 4 && !p.encrypt_metadata;
  Bytes h = digest(EVP_md5(), {pw, prefix(p.o, 32), pbytes, as_bytes(p.id0),
                               no_meta ? ByteView(ff) : ByteView()});
  const std::size_t n = std::min(p.key_bytes, h.size());
  if (p.r >= 3) {
    for (int i = 0; i < kR3HashRounds && h.size() >= n; ++i)
      h = digest(EVP_md5(), {ByteView(h).first(n)});
  }
  h.resize(std::min(n, h.size()));
  return h;
}

Bytes pdf_u_value(ByteView file_key, const PdfEncryptParams& p) {
  if (p.r == 2) return pdf_rc4(file_key, kPadding);
  Bytes x = pdf_rc4(file_key, digest(EVP_md5(), {kPadding, as_bytes(p.id0)}));
  Bytes k(file_key.begin(), file_key.end());
  for (int i = 1; i <= 19; ++i) {
    for (std::size_t j = 0; j < k.size(); ++j) k[j] = static_cast<std::uint8_t>(file_key[j] ^ i);
    x = pdf_rc4(k, x);
  }
  return x;  // 16 bytes; /U holds them plus 16 arbitrary bytes
}

Bytes pdf_hash_r6(std::string_view password, ByteView salt, ByteView udata) {
  const ByteView pw = as_bytes(password.substr(0, kMaxR6Password));
  Bytes k = digest(EVP_sha256(), {pw, salt, udata});
  Bytes e;
  for (int round = 0; round < kR6MinRounds || (!e.empty() && e.back() + 32 > round); ++round) {
    Bytes k1;
    k1.reserve(64 * (pw.size() + k.size() + udata.size()));
    for (int i = 0; i < 64; ++i) {
      k1.insert(k1.end(), pw.begin(), pw.end());
      k1.insert(k1.end(), k.begin(), k.end());
      k1.insert(k1.end(), udata.begin(), udata.end());
    }
    if (k.size() < 32) return {};
    e = pdf_aes_cbc_encrypt(ByteView(k).first(16), ByteView(k).subspan(16, 16), k1, false);
    if (e.size() < 16) return {};
    unsigned sum = 0;  // the first 16 bytes as a big number, mod 3 (256 = 1 mod 3)
    for (std::size_t i = 0; i < 16; ++i) sum += e[i];
    const EVP_MD* md = sum % 3 == 0 ? EVP_sha256() : sum % 3 == 1 ? EVP_sha384() : EVP_sha512();
    k = digest(md, {e});
  }
  k.resize(std::min<std::size_t>(32, k.size()));
  return k;
}

Bytes pdf_object_key(ByteView file_key, PdfRef ref, bool aes) {
  const std::array<std::uint8_t, 5> id = {
      static_cast<std::uint8_t>(ref.num), static_cast<std::uint8_t>(ref.num >> 8),
      static_cast<std::uint8_t>(ref.num >> 16), static_cast<std::uint8_t>(ref.gen),
      static_cast<std::uint8_t>(ref.gen >> 8)};
  static constexpr std::array<std::uint8_t, 4> kSalt = {'s', 'A', 'l', 'T'};
  Bytes h = digest(EVP_md5(), {file_key, id, aes ? ByteView(kSalt) : ByteView()});
  h.resize(std::min<std::size_t>(std::min<std::size_t>(file_key.size() + 5, 16), h.size()));
  return h;
}

Bytes pdf_aes_cbc_encrypt(ByteView key, ByteView iv, ByteView data, bool pad) {
  const EVP_CIPHER* c = aes_cbc(key.size());
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (c == nullptr || !ctx || iv.size() != 16 || (!pad && data.size() % 16 != 0)) return {};
  if (EVP_EncryptInit_ex(ctx.get(), c, nullptr, key.data(), iv.data()) != 1) return {};
  EVP_CIPHER_CTX_set_padding(ctx.get(), pad ? 1 : 0);
  Bytes out(data.size() + 16);
  int n1 = 0, n2 = 0;
  if (EVP_EncryptUpdate(ctx.get(), out.data(), &n1, data.data(), static_cast<int>(data.size())) !=
          1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + n1, &n2) != 1) {
    return {};
  }
  out.resize(static_cast<std::size_t>(n1 + n2));
  return out;
}

namespace {

// AES-CBC decryption with padding left in place; empty on error.
Bytes aes_cbc_decrypt_raw(ByteView key, ByteView iv, ByteView data) {
  const EVP_CIPHER* c = aes_cbc(key.size());
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (c == nullptr || !ctx || iv.size() != 16) return {};
  data = data.first(data.size() - data.size() % 16);  // a ragged tail cannot be decrypted
  if (EVP_DecryptInit_ex(ctx.get(), c, nullptr, key.data(), iv.data()) != 1) return {};
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size() + 16);
  int n1 = 0, n2 = 0;
  if (EVP_DecryptUpdate(ctx.get(), out.data(), &n1, data.data(), static_cast<int>(data.size())) !=
          1 ||
      EVP_DecryptFinal_ex(ctx.get(), out.data() + n1, &n2) != 1) {
    return {};
  }
  out.resize(static_cast<std::size_t>(n1 + n2));
  return out;
}

}  // namespace

Bytes pdf_aes_cbc_decrypt(ByteView key, ByteView iv_and_data) {
  if (iv_and_data.size() < 16) return {};
  Bytes out = aes_cbc_decrypt_raw(key, iv_and_data.first(16), iv_and_data.subspan(16));
  // PKCS#5 padding checked by hand, so bad padding keeps the data rather than losing it.
  if (!out.empty()) {
    const std::uint8_t padn = out.back();
    if (padn >= 1 && padn <= 16 && padn <= out.size() &&
        std::all_of(out.end() - padn, out.end(), [padn](std::uint8_t b) { return b == padn; })) {
      out.resize(out.size() - padn);
    }
  }
  return out;
}

PdfSecurity::PdfSecurity(PdfEncryptParams params, const std::vector<std::string>& passwords)
    : params_(std::move(params)) {
  supported_ = params_.filter == "Standard" && params_.r >= 2 && params_.r <= 6;
  if (!supported_) return;
  for (std::size_t i = 0; i < passwords.size(); ++i) {
    if (try_password(passwords[i])) {
      opened_ = true;
      password_index_ = static_cast<int>(i);
      return;
    }
  }
}

bool PdfSecurity::try_password(std::string_view pw) {
  const PdfEncryptParams& p = params_;
  if (p.r <= 4) {
    Bytes key = pdf_file_key(pw, p);
    const Bytes u = pdf_u_value(key, p);
    const std::size_t cmp = p.r == 2 ? 32 : 16;
    if (u.size() < cmp || p.u.size() < cmp ||
        !std::equal(u.begin(), u.begin() + cmp, p.u.begin(),
                    [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); })) {
      return false;
    }
    key_ = std::move(key);
    return true;
  }
  // R5/R6 (algorithm 2.A): /U = hash(32) | validation salt(8) | key salt(8).
  if (p.u.size() < 48 || p.ue.size() < 32) return false;
  const ByteView u = as_bytes(p.u);
  const ByteView pwb = as_bytes(pw.substr(0, kMaxR6Password));
  auto hash = [&](ByteView salt) {
    return p.r == 5 ? digest(EVP_sha256(), {pwb, salt}) : pdf_hash_r6(pw, salt, {});
  };
  const Bytes check = hash(u.subspan(32, 8));
  if (check.size() != 32 || !std::equal(check.begin(), check.end(), u.begin())) return false;
  const Bytes intermediate = hash(u.subspan(40, 8));
  const Bytes zero_iv(16, 0);  // UE: AES-256, zero IV, no padding
  Bytes key = aes_cbc_decrypt_raw(intermediate, zero_iv, as_bytes(p.ue).first(32));
  if (key.size() != 32) return false;
  key_ = std::move(key);
  return true;
}

Bytes PdfSecurity::decrypt(ByteView data, PdfRef ref, bool is_string) const {
  if (!opened_) return Bytes(data.begin(), data.end());
  const PdfCipher c = is_string ? params_.string_cipher : params_.stream_cipher;
  switch (c) {
    case PdfCipher::kNone:
      return Bytes(data.begin(), data.end());
    case PdfCipher::kRc4:
      return pdf_rc4(pdf_object_key(key_, ref, false), data);
    case PdfCipher::kAes128:
      return pdf_aes_cbc_decrypt(pdf_object_key(key_, ref, true), data);
    case PdfCipher::kAes256:
      return pdf_aes_cbc_decrypt(key_, data);
  }
  return {};
}

}  // namespace lg
