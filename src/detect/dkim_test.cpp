#include "detect/dkim.h"

#include <gtest/gtest.h>

#include "core/testing/recording_context.h"
#include "detect/dkim_canon.h"
#include "detect/testing/dkim_signer.h"

namespace lg {
namespace {

using testing::dkim_sign;
using testing::message_info_of;
using testing::SignOptions;

const std::string kMessage =
    "From: Jane Doe <jane@example.com>\r\n"
    "To: Bob <bob@example.org>\r\n"
    "Subject: Quarterly numbers\r\n"
    "Date: Mon, 16 Nov 2026 09:12:00 +0900\r\n"
    "\r\n"
    "Hello Bob,\r\n"
    "\r\n"
    "the numbers are attached.  Regards,\r\n"
    "Jane\r\n";

std::string replace(std::string s, std::string_view from, std::string_view to) {
  const std::size_t pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

DkimVerdict verify_single(const std::string& message, const DkimKeyResolver* keys) {
  auto verdicts = verify_dkim(message_info_of(message), keys);
  EXPECT_EQ(verdicts.size(), 1u);
  return verdicts.empty() ? DkimVerdict{} : verdicts.front();
}

// [RFC 8463] Appendix A: the published message, signed with Ed25519 and RSA, and its keys.
// Verifying it checks the canonicalization, the over-signed h= and both algorithms against
// another implementation's output.
const std::string kRfc8463Message =
    "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
    " d=football.example.com; i=@football.example.com;\r\n"
    " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
    " subject : date : message-id : from : subject : date;\r\n"
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n"
    " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n"
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
    " d=football.example.com; i=@football.example.com;\r\n"
    " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n"
    " date : message-id : from : subject : date;\r\n"
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n"
    " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n"
    " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n"
    "From: Joe SixPack <joe@football.example.com>\r\n"
    "To: Suzie Q <suzie@shopping.example.net>\r\n"
    "Subject: Is dinner ready?\r\n"
    "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
    "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
    "\r\n"
    "Hi.\r\n"
    "\r\n"
    "We lost the game.  Are you hungry yet?\r\n"
    "\r\n"
    "Joe.\r\n";

MapKeyResolver rfc8463_keys() {
  MapKeyResolver keys;
  keys.add("brisbane._domainkey.football.example.com",
           "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
  keys.add("test._domainkey.football.example.com",
           "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a"
           "5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3"
           "rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB");
  return keys;
}

TEST(Dkim, Rfc8463VectorVerifies) {
  const MapKeyResolver keys = rfc8463_keys();
  auto verdicts = verify_dkim(message_info_of(kRfc8463Message), &keys);
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_EQ(verdicts[0].status, DkimStatus::kPass) << verdicts[0].detail;
  EXPECT_EQ(verdicts[0].algorithm, "ed25519-sha256");
  EXPECT_EQ(verdicts[1].status, DkimStatus::kPass) << verdicts[1].detail;
  EXPECT_EQ(verdicts[1].domain, "football.example.com");
}

TEST(Dkim, Rfc8463VectorTampered) {
  const MapKeyResolver keys = rfc8463_keys();
  const std::string header = replace(kRfc8463Message, "Is dinner ready?", "Is dinner ready!");
  for (const auto& v : verify_dkim(message_info_of(header), &keys))
    EXPECT_EQ(v.status, DkimStatus::kSignatureMismatch);
  const std::string body = replace(kRfc8463Message, "We lost", "We won");
  for (const auto& v : verify_dkim(message_info_of(body), &keys))
    EXPECT_EQ(v.status, DkimStatus::kBodyHashMismatch);
  // Over-signing: a second Subject added below cannot slip in ([RFC 6376] 8.15).
  const std::string added =
      replace(kRfc8463Message, "\r\n\r\nHi.", "\r\nSubject: Wire now\r\n\r\nHi.");
  for (const auto& v : verify_dkim(message_info_of(added), &keys))
    EXPECT_EQ(v.status, DkimStatus::kSignatureMismatch);
}

struct Case {
  const char* name;
  bool ed25519;
  const char* canon;
};

class DkimSigned : public ::testing::TestWithParam<Case> {};

TEST_P(DkimSigned, PassBodyTamperHeaderTamper) {
  const Case c = GetParam();
  auto key = c.ed25519 ? testing::make_ed25519_key() : testing::make_rsa_key();
  ASSERT_TRUE(key);
  MapKeyResolver keys;
  keys.add("sel._domainkey.example.com", testing::key_record(key.get()));
  SignOptions o;
  o.canon = c.canon;
  const std::string signed_message = dkim_sign(kMessage, key.get(), o);

  const DkimVerdict pass = verify_single(signed_message, &keys);
  EXPECT_EQ(pass.status, DkimStatus::kPass) << pass.detail;
  EXPECT_FALSE(pass.unsigned_tail);

  EXPECT_EQ(verify_single(replace(signed_message, "attached", "attacked"), &keys).status,
            DkimStatus::kBodyHashMismatch);
  EXPECT_EQ(verify_single(replace(signed_message, "Quarterly", "Urgent"), &keys).status,
            DkimStatus::kSignatureMismatch);
  EXPECT_EQ(
      verify_single(replace(signed_message, "jane@example.com", "jane@examp1e.com"), &keys).status,
      DkimStatus::kSignatureMismatch);

  // Whitespace: relaxed forgives it, simple does not.
  const bool relaxed_header = std::string_view(c.canon).starts_with("relaxed");
  const bool relaxed_body = std::string_view(c.canon).ends_with("relaxed");
  EXPECT_EQ(
      verify_single(replace(signed_message, "Subject: Quarterly", "Subject:  Quarterly"), &keys)
          .status,
      relaxed_header ? DkimStatus::kPass : DkimStatus::kSignatureMismatch);
  EXPECT_EQ(verify_single(replace(signed_message, "attached.  Regards", "attached. Regards"), &keys)
                .status,
            relaxed_body ? DkimStatus::kPass : DkimStatus::kBodyHashMismatch);
  // Empty lines added at the end are canonicalized away in both.
  EXPECT_EQ(verify_single(signed_message + "\r\n\r\n", &keys).status, DkimStatus::kPass);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, DkimSigned,
                         ::testing::Values(Case{"RsaRelaxed", false, "relaxed/relaxed"},
                                           Case{"RsaSimple", false, "simple/simple"},
                                           Case{"Ed25519Relaxed", true, "relaxed/relaxed"},
                                           Case{"Ed25519Simple", true, "simple/simple"},
                                           Case{"Ed25519Mixed", true, "relaxed/simple"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Dkim, BodyLengthLimit) {
  auto key = testing::make_ed25519_key();
  MapKeyResolver keys;
  keys.add("sel._domainkey.example.com", testing::key_record(key.get()));
  SignOptions o;
  o.with_length = true;
  const std::string signed_message = dkim_sign(kMessage, key.get(), o);
  EXPECT_EQ(verify_single(signed_message, &keys).status, DkimStatus::kPass);
  // Text appended after the signed length still passes, and says so.
  const DkimVerdict tail = verify_single(signed_message + "Please open the new link.\r\n", &keys);
  EXPECT_EQ(tail.status, DkimStatus::kPass) << tail.detail;
  EXPECT_TRUE(tail.unsigned_tail);
  EXPECT_LT(tail.signed_body_length, tail.body_length);
  // A shorter body than l= cannot match.
  EXPECT_EQ(verify_single(replace(signed_message, "Jane\r\n", ""), &keys).status,
            DkimStatus::kBodyHashMismatch);
}

TEST(Dkim, KeysMissingRevokedOrOff) {
  auto key = testing::make_rsa_key();
  const std::string signed_message = dkim_sign(kMessage, key.get(), SignOptions{});
  MapKeyResolver none;
  EXPECT_EQ(verify_single(signed_message, &none).status, DkimStatus::kNoKey);
  MapKeyResolver revoked;
  revoked.add("sel._domainkey.example.com", "v=DKIM1; k=rsa; p=");
  EXPECT_EQ(verify_single(signed_message, &revoked).status, DkimStatus::kKeyRevoked);
  MapKeyResolver wrong_type;
  wrong_type.add("sel._domainkey.example.com",
                 testing::key_record(testing::make_ed25519_key().get()));
  EXPECT_EQ(verify_single(signed_message, &wrong_type).status, DkimStatus::kPermError);
  // Without a resolver the body hash is still checked.
  EXPECT_EQ(verify_single(signed_message, nullptr).status, DkimStatus::kUnchecked);
  EXPECT_EQ(verify_single(replace(signed_message, "attached", "attacked"), nullptr).status,
            DkimStatus::kBodyHashMismatch);
}

TEST(Dkim, SmallRsaKeyRefused) {
  auto key = testing::make_rsa_key(512);
  ASSERT_TRUE(key);
  MapKeyResolver keys;
  keys.add("sel._domainkey.example.com", testing::key_record(key.get()));
  const DkimVerdict v = verify_single(dkim_sign(kMessage, key.get(), SignOptions{}), &keys);
  EXPECT_EQ(v.status, DkimStatus::kPermError);
  EXPECT_NE(v.detail.find("512 bits"), std::string::npos) << v.detail;
}

TEST(Dkim, MailboxWithLfLineEnds) {
  // Signed on the wire with CRLF, stored in a mailbox with LF: still the same message.
  auto key = testing::make_ed25519_key();
  MapKeyResolver keys;
  keys.add("sel._domainkey.example.com", testing::key_record(key.get()));
  SignOptions o;
  o.canon = "simple/simple";
  std::string lf = dkim_sign(kMessage, key.get(), o);
  for (std::size_t p = lf.find("\r\n"); p != std::string::npos; p = lf.find("\r\n", p))
    lf.erase(p, 1);
  EXPECT_EQ(verify_single(lf, &keys).status, DkimStatus::kPass);
}

TEST(Dkim, Canonicalization) {
  // [RFC 6376] 3.4.6 example.
  EXPECT_EQ(dkim_canon_header("A: X", DkimCanon::kRelaxed), "a:X\r\n");
  EXPECT_EQ(dkim_canon_header("B : Y\t\r\n\tZ  ", DkimCanon::kRelaxed), "b:Y Z\r\n");
  EXPECT_EQ(dkim_canon_header("B : Y\t\r\n\tZ  ", DkimCanon::kSimple), "B : Y\t\r\n\tZ  \r\n");
  EXPECT_EQ(dkim_canon_header("h:\tfrom : to", DkimCanon::kRelaxed), "h:from : to\r\n");
  const std::string body = " C \r\nD \t E\r\n\r\n\r\n";
  EXPECT_EQ(dkim_canon_body(body, DkimCanon::kRelaxed), " C\r\nD E\r\n");
  EXPECT_EQ(dkim_canon_body(body, DkimCanon::kSimple), " C \r\nD \t E\r\n");
  // Empty bodies ([RFC 6376] 3.4.3, 3.4.4) and a missing final line break.
  EXPECT_EQ(dkim_canon_body("", DkimCanon::kSimple), "\r\n");
  EXPECT_EQ(dkim_canon_body("\r\n\r\n", DkimCanon::kRelaxed), "");
  EXPECT_EQ(dkim_canon_body("a", DkimCanon::kSimple), "a\r\n");
  EXPECT_EQ(dkim_canon_body("a\n \n", DkimCanon::kRelaxed), "a\r\n");
  EXPECT_EQ(dkim_without_b_value("DKIM-Signature: v=1; bh=abc; b=xy\r\n z=; d=e"),
            "DKIM-Signature: v=1; bh=abc; b=; d=e");
  EXPECT_EQ(dkim_without_b_value("DKIM-Signature: v=1; bh=abc;\r\n\tb=xyz"),
            "DKIM-Signature: v=1; bh=abc;\r\n\tb=");
}

TEST(Dkim, SignatureTags) {
  const std::string base = "v=1; a=rsa-sha256; d=Example.COM; s=sel; h=From:To; bh=YWJj; b=YWJj";
  auto ok = parse_dkim_signature(base);
  ASSERT_TRUE(ok) << ok.status().message();
  EXPECT_EQ(ok->domain, "example.com");
  EXPECT_EQ(ok->identity, "@example.com");
  EXPECT_EQ(ok->signed_headers, (std::vector<std::string>{"From", "To"}));
  EXPECT_EQ(ok->header_canon, DkimCanon::kSimple);
  EXPECT_FALSE(parse_dkim_signature(base + "; d=other.com"));  // repeated tag
  EXPECT_FALSE(parse_dkim_signature("v=1; a=rsa-sha256; d=a.com; s=x; h=From; bh=YWJj"));
  EXPECT_FALSE(parse_dkim_signature(replace(base, "h=From:To", "h=To:Subject")));  // no From
  EXPECT_EQ(parse_dkim_signature(replace(base, "rsa-sha256", "rsa-sha1")).status().code(),
            ErrorCode::kUnsupported);
  EXPECT_FALSE(parse_dkim_signature(base + "; i=joe@evil.com"));
  EXPECT_TRUE(parse_dkim_signature(base + "; i=joe@mail.example.com"));
  EXPECT_FALSE(parse_dkim_signature(base + "; l=12x"));
  EXPECT_FALSE(parse_dkim_signature(base + "; c=fancy/simple"));
  EXPECT_FALSE(parse_dkim_signature(replace(base, "v=1", "v=2")));
  auto relaxed = parse_dkim_signature(base + "; c=relaxed; l=99999999999999999999999999");
  ASSERT_TRUE(relaxed);
  EXPECT_EQ(relaxed->header_canon, DkimCanon::kRelaxed);
  EXPECT_EQ(relaxed->body_canon, DkimCanon::kSimple);
  EXPECT_EQ(*relaxed->body_length, UINT64_MAX);
}

TEST(Dkim, KeyRecords) {
  auto rec = parse_dkim_key_record("v=DKIM1; k=ed25519; t=y:s; p=YWJj");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->key_type, "ed25519");
  EXPECT_TRUE(rec->testing);
  EXPECT_TRUE(rec->strict);
  EXPECT_EQ(rec->public_key, to_bytes("abc"));
  EXPECT_TRUE(parse_dkim_key_record("p=")->public_key.empty());   // revoked
  EXPECT_FALSE(parse_dkim_key_record("k=rsa; v=DKIM1; p=YWJj"));  // v= not first
  EXPECT_FALSE(parse_dkim_key_record("v=DKIM1; k=rsa"));          // no p=
  EXPECT_FALSE(parse_dkim_key_record("v=DKIM1; s=tlsrpt; p=YWJj"));
  EXPECT_FALSE(parse_dkim_key_record("v=DKIM1; p=a!b"));
}

TEST(Dkim, ReportsFindings) {
  auto key = testing::make_rsa_key();
  MapKeyResolver keys;
  keys.add("sel._domainkey.example.com", testing::key_record(key.get()));
  SignOptions o;
  o.with_length = true;
  const std::string signed_message = dkim_sign(kMessage, key.get(), o);

  testing::RecordingContext pass;
  check_dkim(message_info_of(signed_message), &keys, "example.com", pass);
  EXPECT_TRUE(pass.has(Symbol::DKIM_VALID_ALIGNED));
  EXPECT_EQ(std::get<std::vector<std::string>>(pass.facts.at("dkim")).at(0),
            "pass d=example.com s=sel a=rsa-sha256");

  testing::RecordingContext other;
  check_dkim(message_info_of(signed_message), &keys, "example.net", other);
  EXPECT_FALSE(other.has(Symbol::DKIM_VALID_ALIGNED));

  testing::RecordingContext tail;
  const std::string appended = signed_message + "New wallet address: see link\r\n";
  check_dkim(message_info_of(appended), &keys, "example.com", tail);
  EXPECT_TRUE(tail.has(Symbol::DKIM_UNSIGNED_BODY_TAIL));
  EXPECT_FALSE(tail.anomalies.empty());

  testing::RecordingContext body;
  check_dkim(message_info_of(replace(signed_message, "attached", "attacked")), &keys, "example.com",
             body);
  EXPECT_TRUE(body.has(Symbol::DKIM_BODY_MODIFIED));
  EXPECT_FALSE(body.has(Symbol::DKIM_VALID_ALIGNED));

  testing::RecordingContext header;
  check_dkim(message_info_of(replace(signed_message, "Quarterly", "Urgent")), &keys, "example.com",
             header);
  EXPECT_TRUE(header.has(Symbol::DKIM_SIGNATURE_INVALID));

  testing::RecordingContext unsigned_message;
  check_dkim(message_info_of(kMessage), &keys, "example.com", unsigned_message);
  EXPECT_TRUE(unsigned_message.findings.empty());
  EXPECT_EQ(unsigned_message.facts.count("dkim"), 0u);
}

TEST(Dkim, KeyFile) {
  const std::string path = ::testing::TempDir() + "/dkim_keys.txt";
  {
    std::ofstream out(path);
    out << "# test keys\n\nsel._domainkey.Example.com v=DKIM1; k=rsa; p=YWJj\n"
        << "s2._domainkey.example.com \"v=DKIM1; k=ed25519; \" \"p=YWJj\"\n";
  }
  auto keys = MapKeyResolver::load_file(path);
  ASSERT_TRUE(keys) << keys.status().message();
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->lookup("SEL._domainkey.example.com").record, "v=DKIM1; k=rsa; p=YWJj");
  EXPECT_EQ(keys->lookup("s2._domainkey.example.com").record, "v=DKIM1; k=ed25519; p=YWJj");
  EXPECT_EQ(keys->lookup("s3._domainkey.example.com").outcome, KeyLookup::Outcome::kNotFound);
  EXPECT_FALSE(MapKeyResolver::load_file(path + ".missing"));
}

}  // namespace
}  // namespace lg
