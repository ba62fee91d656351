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

// Explicitly fetched algorithms, kept for the life of the process (thread-safe statics).
// EVP_md5() and kin make EVP_DigestInit_ex fetch the implementation again on every call,
// which costs more than hashing a small object.
struct Fetched {
  EVP_MD* md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  EVP_MD* sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
};

const Fetched& fetched() {
  static const Fetched f;
  return f;
}

const EVP_MD* or_legacy(const EVP_MD* md, const EVP_MD* legacy) { return md ? md : legacy; }

}  // namespace

Digests digest_all(ByteView data) {
  const Fetched& f = fetched();
  const EVP_MD* mds[3] = {or_legacy(f.md5, EVP_md5()), or_legacy(f.sha1, EVP_sha1()),
                          or_legacy(f.sha256, EVP_sha256())};
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

std::array<std::uint8_t, 32> sha256(ByteView data) {
  std::array<std::uint8_t, 32> out{};
  unsigned n = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &n, or_legacy(fetched().sha256, EVP_sha256()),
             nullptr);
  return out;
}

std::string sha256_hex(ByteView data) {
  auto d = sha256(data);
  return hex(d.data(), static_cast<unsigned>(d.size()));
}

}  // namespace lg
