// The engine with intelligence loaded: [intel] sanctions in the config, the real OFAC address
// lists, a message whose body names sanctioned addresses and carries a recovery phrase.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "detect/crypto_address.h"
#include "engine/engine.h"
#include "report/report_json.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
const std::string kOfacDir = std::string(LG_SHARED_DIR) + "/corpus/intel/ofac";

std::string message(const std::string& body) {
  return "From: Treasury Desk <desk@exchange-ops.example>\r\n"
         "To: finance@victim.example\r\n"
         "Subject: urgent settlement\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
         body;
}

std::size_t count(const Report& r, std::string_view symbol) {
  return static_cast<std::size_t>(std::count_if(
      r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.symbol == symbol; }));
}

TEST(Config, IntelSanctionsPaths) {
  EXPECT_TRUE(default_config().intel.sanctions.empty());  // nothing implicit
  auto c = parse_config("[intel]\nsanctions = [\"/a\", \"b.xml\"]\n");
  ASSERT_TRUE(c) << c.status().message();
  EXPECT_EQ(c->intel.sanctions, (std::vector<std::string>{"/a", "b.xml"}));
  EXPECT_FALSE(parse_config("[intel]\nsanction = [\"/a\"]\n"));
  EXPECT_FALSE(parse_config("[intel]\nsanctions = \"/a\"\n"));
  // Relative paths are taken from the config file's directory.
  fs::path dir = fs::temp_directory_path() / "lg_engine_intel_test";
  fs::create_directories(dir);
  std::ofstream(dir / "lg.toml") << "[intel]\nsanctions = [\"lists\", \"/abs.txt\"]\n";
  auto loaded = load_config((dir / "lg.toml").string());
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->intel.sanctions[0], (dir / "lists").string());
  EXPECT_EQ(loaded->intel.sanctions[1], "/abs.txt");
  fs::remove_all(dir);
}

TEST(EngineIntel, MissingListIsAnError) {
  Config c = default_config();
  c.intel.sanctions = {kOfacDir + "/missing.txt"};
  auto e = Engine::create(c);
  ASSERT_FALSE(e);
  EXPECT_NE(e.status().message().find("missing.txt"), std::string::npos);
}

// Every address of the real OFAC lists that passes its checksum, written in one message
// body, is an observable marked sanctioned with a finding naming its list.
TEST(EngineIntel, EveryValidOfacAddressInAMessageIsSanctioned) {
  auto c = parse_config("[intel]\nsanctions = [\"" + kOfacDir + "\"]\n");
  ASSERT_TRUE(c);
  auto engine = Engine::create(*c);
  ASSERT_TRUE(engine) << engine.status().message();
  EXPECT_GT((*engine)->sanctions().size(), 600u);

  std::string body = "Please settle to one of these:\r\n";
  std::vector<std::string> valid;
  for (const auto& f : fs::directory_iterator(kOfacDir)) {
    std::ifstream in(f.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || !validate_crypto_address(line)) continue;
      valid.push_back(line);
      body += line + "\r\n";
    }
  }
  Report r = (*engine)->scan("settlement.eml", as_bytes(message(body)));
  std::size_t sanctioned = 0;
  for (const auto& a : r.observables.crypto_addresses) {
    EXPECT_TRUE(a.sanctioned) << a.address;
    EXPECT_FALSE(a.list_entry.empty()) << a.address;
    sanctioned += a.sanctioned;
  }
  // The same EVM address appears on several chains' lists: one observable each.
  std::vector<std::string> keys;
  for (const auto& v : valid) keys.push_back(SanctionsList::normalize(v));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  EXPECT_EQ(sanctioned, keys.size());
  EXPECT_EQ(count(r, "CRYPTO_SANCTIONED_ADDRESS"), keys.size());
  EXPECT_EQ(r.verdict, Verdict::kMalicious);  // 20 points on its own
}

TEST(EngineIntel, ReportJsonCarriesAddressesAndMasksSecrets) {
  SanctionsList list;
  ASSERT_TRUE(list.add_text("sanctioned_addresses_TRX.txt", "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\n")
                  .is_ok());
  Engine engine(default_config(), std::move(list));
  Report r = engine.scan(
      "bait.eml",
      as_bytes(message("Deposit USDT (TRC-20) to TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre.\r\n"
                       "Test wallet seed: legal winner thank year wave sausage worth useful "
                       "legal winner thank yellow\r\n"
                       "ETH refund from 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\r\n")));
  ASSERT_EQ(r.observables.crypto_addresses.size(), 2u);
  EXPECT_EQ(r.observables.crypto_addresses[0].chain, "trx");
  EXPECT_TRUE(r.observables.crypto_addresses[0].sanctioned);
  EXPECT_EQ(r.observables.crypto_addresses[0].list_entry, "sanctioned_addresses_TRX.txt (TRX)");
  EXPECT_FALSE(r.observables.crypto_addresses[1].sanctioned);
  EXPECT_EQ(count(r, "SECRET_MNEMONIC"), 1u);
  std::string json = report_to_json(r, false);
  EXPECT_NE(
      json.find(
          R"j("crypto_addresses":[{"address":"TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre","chain":"trx","checksummed":true,"sanctioned":true,"list_entry":"sanctioned_addresses_TRX.txt (TRX)","object_id":)j"),
      std::string::npos)
      << json;
  EXPECT_EQ(json.find("sausage"), std::string::npos);  // the phrase never reaches the report
}

}  // namespace
}  // namespace lg
