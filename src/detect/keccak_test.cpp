#include "detect/keccak.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <algorithm>
#include <string>

namespace lg {
namespace {

std::string hex(const Keccak256Digest& d) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

// Vectors from the Keccak team's KeccakKAT (ShortMsgKAT_256, original padding) and the values
// Ethereum clients use (web3.utils.keccak256).
TEST(Keccak256, KnownAnswers) {
  EXPECT_EQ(hex(keccak256("")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(hex(keccak256("abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(hex(keccak256("The quick brown fox jumps over the lazy dog")),
            "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak256, PermutationMatchesOpenSslSha3AtEveryLength) {
  // Same sponge with the FIPS 202 domain byte must equal OpenSSL's SHA3-256 for lengths that
  // cross the 136-byte rate once, twice and three times.
  std::string m;
  for (std::size_t n = 0; n <= 420; ++n) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    ASSERT_EQ(EVP_Digest(m.data(), m.size(), md, &len, EVP_sha3_256(), nullptr), 1);
    Keccak256Digest want;
    std::copy(md, md + 32, want.begin());
    ASSERT_EQ(sha3_256(m), want) << "length " << n;
    m.push_back(static_cast<char>(n * 7 + 1));
  }
  EXPECT_NE(keccak256(std::string(136, 'a')), sha3_256(std::string(136, 'a')));
}

}  // namespace
}  // namespace lg
