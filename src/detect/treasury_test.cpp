#include "detect/treasury.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detect/text_scanner.h"

namespace lg {
namespace {

class Sink : public DetectorSink {
 public:
  void finding(Symbol s, Evidence e) override { findings.emplace_back(s, std::move(e)); }
  Observables& observables() override { return obs; }
  int object_id() const override { return 0; }
  std::vector<std::pair<Symbol, Evidence>> findings;
  Observables obs;
};

constexpr std::string_view kOurs = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
constexpr std::string_view kOther = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
constexpr std::string_view kEth = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

std::vector<std::pair<Symbol, Evidence>> run(const TreasuryChecker& t, std::string_view text) {
  std::vector<CryptoAddress> found;
  find_crypto_addresses(text, found);
  Sink sink;
  t.check(text, found, sink);
  return sink.findings;
}

TEST(Treasury, ChangeWording) {
  EXPECT_EQ(TreasuryChecker::change_wording("Please note our NEW\n deposit  address:"),
            "new deposit address");
  EXPECT_EQ(TreasuryChecker::change_wording("入金アドレスの変更のお知らせ"), "入金アドレスの変更");
  EXPECT_EQ(TreasuryChecker::change_wording("입금 주소 변경 안내"), "입금주소변경");
  EXPECT_EQ(TreasuryChecker::change_wording("we will renew address books"), "");
  EXPECT_EQ(TreasuryChecker::change_wording("Invoice attached. Pay to the address below."), "");
}

TEST(Treasury, SwapOfTheSameChainWithChangeWording) {
  TreasuryChecker t({std::string(kOurs)});
  EXPECT_TRUE(t.invalid().empty());
  auto f = run(t, "Our new deposit address is " + std::string(kOther) + ", please update it.");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first, Symbol::CRYPTO_TREASURY_SWAP);
  EXPECT_EQ(f[0].second.value, kOther);
  EXPECT_NE(f[0].second.detail.find("btc"), std::string::npos);
  EXPECT_NE(f[0].second.detail.find("new deposit address"), std::string::npos);
  // Korean and Japanese wording.
  EXPECT_EQ(run(t, "지갑 주소가 변경되었습니다: " + std::string(kOther)).size(), 1u);
  EXPECT_EQ(run(t, "新しい入金アドレス " + std::string(kOther)).size(), 1u);
}

TEST(Treasury, NoFindingWithoutAllThree) {
  TreasuryChecker t({std::string(kOurs)});
  // Our own address presented as new is fine.
  EXPECT_TRUE(run(t, "Our new deposit address is " + std::string(kOurs)).empty());
  // Another chain than the treasury's.
  EXPECT_TRUE(run(t, "Our new deposit address is " + std::string(kEth)).empty());
  // No change wording.
  EXPECT_TRUE(run(t, "Donations: " + std::string(kOther)).empty());
  // Change wording too far away.
  EXPECT_TRUE(
      run(t, "New deposit address." + std::string(900, ' ') + "x " + std::string(kOther)).empty());
  // No treasury configured.
  TreasuryChecker none;
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(run(none, "Our new deposit address is " + std::string(kOther)).empty());
}

TEST(Treasury, InvalidConfiguredAddresses) {
  TreasuryChecker t({"not-an-address", std::string(kEth)});
  ASSERT_EQ(t.invalid().size(), 1u);
  EXPECT_EQ(t.invalid()[0], "not-an-address");
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(run(t, "Updated wallet: 0xde709f2102306220921060314715629080e2fb77").size(), 1u);
}

}  // namespace
}  // namespace lg
