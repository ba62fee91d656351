// Digests through Nettle: plain functions over a context on the stack, nothing to initialise.
// (OpenSSL 3's first algorithm fetch loads its provider and registers every algorithm name,
// which cost more than a whole scan of a small file in a one-process-per-file run.)
#include "core/hash.h"

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include <algorithm>
#include <array>
#include <string_view>

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

Digests md5_sha1(ByteView data) {
  md5_ctx md5;
  sha1_ctx sha1;
  md5_init(&md5);
  sha1_init(&sha1);
  // Feed in blocks so the two contexts share the cache.
  constexpr std::size_t kBlock = 64 * 1024;
  for (std::size_t off = 0; off < data.size(); off += kBlock) {
    const std::size_t n = std::min(kBlock, data.size() - off);
    md5_update(&md5, n, data.data() + off);
    sha1_update(&sha1, n, data.data() + off);
  }
  unsigned char d5[MD5_DIGEST_SIZE], d1[SHA1_DIGEST_SIZE];
  md5_digest(&md5, sizeof d5, d5);
  sha1_digest(&sha1, sizeof d1, d1);
  return {hex(d5, sizeof d5), hex(d1, sizeof d1), {}};
}

bool wants_md5_sha1(std::string_view relation, FileType type) {
  // The relations analyzers give to structure rather than files (see ChildInfo::relation).
  static constexpr std::array<std::string_view, 4> kInternal = {"body", "objdata", "stream",
                                                                "volume"};
  if (type == FileType::kMessage) return false;  // a message is known by its Message-ID
  if (std::find(kInternal.begin(), kInternal.end(), relation) == kInternal.end()) return true;
  return file_type_is_executable(type) || file_type_is_script(type);
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
