#include "detect/crypto_secrets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lg {
namespace {

std::vector<SecretMatch> keys(std::string_view text) {
  std::vector<SecretMatch> out;
  find_private_keys(text, out);
  return out;
}

// Bitcoin wiki "Wallet import format" example key 0C28FCA3...AA1D, uncompressed and
// compressed; BIP-32 test vector 1 master keys.
TEST(PrivateKeys, WifAndXprvVectors) {
  auto k = keys(
      "key 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ and "
      "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617.");
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].kind, "WIF private key");
  EXPECT_EQ(k[0].masked, "5Hue\xE2\x80\xA6vyTJ (51 chars)");
  EXPECT_EQ(k[1].kind, "WIF private key (compressed)");
  k = keys(
      "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRN"
      "NU3TGtRBeJgk33yuGBxrMPHi");
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].kind, "BIP-32 extended private key (xprv)");
  EXPECT_EQ(k[0].masked.find("3TGt"), std::string::npos);  // the middle never shows
  // The matching xpub is public: not a secret.
  EXPECT_TRUE(
      keys("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8Y"
           "tGqsefD265TMg7usUDFdp6W1EGMcet8")
          .empty());
  // One character changed: the checksum fails.
  EXPECT_TRUE(keys("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK").empty());
}

TEST(PrivateKeys, HexKeysNeedAKeyWord) {
  const std::string hex = "0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d";
  EXPECT_TRUE(keys("SHA-256: " + hex).empty());
  auto k = keys("Private key: 0x" + hex);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].kind, "64-hex-digit private key");
  EXPECT_EQ(keys("개인키 " + hex).size(), 1u);
  EXPECT_EQ(keys("秘密鍵：" + hex).size(), 1u);
  EXPECT_TRUE(keys("private key " + hex + "ff").empty());  // 66 digits: not a key
}

TEST(PrivateKeys, EthereumKeystore) {
  // Web3 Secret Storage test vector layout (scrypt).
  auto k = keys(
      R"({"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
"kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3})");
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].masked, "keystore JSON (scrypt)");
  EXPECT_TRUE(keys(R"({"ciphertext": "abc"})").empty());
}

TEST(PrivateKeys, Masking) {
  EXPECT_EQ(mask_secret("short"), "(5 chars)");
  EXPECT_EQ(mask_secret("abcdefghijklmnopq"), "abcd\xE2\x80\xA6nopq (17 chars)");
}

}  // namespace
}  // namespace lg
