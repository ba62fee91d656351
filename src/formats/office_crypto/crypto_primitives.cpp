// Nettle digests and RC4, OpenSSL EVP AES, for the Office encryption schemes (see
// crypto_primitives.h).
#include "formats/office_crypto/crypto_primitives.h"

#include <nettle/arcfour.h>
#include <nettle/nettle-meta.h>
#include <openssl/evp.h>

#include "core/ascii.h"
#include "core/utf8.h"

namespace lg {

const char* office_hash(std::string_view name) {
  if (iequals(name, "SHA1") || iequals(name, "SHA-1")) return "SHA1";
  if (iequals(name, "SHA256")) return "SHA256";
  if (iequals(name, "SHA384")) return "SHA384";
  if (iequals(name, "SHA512")) return "SHA512";
  if (iequals(name, "MD5")) return "MD5";
  return nullptr;
}

namespace {

const nettle_hash* nettle_for(const char* name) {
  if (name == nullptr) return nullptr;
  const std::string_view n(name);
  if (n == "SHA1") return &nettle_sha1;
  if (n == "SHA256") return &nettle_sha256;
  if (n == "SHA384") return &nettle_sha384;
  if (n == "SHA512") return &nettle_sha512;
  if (n == "MD5") return &nettle_md5;
  return nullptr;
}

}  // namespace

Hasher::Hasher(const char* name)
    : hash_(nettle_for(name)),
      ctx_(hash_ ? (hash_->context_size + sizeof(std::uint64_t) - 1) / sizeof(std::uint64_t) : 0) {}
Hasher::~Hasher() = default;

std::size_t Hasher::size() const { return hash_ ? hash_->digest_size : 0; }

bool Hasher::digest_into(ByteView a, ByteView b, Bytes& out) {
  if (!ok()) return false;
  out.resize(hash_->digest_size);
  void* ctx = ctx_.data();
  hash_->init(ctx);
  if (!a.empty()) hash_->update(ctx, a.size(), a.data());
  if (!b.empty()) hash_->update(ctx, b.size(), b.data());
  hash_->digest(ctx, hash_->digest_size, out.data());
  return true;
}

Bytes Hasher::digest(ByteView a, ByteView b) {
  Bytes out;
  if (!digest_into(a, b, out)) out.clear();
  return out;
}

std::optional<Bytes> aes_decrypt(ByteView key, ByteView iv, ByteView data) {
  const bool cbc = !iv.empty();
  const EVP_CIPHER* c = nullptr;
  switch (key.size()) {
    case 16:
      c = cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
      break;
    case 24:
      c = cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
      break;
    case 32:
      c = cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
      break;
    default:
      return std::nullopt;
  }
  if (data.size() % 16 != 0 || (cbc && iv.size() != 16)) return std::nullopt;
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), c, nullptr, key.data(), cbc ? iv.data() : nullptr) != 1)
    return std::nullopt;
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size() + 16);
  int n1 = 0, n2 = 0;
  // EVP lengths are int: decrypt in slices well below INT_MAX.
  constexpr std::size_t kSlice = 1u << 24;
  std::size_t done = 0;
  while (done < data.size()) {
    const std::size_t n = std::min(kSlice, data.size() - done);
    if (EVP_DecryptUpdate(ctx.get(), out.data() + done, &n1, data.data() + done,
                          static_cast<int>(n)) != 1)
      return std::nullopt;
    done += static_cast<std::size_t>(n1);
    if (static_cast<std::size_t>(n1) != n) return std::nullopt;
  }
  if (EVP_DecryptFinal_ex(ctx.get(), out.data() + done, &n2) != 1) return std::nullopt;
  out.resize(done + static_cast<std::size_t>(n2));
  return out;
}

bool Rc4Cipher::apply(ByteView key, std::span<std::uint8_t> data) const {
  if (key.empty() || key.size() > 64) return false;
  arcfour_ctx ctx;
  arcfour_set_key(&ctx, key.size(), key.data());
  arcfour_crypt(&ctx, data.size(), data.data(), data.data());  // in place: Nettle allows it
  return true;
}

Bytes password_utf16le(std::string_view utf8) {
  Bytes out;
  out.reserve(utf8.size() * 2);
  for (std::size_t i = 0; i < utf8.size();) {
    Utf8Char c = next_utf8_char(utf8, i);
    i += c.len;
    auto put = [&out](char32_t u) {
      out.push_back(static_cast<std::uint8_t>(u & 0xFF));
      out.push_back(static_cast<std::uint8_t>((u >> 8) & 0xFF));
    };
    if (c.cp >= 0x10000) {
      const char32_t v = c.cp - 0x10000;
      put(0xD800 + (v >> 10));
      put(0xDC00 + (v & 0x3FF));
    } else {
      put(c.cp);
    }
  }
  return out;
}

}  // namespace lg
