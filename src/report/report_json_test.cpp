#include "report/report_json.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "report/report_test_data.h"

namespace lg {
namespace {

using testing_data::sample_report;

// Runs tests/validate_report.py on `text` written to a temp file; returns its exit status.
int validate(const std::string& text, const std::string& file_name) {
  const std::string path = ::testing::TempDir() + file_name;
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const std::string cmd = std::string("python3 '") + LG_SOURCE_DIR +
                          "/tests/validate_report.py' '" + LG_SOURCE_DIR +
                          "/docs/report.schema.json' '" + path + "' > /dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  std::remove(path.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(VerdictNames, Stable) {
  EXPECT_STREQ(verdict_name(Verdict::kClean), "clean");
  EXPECT_STREQ(verdict_name(Verdict::kSuspicious), "suspicious");
  EXPECT_STREQ(verdict_name(Verdict::kMalicious), "malicious");
  EXPECT_STREQ(action_name(Action::kAccept), "accept");
  EXPECT_STREQ(action_name(Action::kAddHeader), "add_header");
  EXPECT_STREQ(action_name(Action::kQuarantine), "quarantine");
  EXPECT_STREQ(action_name(Action::kReject), "reject");
}

TEST(ReportJson, FieldsMirrorTheModel) {
  const std::string j = report_to_json(sample_report(), false);
  EXPECT_EQ(j.find('\n'), std::string::npos);
  EXPECT_EQ(j.rfind(R"({"schema":"lureguard.report/1","version":"0.1.0","input":{"name":)", 0), 0u);
  EXPECT_NE(j.find(R"("verdict":"malicious","action":"reject")"), std::string::npos);
  EXPECT_NE(j.find(R"("score":38.5)"), std::string::npos);
  EXPECT_NE(j.find(R"("id":0,"parent":null,"depth":0)"), std::string::npos);
  EXPECT_NE(j.find(R"("id":2,"parent":1,"depth":2)"), std::string::npos);
  EXPECT_NE(j.find(R"("duplicate_of":2)"), std::string::npos);
  EXPECT_EQ(j.find(R"("duplicate_of":)"), j.rfind(R"("duplicate_of":)"));  // only object 3
  // Facts keep their JSON types; a repeated key keeps its last value, once.
  EXPECT_NE(j.find(R"("facts":{"spf":"fail","free_mail_reply_to":true,"mime_parts":4})"),
            std::string::npos);
  EXPECT_NE(j.find("\"entries\":[\"cv\u202Efdp.lnk\",\"readme.txt\"],\"ratio\":1.75"),
            std::string::npos);
  EXPECT_NE(j.find(R"("attack":["T1204.002","T1218.005"])"), std::string::npos);
  EXPECT_NE(j.find(R"("counted":false)"), std::string::npos);
  EXPECT_NE(j.find(R"("defanged":true,"object_id":0)"), std::string::npos);
  EXPECT_NE(j.find(R"("ips":[{"value":"203.0.113.7","object_id":2}])"), std::string::npos);
  EXPECT_NE(j.find(R"("limits_hit":[{"limit":"ratio","object_id":1,)"), std::string::npos);
  EXPECT_NE(j.find(R"("elapsed_ms":12.25})"), std::string::npos);
  EXPECT_EQ(j.find(R"("error")"), std::string::npos);
}

TEST(ReportJson, OmitsAbsentPartsAndWritesError) {
  Report r;
  r.error = "io: cannot read file";
  const std::string j = report_to_json(r, false);
  EXPECT_EQ(j.find(R"("message")"), std::string::npos);
  EXPECT_NE(j.find(R"("error":"io: cannot read file"})"), std::string::npos);
  EXPECT_NE(j.find(R"("findings":[],"objects":[])"), std::string::npos);
  EXPECT_EQ(validate(j, "error_report.json"), 0);
}

TEST(ReportJson, NonFiniteScoresStayValid) {
  Report r = sample_report();
  r.score = std::nan("");
  r.elapsed_ms = INFINITY;
  const std::string j = report_to_json(r, false);
  EXPECT_NE(j.find(R"("score":0,)"), std::string::npos);
  EXPECT_NE(j.find(R"("elapsed_ms":0})"), std::string::npos);
  EXPECT_EQ(validate(j, "nonfinite.json"), 0);
}

TEST(ReportJson, PrettyAndCompactValidateAgainstSchema) {
  const Report r = sample_report();
  const std::string pretty = report_to_json(r, true);
  EXPECT_NE(pretty.find("\n  \"verdict\": \"malicious\",\n"), std::string::npos);
  EXPECT_EQ(pretty.back(), '}');
  EXPECT_EQ(validate(pretty, "pretty.json"), 0);
  EXPECT_EQ(validate(report_to_json(r, false), "compact.json"), 0);
}

TEST(ReportJson, JsonLinesValidateOneReportALine) {
  Report clean;
  clean.input.name = "note.txt";
  const std::string lines = report_to_jsonl(sample_report()) + report_to_jsonl(clean);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
  EXPECT_EQ(lines.back(), '\n');
  EXPECT_EQ(validate(lines, "reports.jsonl"), 0);
}

// The schema check must be able to fail: broken documents are rejected.
TEST(ReportJson, SchemaRejectsBrokenReports) {
  const std::string good = report_to_json(sample_report(), false);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
  };
  EXPECT_NE(validate(replaced(R"("verdict":"malicious")", R"("verdict":"evil")"), "b1.json"), 0);
  EXPECT_NE(validate(replaced(R"("lureguard.report/1")", R"("lureguard.report/2")"), "b2.json"), 0);
  EXPECT_NE(validate(replaced(R"("counted":true)", R"("counted":true,"extra":1)"), "b3.json"), 0);
  EXPECT_NE(validate(replaced(R"(,"elapsed_ms":12.25)", ""), "b4.json"), 0);  // required
  EXPECT_NE(validate(replaced(R"("parent":null)", R"("parent":"0")"), "b5.json"), 0);
  EXPECT_NE(validate(good.substr(0, good.size() - 1), "b6.json"), 0);  // not JSON
}

}  // namespace
}  // namespace lg
