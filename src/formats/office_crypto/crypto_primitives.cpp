// Nettle digests, RC4 and AES for the Office encryption schemes (see crypto_primitives.h).
#include "formats/office_crypto/crypto_primitives.h"

#include <nettle/aes.h>
#include <nettle/arcfour.h>
#include <nettle/cbc.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
// nettle/aes.h names its old interface by macros, among them aes_decrypt (nettle_aes_decrypt),
// which would rename lg::aes_decrypt here.
#undef aes_decrypt

#include <algorithm>
#include <array>

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

/// A Nettle block function as the generic nettle_cipher_func that cbc_decrypt takes (no call
/// through a mismatched function pointer type).
template <class Ctx, void (*Fn)(const Ctx*, std::size_t, std::uint8_t*, const std::uint8_t*)>
void call(const void* ctx, std::size_t n, std::uint8_t* dst, const std::uint8_t* src) {
  Fn(static_cast<const Ctx*>(ctx), n, dst, src);
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

namespace {

void put_le32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
  p[2] = static_cast<std::uint8_t>(v >> 16);
  p[3] = static_cast<std::uint8_t>(v >> 24);
}

// SHA-1 rounds (the Standard scheme, most Agile files): each message le32(i) || h is 24 bytes,
// one block once padded (FIPS 180-4 5.1.1: 0x80, zeros, the length in bits, 192, big-endian
// in the last 8 bytes), so a round is one call of Nettle's compression function (SHA-NI where
// the CPU has it) from the initial hash value (FIPS 180-4 5.3.1) and the digest written back
// big-endian into the next block.
void iterate_sha1(Bytes& h, std::uint32_t first, std::uint32_t rounds) {
  std::array<std::uint8_t, SHA1_BLOCK_SIZE> block{};
  std::copy(h.begin(), h.end(), block.begin() + 4);
  block[4 + SHA1_DIGEST_SIZE] = 0x80;
  block[SHA1_BLOCK_SIZE - 1] = (4 + SHA1_DIGEST_SIZE) * 8;
  for (std::uint32_t k = 0; k < rounds; ++k) {
    put_le32(block.data(), first + k);
    std::uint32_t state[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    nettle_sha1_compress(state, block.data());
    for (std::size_t w = 0; w < 5; ++w) {
      for (std::size_t b = 0; b < 4; ++b)
        block[4 + 4 * w + b] = static_cast<std::uint8_t>(state[w] >> (24 - 8 * b));
    }
  }
  std::copy_n(block.begin() + 4, SHA1_DIGEST_SIZE, h.begin());
}

}  // namespace

bool Hasher::iterate(Bytes& h, std::uint32_t first, std::uint32_t rounds) {
  constexpr std::size_t kMaxDigest = 64;  // SHA-512
  if (!ok() || h.size() != hash_->digest_size || h.size() > kMaxDigest) return false;
  if (hash_ == &nettle_sha1) {
    iterate_sha1(h, first, rounds);
    return true;
  }
  // le32(i) || h, each digest written over h after the counter.
  std::array<std::uint8_t, 4 + kMaxDigest> buf;
  const std::size_t n = hash_->digest_size;
  std::copy(h.begin(), h.end(), buf.begin() + 4);
  void* ctx = ctx_.data();
  hash_->init(ctx);  // Nettle's digest functions leave the context initialized again
  for (std::uint32_t k = 0; k < rounds; ++k) {
    put_le32(buf.data(), first + k);
    hash_->update(ctx, 4 + n, buf.data());
    hash_->digest(ctx, n, buf.data() + 4);
  }
  std::copy_n(buf.begin() + 4, n, h.begin());
  return true;
}

Bytes Hasher::digest(ByteView a, ByteView b) {
  Bytes out;
  if (!digest_into(a, b, out)) out.clear();
  return out;
}

std::optional<Bytes> aes_decrypt(ByteView key, ByteView iv, ByteView data) {
  const bool cbc = !iv.empty();
  if (data.size() % AES_BLOCK_SIZE != 0 || (cbc && iv.size() != AES_BLOCK_SIZE))
    return std::nullopt;
  union {
    aes128_ctx k128;
    aes192_ctx k192;
    aes256_ctx k256;
  } ctx;
  nettle_cipher_func* decrypt = nullptr;
  switch (key.size()) {
    case AES128_KEY_SIZE:
      aes128_set_decrypt_key(&ctx.k128, key.data());
      decrypt = call<aes128_ctx, aes128_decrypt>;
      break;
    case AES192_KEY_SIZE:
      aes192_set_decrypt_key(&ctx.k192, key.data());
      decrypt = call<aes192_ctx, aes192_decrypt>;
      break;
    case AES256_KEY_SIZE:
      aes256_set_decrypt_key(&ctx.k256, key.data());
      decrypt = call<aes256_ctx, aes256_decrypt>;
      break;
    default:
      return std::nullopt;
  }
  Bytes out(data.size());
  if (data.empty()) return out;
  if (cbc) {
    std::array<std::uint8_t, AES_BLOCK_SIZE> chain;  // cbc_decrypt updates the IV
    std::copy(iv.begin(), iv.end(), chain.begin());
    cbc_decrypt(&ctx, decrypt, AES_BLOCK_SIZE, chain.data(), data.size(), out.data(), data.data());
  } else {
    decrypt(&ctx, data.size(), out.data(), data.data());  // ECB: each block on its own
  }
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
