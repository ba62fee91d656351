#include "detect/auth_results.h"

#include <gtest/gtest.h>

#include "core/testing/recording_context.h"
#include "detect/auth_check.h"

namespace lg {
namespace {

// [RFC 8601] Appendix B examples (values as they follow the field name).
TEST(AuthenticationResults, NoResult) {  // B.2
  auto ar = parse_authentication_results("example.org 1; none");
  ASSERT_TRUE(ar) << ar.status().message();
  EXPECT_EQ(ar->authserv_id, "example.org");
  EXPECT_EQ(ar->version, 1);
  EXPECT_TRUE(ar->no_result);
  EXPECT_TRUE(ar->results.empty());
}

TEST(AuthenticationResults, Spf) {  // B.3
  auto ar =
      parse_authentication_results("example.com;\r\n          spf=pass smtp.mailfrom=example.net");
  ASSERT_TRUE(ar);
  ASSERT_EQ(ar->results.size(), 1u);
  EXPECT_EQ(ar->results[0].method, "spf");
  EXPECT_EQ(ar->results[0].result, "pass");
  EXPECT_EQ(ar->results[0].property("smtp", "mailfrom"), "example.net");
}

TEST(AuthenticationResults, SmtpAuthAndIprev) {  // B.4
  auto ar = parse_authentication_results(
      "example.com; auth=pass (cram-md5) smtp.auth=sender@example.net; spf=pass "
      "smtp.mailfrom=example.net");
  ASSERT_TRUE(ar);
  ASSERT_EQ(ar->results.size(), 2u);
  EXPECT_EQ(ar->results[0].method, "auth");
  EXPECT_EQ(ar->results[0].property("smtp", "auth"), "sender@example.net");
  EXPECT_EQ(ar->results[1].property("smtp", "mailfrom"), "example.net");
  auto iprev = parse_authentication_results("example.com; iprev=pass policy.iprev=192.0.2.200");
  ASSERT_TRUE(iprev);
  EXPECT_EQ(iprev->results[0].property("policy", "iprev"), "192.0.2.200");
}

TEST(AuthenticationResults, TwoDkimResults) {  // B.6
  auto ar = parse_authentication_results(
      "mail-router.example.net;\r\n"
      "      dkim=pass (good signature) header.d=newyork.example.com\r\n"
      "            header.b=oINEO8hg;\r\n"
      "      dkim=fail (bad signature) header.d=newyork.example.com\r\n"
      "            header.b=EToRSuvU");
  ASSERT_TRUE(ar);
  ASSERT_EQ(ar->results.size(), 2u);
  EXPECT_EQ(ar->results[0].result, "pass");
  EXPECT_EQ(ar->results[0].property("header", "b"), "oINEO8hg");
  EXPECT_EQ(ar->results[1].result, "fail");
  EXPECT_EQ(ar->results[1].property("header", "d"), "newyork.example.com");
}

TEST(AuthenticationResults, CommentsEverywhere) {  // B.7
  auto ar = parse_authentication_results(
      "foo.example.net (foobar) 1 (baz);\r\n"
      "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
      "      policy (A dot can go here) . (like that) expired\r\n"
      "      (this surprised me) = (as I wasn't expecting it) 1362471462");
  ASSERT_TRUE(ar) << ar.status().message();
  EXPECT_EQ(ar->authserv_id, "foo.example.net");
  ASSERT_EQ(ar->results.size(), 1u);
  EXPECT_EQ(ar->results[0].method, "dkim");
  EXPECT_EQ(ar->results[0].version, "1");
  EXPECT_EQ(ar->results[0].result, "fail");
  EXPECT_EQ(ar->results[0].property("policy", "expired"), "1362471462");
}

TEST(AuthenticationResults, RealWorldShapes) {
  auto ar = parse_authentication_results(
      "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=AbC+/=;\r\n"
      "       spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted "
      "sender) smtp.mailfrom=a@example.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) "
      "header.from=example.com;");
  ASSERT_TRUE(ar);
  ASSERT_EQ(ar->results.size(), 3u);
  EXPECT_EQ(ar->results[0].property("header", "i"), "@example.com");
  EXPECT_EQ(ar->results[2].method, "dmarc");
  EXPECT_EQ(ar->results[2].property("header", "from"), "example.com");
  auto quoted = parse_authentication_results(
      "\"mx (1)\"; dmarc=fail reason=\"policy; none\" action=none header.from=x.example");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->authserv_id, "mx (1)");
  EXPECT_EQ(quoted->results[0].reason, "policy; none");
  EXPECT_EQ(quoted->results[0].property("", "action"), "none");
  EXPECT_EQ(quoted->results[0].property("header", "from"), "x.example");
}

TEST(AuthenticationResults, Malformed) {
  EXPECT_FALSE(parse_authentication_results(""));
  EXPECT_FALSE(parse_authentication_results("(only a comment)"));
  // Written without an authserv-id (some writers do): nothing says who checked.
  EXPECT_FALSE(parse_authentication_results("spf=pass smtp.mailfrom=example.com"));
  EXPECT_FALSE(parse_authentication_results("example.com; =pass"));
  EXPECT_FALSE(parse_authentication_results("example.com; spf pass"));
  EXPECT_FALSE(parse_authentication_results("example.com 99999; none"));
  // Unclosed or deeply nested comments end without running away.
  EXPECT_TRUE(parse_authentication_results("example.com; spf=pass (unclosed"));
  EXPECT_TRUE(parse_authentication_results("example.com " + std::string(10000, '(')));
}

TEST(ReceivedSpf, Rfc7208Examples) {  // [RFC 7208] 9.1
  auto pass = parse_received_spf(
      "pass (mybox.example.org: domain of\r\n myname@example.com designates 192.0.2.1 as\r\n "
      "permitted sender)\r\n receiver=mybox.example.org; client-ip=192.0.2.1;\r\n "
      "envelope-from=\"myname@example.com\"; helo=foo.example.com;");
  ASSERT_TRUE(pass) << pass.status().message();
  EXPECT_EQ(pass->result, "pass");
  EXPECT_EQ(pass->get("client-ip"), "192.0.2.1");
  EXPECT_EQ(pass->get("envelope-from"), "myname@example.com");
  EXPECT_EQ(pass->receiver(), "mybox.example.org");
  auto fail = parse_received_spf(
      "fail (mybox.example.org: domain of myname@example.com does not designate 192.0.2.1 as "
      "permitted sender) identity=mailfrom; client-ip=192.0.2.1; "
      "envelope-from=\"myname@example.com\";");
  ASSERT_TRUE(fail);
  EXPECT_EQ(fail->result, "fail");
  EXPECT_EQ(fail->get("identity"), "mailfrom");
  EXPECT_EQ(fail->receiver(), "mybox.example.org");  // from the comment
  EXPECT_FALSE(parse_received_spf("maybe (x: y)"));
  EXPECT_EQ(parse_received_spf("none")->receiver(), "");
}

// The judgement: which fields count and what they become.
MessageInfo with_results(std::vector<std::string> ar, std::vector<std::string> spf = {}) {
  MessageInfo info;
  info.from = {"Jane", "jane@example.com"};
  info.authentication_results = std::move(ar);
  info.received_spf = std::move(spf);
  return info;
}

void check(const MessageInfo& info, std::vector<std::string> trusted,
           testing::RecordingContext& ctx) {
  HostNormalizer hosts;
  check_authentication_results(info, AuthPolicy{std::move(trusted)}, "example.com", hosts, ctx);
}

TEST(AuthCheck, OnlyTrustedFieldsCount) {
  const auto info = with_results({"evil.example; dmarc=pass header.from=example.com",
                                  "mx.corp.example; spf=fail smtp.mailfrom=example.com; "
                                  "dkim=fail header.d=example.com; dmarc=fail (p=none) "
                                  "header.from=example.com"});
  testing::RecordingContext ctx;
  check(info, {"MX.corp.example"}, ctx);
  EXPECT_TRUE(ctx.has(Symbol::AUTH_SPF_FAIL));
  EXPECT_TRUE(ctx.has(Symbol::AUTH_DKIM_FAIL));
  EXPECT_TRUE(ctx.has(Symbol::AUTH_DMARC_FAIL));     // even with p=none
  EXPECT_FALSE(ctx.has(Symbol::AUTH_PASS_ALIGNED));  // the untrusted field's pass
  EXPECT_EQ(std::get<std::vector<std::string>>(ctx.facts.at("auth_results")).size(), 1u);
  EXPECT_NE(ctx.str("auth_results_ignored").find("1 fields ignored"), std::string::npos);
}

TEST(AuthCheck, EmptyTrustListTrustsNone) {
  testing::RecordingContext ctx;
  check(with_results({"mx.corp.example; dmarc=fail header.from=example.com"}), {}, ctx);
  EXPECT_TRUE(ctx.findings.empty());
  EXPECT_NE(ctx.str("auth_results_ignored").find("trusted_authserv_ids is empty"),
            std::string::npos);
  testing::RecordingContext quiet;  // no fields: nothing said at all
  check(with_results({}), {}, quiet);
  EXPECT_TRUE(quiet.facts.empty());
}

TEST(AuthCheck, SoftfailNoneAndAlignedPass) {
  testing::RecordingContext soft;
  check(with_results({"mx; spf=softfail smtp.mailfrom=example.com; dkim=none; dmarc=none"}), {"mx"},
        soft);
  EXPECT_TRUE(soft.has(Symbol::AUTH_SPF_SOFTFAIL));
  EXPECT_TRUE(soft.has(Symbol::AUTH_NONE));

  testing::RecordingContext some_pass;  // dkim=none while DMARC passed: something vouches
  check(with_results({"mx; spf=pass; dkim=none; dmarc=pass header.from=mail.example.com"}), {"mx"},
        some_pass);
  EXPECT_FALSE(some_pass.has(Symbol::AUTH_NONE));
  EXPECT_TRUE(some_pass.has(Symbol::AUTH_PASS_ALIGNED));

  testing::RecordingContext other;  // a DMARC pass for another organization is no good sign
  check(with_results({"mx; dmarc=pass header.from=example.net"}), {"mx"}, other);
  EXPECT_FALSE(other.has(Symbol::AUTH_PASS_ALIGNED));

  testing::RecordingContext nothing;
  check(with_results({"mx 1; none"}), {"mx"}, nothing);
  EXPECT_TRUE(nothing.has(Symbol::AUTH_NONE));
}

TEST(AuthCheck, ReceivedSpfByReceiver) {
  const std::string fail =
      "fail (mx.corp.example: domain of a@example.com does not designate 192.0.2.9 as "
      "permitted sender) client-ip=192.0.2.9; envelope-from=a@example.com";
  testing::RecordingContext trusted;
  check(with_results({}, {fail}), {"mx.corp.example"}, trusted);
  EXPECT_TRUE(trusted.has(Symbol::AUTH_SPF_FAIL));
  testing::RecordingContext untrusted;
  check(with_results({}, {fail}), {"mx.other.example"}, untrusted);
  EXPECT_FALSE(untrusted.has(Symbol::AUTH_SPF_FAIL));
  testing::RecordingContext unreadable;
  check(with_results({"; spf=fail"}), {"mx"}, unreadable);
  EXPECT_FALSE(unreadable.anomalies.empty());
}

}  // namespace
}  // namespace lg
