#include "detect/crypto_address.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "detect/text_chars.h"

namespace lg {
namespace {

// Every maximal letter-digit run at least `min_len` long, found byte by byte.
std::vector<std::pair<std::size_t, std::size_t>> runs_by_bytes(std::string_view s,
                                                               std::size_t min_len) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !text_chars::is_alnum(static_cast<unsigned char>(s[i]))) ++i;
    const std::size_t start = i;
    while (i < s.size() && text_chars::is_alnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start && i - start >= min_len) out.emplace_back(start, i);
  }
  return out;
}

TEST(TextChars, LongAlnumRunsProbeWithoutMissingAny) {
  // Runs of every length around the probe step, at every offset, in ASCII and UTF-8 text.
  std::uint64_t x = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    // Up to four 64-byte blocks, with runs long and short (every third round mostly letters).
    const std::size_t len = round % 97 + (round % 5 == 0 ? 160 : 0);
    for (std::size_t k = 0; k < len; ++k) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      static constexpr std::string_view kBytes = "aZ09 .-\xE3\x81\x82x\x7f\xff@[`{/:";
      s += x % (round % 3 == 0 ? 29 : 3) == 0 ? kBytes[x % kBytes.size()] : 'q';
    }
    for (std::size_t min_len : {1, 2, 11, 51, 64, 65, 100}) {
      std::vector<text_chars::Run> runs;
      text_chars::long_alnum_runs(s, min_len, runs);
      std::vector<std::pair<std::size_t, std::size_t>> got;
      for (const auto& r : runs) got.emplace_back(r.begin, r.end);
      ASSERT_EQ(got, runs_by_bytes(s, min_len)) << s << " " << min_len;
    }
  }
}

std::string chain_of(std::string_view s) {
  auto a = validate_crypto_address(s);
  return a ? a->chain : "-";
}

// EIP-55 "Test Cases" (all-caps, all-lower and mixed).
TEST(Eip55, SpecVectors) {
  for (const char* a :
       {"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
    EXPECT_TRUE(eip55_valid(a)) << a;
    std::string lower(a);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(eip55_encode(lower), a);
  }
  EXPECT_EQ(eip55_encode("52908400098527886e0f7030069857d2e4169ee7"),
            "52908400098527886E0F7030069857D2E4169EE7");
  EXPECT_EQ(eip55_encode("de709f2102306220921060314715629080e2fb77"),
            "de709f2102306220921060314715629080e2fb77");
}

TEST(CryptoAddress, EthereumChecksumRules) {
  auto mixed = validate_crypto_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->address, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
  EXPECT_TRUE(mixed->checksummed);
  // One letter's case flipped: a typo or a forgery, not an address.
  EXPECT_FALSE(validate_crypto_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
  auto lower = validate_crypto_address("0xde709f2102306220921060314715629080e2fb77");
  ASSERT_TRUE(lower);
  EXPECT_FALSE(lower->checksummed);
  auto upper = validate_crypto_address("0x52908400098527886E0F7030069857D2E4169EE7");
  ASSERT_TRUE(upper);
  EXPECT_FALSE(upper->checksummed);
  EXPECT_FALSE(validate_crypto_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"));  // 39
}

TEST(CryptoAddress, ChainsOfRealAddresses) {
  EXPECT_EQ(chain_of("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), "btc");
  EXPECT_EQ(chain_of("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), "btc");
  EXPECT_EQ(chain_of("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), "btc");
  EXPECT_EQ(chain_of("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"), "btc");
  // From the OFAC lists in ../shared/corpus/intel/ofac.
  EXPECT_EQ(chain_of("LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb"), "ltc");
  EXPECT_EQ(chain_of("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre"), "trx");
  EXPECT_EQ(chain_of("rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66"), "xrp");
  EXPECT_EQ(chain_of("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"), "xrp");  // XRP genesis account
  EXPECT_EQ(chain_of("XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2"), "dash");
  EXPECT_EQ(chain_of("t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL"), "zec");
  EXPECT_EQ(chain_of("GPwg61XoHqQPNmAucFACuQ5H9sGCDv9TpS"), "btg");
  EXPECT_EQ(chain_of("DFFJhnQNZf8rf67tYnesPu7MuGUpYtzv7Z"), "doge");  // Verge shares 0x1e
  EXPECT_EQ(chain_of("qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq"), "bch");
  EXPECT_EQ(
      chain_of("49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhH"
               "EqpDYKBe5B2ufNsL"),
      "xmr");
  // Invalid look-alikes: one character changed.
  EXPECT_EQ(chain_of("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLrf"), "-");
  EXPECT_EQ(chain_of("rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh67"), "-");
  EXPECT_EQ(chain_of("qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhp"), "-");
  EXPECT_EQ(
      chain_of("49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhH"
               "EqpDYKBe5B2ufNsM"),
      "-");
}

TEST(CryptoAddress, FindsAddressesInProse) {
  std::string text =
      "Please send the deposit to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, or in ETH to "
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed (not 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD)."
      " BCH: bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a. Explorer: "
      "https://tronscan.org/#/address/TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\n"
      "送金先は bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 です。";
  std::vector<CryptoAddress> out;
  find_crypto_addresses(text, out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].chain, "btc");
  EXPECT_EQ(text.substr(out[0].begin, out[0].end - out[0].begin),
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  EXPECT_EQ(out[1].chain, "eth");
  EXPECT_EQ(out[2].address, "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a");
  EXPECT_EQ(out[3].chain, "trx");
  EXPECT_EQ(out[4].address, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
}

TEST(CryptoAddress, LongerRunsAndHashesAreNotAddresses) {
  std::vector<CryptoAddress> out;
  // A transaction hash (0x + 64 hex) and an address glued to more letters.
  find_crypto_addresses(
      "tx 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed5aaeb6053f3e94c9b9a09f33 and "
      "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNaX",
      out);
  EXPECT_TRUE(out.empty());
  find_crypto_addresses(std::string(100'000, 'a'), out);
  EXPECT_TRUE(out.empty());
}

TEST(CryptoAddress, CapsItems) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ";
  std::vector<CryptoAddress> out;
  find_crypto_addresses(text, out, 10);
  EXPECT_EQ(out.size(), 10u);
}

}  // namespace
}  // namespace lg
