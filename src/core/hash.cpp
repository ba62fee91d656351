#include "core/hash.h"

#include <openssl/evp.h>

#include <array>
#include <memory>

namespace lg {
namespace {

struct CtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, CtxFree>;

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
  const EVP_MD* mds[3] = {EVP_md5(), EVP_sha1(), EVP_sha256()};
  std::array<MdCtx, 3> ctx;
  for (int i = 0; i < 3; ++i) {
    ctx[i].reset(EVP_MD_CTX_new());
    EVP_DigestInit_ex(ctx[i].get(), mds[i], nullptr);
  }
  // Feed in blocks so the three contexts share the cache.
  constexpr std::size_t kBlock = 64 * 1024;
  for (std::size_t off = 0; off < data.size(); off += kBlock) {
    std::size_t n = std::min(kBlock, data.size() - off);
    for (auto& c : ctx) EVP_DigestUpdate(c.get(), data.data() + off, n);
  }
  std::string out[3];
  for (int i = 0; i < 3; ++i) {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(ctx[i].get(), buf, &n);
    out[i] = hex(buf, n);
  }
  return {std::move(out[0]), std::move(out[1]), std::move(out[2])};
}

std::string sha256_hex(ByteView data) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_Digest(data.data(), data.size(), buf, &n, EVP_sha256(), nullptr);
  return hex(buf, n);
}

}  // namespace lg
