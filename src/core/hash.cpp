// Digests through Nettle: plain functions over a context on the stack, nothing to initialise.
// (OpenSSL 3's first algorithm fetch loads its provider and registers every algorithm name,
// which cost more than a whole scan of a small file in a one-process-per-file run.)
#include "core/hash.h"

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include <algorithm>
#include <array>

namespace lg {
namespace {

std::string hex(const unsigned char* p, unsigned n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (unsigned i = 0; i < n; ++i) {
    s[2 * i] = kHex[p[i] >> 4];
    s[2 * i + 1] = kHex[p[i] & 15];
  }
  return s;
}

}  // namespace

Digests digest_all(ByteView data) {
  md5_ctx md5;
  sha1_ctx sha1;
  sha256_ctx sha256;
  md5_init(&md5);
  sha1_init(&sha1);
  sha256_init(&sha256);
  // Feed in blocks so the three contexts share the cache.
  constexpr std::size_t kBlock = 64 * 1024;
  for (std::size_t off = 0; off < data.size(); off += kBlock) {
    const std::size_t n = std::min(kBlock, data.size() - off);
    md5_update(&md5, n, data.data() + off);
    sha1_update(&sha1, n, data.data() + off);
    sha256_update(&sha256, n, data.data() + off);
  }
  unsigned char d5[MD5_DIGEST_SIZE], d1[SHA1_DIGEST_SIZE], d256[SHA256_DIGEST_SIZE];
  md5_digest(&md5, sizeof d5, d5);
  sha1_digest(&sha1, sizeof d1, d1);
  sha256_digest(&sha256, sizeof d256, d256);
  return {hex(d5, sizeof d5), hex(d1, sizeof d1), hex(d256, sizeof d256)};
}

std::array<std::uint8_t, 32> sha256(ByteView data) {
  std::array<std::uint8_t, 32> out{};
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), data.data());
  sha256_digest(&ctx, out.size(), out.data());
  return out;
}

std::string sha256_hex(ByteView data) {
  auto d = sha256(data);
  return hex(d.data(), static_cast<unsigned>(d.size()));
}

}  // namespace lg
