// The DNS key resolver against a DNS server the test runs on 127.0.0.1 (never elsewhere).
#include <gtest/gtest.h>

#include <chrono>

#include "detect/dkim.h"
#include "detect/dkim_keys.h"
#include "detect/testing/dkim_signer.h"
#include "detect/testing/dns_responder.h"

namespace lg {
namespace {

using testing::LoopbackDnsServer;
using testing::SignOptions;

const std::string kMessage =
    "From: Treasury Desk <desk@example.com>\r\n"
    "To: ops@example.org\r\n"
    "Subject: Settlement window\r\n"
    "\r\n"
    "The settlement window moves to 14:00 tomorrow.\r\n";

// `record` cut into character-strings of at most `piece` bytes ([RFC 6376] 3.6.2.2).
std::vector<std::string> split(const std::string& record, std::size_t piece) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < record.size(); at += piece) out.push_back(record.substr(at, piece));
  return out;
}

// The verdict on kMessage signed by `key` with `selector`, keys from `dns`.
DkimVerdict verify_signed(EVP_PKEY* key, const std::string& selector, const DnsKeyResolver& dns) {
  SignOptions opts;
  opts.selector = selector;
  auto verdicts =
      verify_dkim(testing::message_info_of(testing::dkim_sign(kMessage, key, opts)), &dns);
  EXPECT_EQ(verdicts.size(), 1u);
  return verdicts.empty() ? DkimVerdict{} : verdicts.front();
}

Nameserver at(const LoopbackDnsServer& server) {
  auto ns = parse_nameserver("127.0.0.1:" + std::to_string(server.port()));
  EXPECT_TRUE(ns.has_value());
  return ns ? *ns : Nameserver{};
}

TEST(DkimDns, ParsesNameservers) {
  auto ns = parse_nameserver("127.0.0.1:5353");
  ASSERT_TRUE(ns.has_value());
  EXPECT_EQ(ns->port, 5353);
  EXPECT_EQ(ns->address[0], 127);
  EXPECT_EQ(ns->address[3], 1);
  ns = parse_nameserver("192.0.2.7");
  ASSERT_TRUE(ns.has_value());
  EXPECT_EQ(ns->port, 53);
  for (const char* bad : {"", "localhost", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536",
                          "127.0.0.1:53x", "::1", "[::1]:53", "1.2.3"})
    EXPECT_FALSE(parse_nameserver(bad).has_value()) << bad;
}

TEST(DkimDns, ConcatenatesTheStringsOfARecordAndVerifies) {
  LoopbackDnsServer server;
  ASSERT_TRUE(server.running());
  auto key = testing::make_ed25519_key();
  const std::string record = testing::key_record(key.get());
  server.add_txt("sel._domainkey.example.com", split(record, 10));
  const DnsKeyResolver dns(at(server));
  const KeyLookup found = dns.lookup("sel._domainkey.example.com");
  ASSERT_EQ(found.outcome, KeyLookup::Outcome::kFound);
  EXPECT_EQ(found.record, record);

  const DkimVerdict v = verify_signed(key.get(), "sel", dns);
  EXPECT_EQ(v.status, DkimStatus::kPass) << v.detail;
  EXPECT_GT(server.udp_queries(), 0);
}

TEST(DkimDns, LongRecordsComeOverTcpAfterATruncatedUdpAnswer) {
  LoopbackDnsServer server;
  ASSERT_TRUE(server.running());
  auto key = testing::make_ed25519_key();
  // A note (n=, [RFC 6376] 3.6.1) takes the record past the 512 bytes of a UDP answer.
  const std::string record = testing::key_record(key.get()) + "; n=" + std::string(600, 'x');
  ASSERT_GT(record.size(), 512u);
  server.add_txt("big._domainkey.example.com", split(record, 255));
  const DnsKeyResolver dns(at(server));
  const DkimVerdict v = verify_signed(key.get(), "big", dns);
  EXPECT_EQ(v.status, DkimStatus::kPass) << v.detail;
  EXPECT_GT(server.tcp_queries(), 0);
}

TEST(DkimDns, MissingNamesAndServerFailures) {
  LoopbackDnsServer server;
  ASSERT_TRUE(server.running());
  server.set_reply("broken._domainkey.example.com", LoopbackDnsServer::Reply::kServFail);
  server.add_txt("empty._domainkey.example.com", {});  // the name exists, no TXT: NODATA
  const DnsKeyResolver dns(at(server));
  EXPECT_EQ(dns.lookup("gone._domainkey.example.com").outcome, KeyLookup::Outcome::kNotFound);
  EXPECT_EQ(dns.lookup("empty._domainkey.example.com").outcome, KeyLookup::Outcome::kNotFound);
  EXPECT_EQ(dns.lookup("broken._domainkey.example.com").outcome, KeyLookup::Outcome::kTempError);

  // [RFC 6376] 6.1.2: no key is a permanent failure, a failing server a temporary one.
  auto key = testing::make_ed25519_key();
  for (auto [selector, status] :
       {std::pair{"gone", DkimStatus::kNoKey}, std::pair{"broken", DkimStatus::kTempError}}) {
    const DkimVerdict v = verify_signed(key.get(), selector, dns);
    EXPECT_EQ(v.status, status) << selector;
    EXPECT_STREQ(dkim_status_name(v.status),
                 status == DkimStatus::kNoKey ? "permerror (no key)" : "temperror");
  }
}

TEST(DkimDns, AnswersPastTheCapAreNotParsed) {
  LoopbackDnsServer server;
  ASSERT_TRUE(server.running());
  server.add_txt("huge._domainkey.example.com",
                 std::vector<std::string>(40, std::string(255, 'a')));  // 10200 bytes
  const DnsKeyResolver dns(at(server));
  const KeyLookup found = dns.lookup("huge._domainkey.example.com");
  EXPECT_EQ(found.outcome, KeyLookup::Outcome::kTempError);
  EXPECT_NE(found.record.find("larger than"), std::string::npos) << found.record;
}

TEST(DkimDns, ASilentServerTimesOutWithinTheBound) {
  LoopbackDnsServer server;
  ASSERT_TRUE(server.running());
  server.set_reply("slow._domainkey.example.com", LoopbackDnsServer::Reply::kSilent);
  const DnsKeyResolver dns(at(server));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(dns.lookup("slow._domainkey.example.com").outcome, KeyLookup::Outcome::kTempError);
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_LE(seconds, DnsKeyResolver::kRetransSeconds * (DnsKeyResolver::kRetries + 1));
}

}  // namespace
}  // namespace lg
