#include "detect/crypto_scanner.h"
#include "core/testing/test_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "detect/crypto_address.h"
#include "detect/text_scanner.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
const fs::path kOfacDir = fs::path(LG_SHARED_DIR) / "corpus/intel/ofac";

class Sink : public DetectorSink {
 public:
  void finding(Symbol s, Evidence e) override { findings.emplace_back(s, std::move(e)); }
  Observables& observables() override { return obs; }
  int object_id() const override { return 3; }
  int count(Symbol s) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [&](const auto& f) { return f.first == s; }));
  }
  std::vector<std::pair<Symbol, Evidence>> findings;
  Observables obs;
};

using lg::testing::read_file;

// Every address in the real OFAC lists that passes its own checksum is flagged when it is
// written in a message body; those that do not validate are printed (and counted).
TEST(CryptoScanner, EveryValidOfacAddressIsFlagged) {
  auto list = SanctionsList::load({kOfacDir.string()});
  ASSERT_TRUE(list) << list.status().message();
  TextScanner scanner(&*list);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kOfacDir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::size_t valid = 0, invalid = 0;
  for (const auto& f : files) {
    std::ifstream in(f);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      Sink sink;
      scanner.scan_text(TextKind::kBody, "Please pay the invoice to " + line + " today.", sink);
      if (!validate_crypto_address(line)) {
        ++invalid;
        std::printf("not a valid address in %s: %s\n", f.filename().c_str(), line.c_str());
        EXPECT_TRUE(sink.obs.crypto_addresses.empty()) << line;
        continue;
      }
      ++valid;
      ASSERT_EQ(sink.obs.crypto_addresses.size(), 1u) << line;
      const auto& o = sink.obs.crypto_addresses[0];
      EXPECT_TRUE(o.sanctioned) << line;
      EXPECT_EQ(o.object_id, 3);
      EXPECT_FALSE(o.list_entry.empty());
      ASSERT_EQ(sink.count(Symbol::CRYPTO_SANCTIONED_ADDRESS), 1) << line;
      EXPECT_EQ(sink.findings[0].second.value, o.address);
    }
  }
  std::printf("OFAC lists: %zu addresses validated and flagged, %zu fail their checksum\n", valid,
              invalid);
  EXPECT_GT(valid, 600u);
  EXPECT_LT(invalid, 10u);
}

TEST(CryptoScanner, ObservablesOncePerAddressAndUnsanctioned) {
  SanctionsList empty;
  TextScanner scanner(&empty);
  Sink sink;
  scanner.scan_text(
      TextKind::kBody,
      "Send 0.5 BTC to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa (again: "
      "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa) or 0xde709f2102306220921060314715629080e2fb77",
      sink);
  ASSERT_EQ(sink.obs.crypto_addresses.size(), 2u);
  EXPECT_EQ(sink.obs.crypto_addresses[0].chain, "btc");
  EXPECT_FALSE(sink.obs.crypto_addresses[0].sanctioned);
  EXPECT_EQ(sink.obs.crypto_addresses[1].chain, "eth");
  EXPECT_FALSE(sink.obs.crypto_addresses[1].checksummed);
  EXPECT_TRUE(sink.findings.empty());
}

TEST(CryptoScanner, SecretsAreMasked) {
  TextScanner scanner;
  Sink sink;
  const std::string phrase =
      "legal winner thank year wave sausage worth useful legal winner thank yellow";
  scanner.scan_text(TextKind::kBody,
                    "To verify your wallet, enter your seed: " + phrase +
                        "\nand key 5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
                    sink);
  ASSERT_EQ(sink.count(Symbol::SECRET_MNEMONIC), 1);
  ASSERT_EQ(sink.count(Symbol::SECRET_PRIVATE_KEY), 1);
  for (const auto& [s, e] : sink.findings) {
    EXPECT_EQ(e.value.find("winner"), std::string::npos) << e.value;
    EXPECT_EQ(e.value.find("CGU8rMjx"), std::string::npos) << e.value;
  }
  EXPECT_EQ(sink.findings[0].second.value, "legal \xE2\x80\xA6 yellow (12 words)");
}

// Ham mail holds no recovery phrases, keys or sanctioned addresses; prints scan_text speed
// with and without the crypto detectors (no assertion on speed).
TEST(CryptoScanner, HamCorpusQuietAndSpeed) {
  fs::path dir = fs::path(LG_SHARED_DIR) / "corpus/mail/ham";
  ASSERT_TRUE(fs::is_directory(dir));
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    texts.push_back(read_file(e.path()));
    bytes += texts.back().size();
  }
  auto list = SanctionsList::load({kOfacDir.string()});
  ASSERT_TRUE(list);
  TextScanner scanner(&*list);
  CryptoScanner crypto(&*list);
  std::size_t addresses = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& t : texts) {
    Sink sink;
    scanner.scan_text(TextKind::kBody, t, sink);
    addresses += sink.obs.crypto_addresses.size();
    EXPECT_EQ(sink.count(Symbol::SECRET_MNEMONIC), 0);
    EXPECT_EQ(sink.count(Symbol::SECRET_PRIVATE_KEY), 0);
    EXPECT_EQ(sink.count(Symbol::CRYPTO_SANCTIONED_ADDRESS), 0);
  }
  auto t1 = std::chrono::steady_clock::now();
  for (const auto& t : texts) {
    Sink sink;
    crypto.scan(TextKind::kBody, t, sink);
  }
  auto t2 = std::chrono::steady_clock::now();
  double all = std::chrono::duration<double>(t1 - t0).count();
  double only_crypto = std::chrono::duration<double>(t2 - t1).count();
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("ham: %zu texts, %.1f MB, %zu crypto addresses\n", texts.size(), mb, addresses);
  std::printf("scan_text: %.1f MB/s with crypto, %.1f MB/s without (crypto alone %.1f MB/s)\n",
              mb / all, mb / std::max(all - only_crypto, 1e-9), mb / only_crypto);
}

}  // namespace
}  // namespace lg
