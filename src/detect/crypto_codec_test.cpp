#include "detect/crypto_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lg::crypto_codec {
namespace {

std::string hex(const ByteVec& v) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (auto b : v) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

ByteVec unhex(std::string_view h) {
  ByteVec v;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    v.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return v;
}

// Bitcoin Core src/test/data/base58_encode_decode.json.
TEST(Base58, BitcoinCoreVectors) {
  const std::pair<const char*, const char*> kVectors[] = {
      {"61", "2g"},
      {"626262", "a3gV"},
      {"636363", "aPEr"},
      {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
      {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
      {"516b6fcd0f", "ABnLTmg"},
      {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
      {"572e4794", "3EFU7m"},
      {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
      {"10c8511e", "Rt5zm"},
      {"00000000000000000000", "1111111111"},
  };
  for (const auto& [h, b58] : kVectors) {
    auto d = base58_decode(b58, kBitcoinAlphabet);
    ASSERT_TRUE(d) << b58;
    EXPECT_EQ(hex(*d), h) << b58;
  }
  EXPECT_FALSE(base58_decode("0OIl", kBitcoinAlphabet));
  EXPECT_FALSE(base58_decode(std::string(200, '2'), kBitcoinAlphabet));  // over the cap
}

TEST(Base58Check, AddressesAndRoundTrip) {
  auto genesis = base58check_decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  ASSERT_TRUE(genesis);
  EXPECT_EQ(hex(*genesis), "0062e907b15cbf27d5425399ebf6f0fb50ebb88f18");
  auto p2sh = base58check_decode("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
  ASSERT_TRUE(p2sh);
  EXPECT_EQ(hex(*p2sh), "05b472a266d0bd89c13706a4132ccfb16f7c3b9fcb");
  EXPECT_FALSE(base58check_decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"));  // one character off
  EXPECT_EQ(base58check_encode(*genesis), "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  // XRP genesis account, Ripple alphabet.
  auto xrp = base58check_decode("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", kRippleAlphabet);
  ASSERT_TRUE(xrp);
  EXPECT_EQ(xrp->size(), 21u);
  EXPECT_EQ((*xrp)[0], 0);
}

// BIP-173 "Test vectors": valid Bech32 strings.
TEST(Bech32, Bip173ValidStrings) {
  for (const std::string& s : std::vector<std::string>{
           "A12UEL5L", "a12uel5l",
           "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedch"
           "aractersbio1tt5tgs",
           "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "11" + std::string(82, 'q') + "c8247j",
           "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"}) {
    auto d = bech32_decode(s);
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(d->variant, Bech32Variant::kBech32) << s;
  }
}

// BIP-350 "Test vectors for Bech32m": valid strings.
TEST(Bech32, Bip350ValidStrings) {
  for (const std::string& s : std::vector<std::string>{
           "A1LQFN3A", "a1lqfn3a",
           "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbi"
           "oandnumber11sg7hg6",
           "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", "11" + std::string(83, 'l') + "udsr8",
           "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa"}) {
    auto d = bech32_decode(s);
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(d->variant, Bech32Variant::kBech32m) << s;
  }
}

TEST(Bech32, Bip173And350InvalidStrings) {
  for (std::string s :
       {std::string("\x20") + "1nwldj5", std::string("\x7f") + "1axkwrx",
        std::string("\x80") + "1eym55h",
        std::string("an84characterslonghumanreadablepartthatcontainsthenumber1andt"
                    "heexcludedcharactersbio1569pvx"),
        std::string("pzry9x0s0muk"), std::string("1pzry9x0s0muk"), std::string("x1b4n0q5v"),
        std::string("li1dgmt3"), std::string("de1lg7wt") + "\xff", std::string("A1G7SGD8"),
        std::string("10a06t8"), std::string("1qzzfhee"),
        // BIP-350 invalid Bech32m strings
        std::string("qyrz8wqd2c9m"), std::string("1qyrz8wqd2c9m"), std::string("y1b0jsk6g"),
        std::string("lt1igcx5c0"), std::string("in1muywd"), std::string("mm1crxm3i"),
        std::string("au1s5cgom"), std::string("M1VUXWEZ"), std::string("16plkw9"),
        std::string("1p2gdwpf")})
    EXPECT_FALSE(bech32_decode(s)) << s;
}

TEST(Segwit, Bip350ValidAddresses) {
  const std::tuple<const char*, const char*, const char*> kValid[] = {
      {"bc", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
       "0014751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"tb", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
       "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"},
      {"bc", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
       "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"bc", "BC1SW50QGDZ25J", "6002751e"},
      {"bc", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"},
      {"tb", "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
       "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
      {"tb", "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
       "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
      {"bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
       "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"},
  };
  for (const auto& [hrp, addr, script] : kValid) {
    auto a = segwit_decode(hrp, addr);
    ASSERT_TRUE(a) << addr;
    // scriptPubKey: OP_n (0 or 0x50+n), push length, program.
    ByteVec spk{static_cast<std::uint8_t>(a->version ? 0x50 + a->version : 0),
                static_cast<std::uint8_t>(a->program.size())};
    spk.insert(spk.end(), a->program.begin(), a->program.end());
    EXPECT_EQ(hex(spk), script) << addr;
  }
}

TEST(Segwit, Bip173And350InvalidAddresses) {
  const std::pair<const char*, const char*> kInvalid[] = {
      {"tb", "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut"},
      {"bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd"},
      {"tb", "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf"},
      {"bc", "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL"},
      {"bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh"},
      {"tb", "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47"},
      {"bc", "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4"},
      {"bc", "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R"},
      {"bc", "bc1pw5dgrnzv"},
      {"bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav"},
      {"bc", "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P"},
      {"tb", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq"},
      {"bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf"},
      {"tb", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j"},
      {"bc", "bc1gmk9yu"},
      // BIP-173's own invalid addresses
      {"bc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"},
      {"bc", "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2"},
      {"bc", "bc1rw5uspcuh"},
      {"bc", "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90"},
      {"tb", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7"},
      {"bc", "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du"},
      {"tb", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv"},
  };
  for (const auto& [hrp, addr] : kInvalid) EXPECT_FALSE(segwit_decode(hrp, addr)) << addr;
  // A valid testnet address is not a mainnet one.
  EXPECT_FALSE(
      segwit_decode("bc", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"));
}

// cashaddr specification, "Examples of address translation": each pair is one hash.
TEST(CashAddr, SpecTranslationExamples) {
  const std::pair<const char*, const char*> kPairs[] = {
      {"1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
       "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"},
      {"1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR",
       "bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy"},
      {"16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb",
       "bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r"},
      {"3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC",
       "bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq"},
      {"3LDsS579y7sruadqu11beEJoTjdFiFCdX4",
       "bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e"},
      {"31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw",
       "bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37"},
  };
  for (const auto& [legacy, cash] : kPairs) {
    auto l = base58check_decode(legacy);
    auto c = cashaddr_decode(cash);
    ASSERT_TRUE(l) << legacy;
    ASSERT_TRUE(c) << cash;
    EXPECT_EQ(hex(ByteVec(l->begin() + 1, l->end())), hex(c->hash)) << cash;
    EXPECT_EQ((c->version >> 3) & 15, (*l)[0] == 0 ? 0 : 1) << cash;
    // Without the prefix and in upper case it is the same address.
    std::string bare = std::string(cash).substr(12);
    EXPECT_TRUE(cashaddr_decode(bare)) << bare;
    for (char& ch : bare) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(cashaddr_decode(bare)) << bare;
  }
  EXPECT_FALSE(cashaddr_decode("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6b"));
  EXPECT_FALSE(cashaddr_decode("bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"));
  EXPECT_FALSE(cashaddr_decode("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvY22gdx6a"));
}

TEST(ConvertBits, PaddingRules) {
  EXPECT_EQ(hex(*convert_bits(unhex("ff"), 8, 5, true)), "1f1c");
  EXPECT_FALSE(convert_bits(ByteVec{31, 31}, 5, 8, false));  // non-zero padding
}

}  // namespace
}  // namespace lg::crypto_codec
