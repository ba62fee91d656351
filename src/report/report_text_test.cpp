#include "report/report_text.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/report_json.h"
#include "report/report_test_data.h"
#include "report/text_width.h"

namespace lg {
namespace {

using testing_data::sample_report;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Removes ANSI CSI sequences ("\x1b[...m") so only what takes columns is measured.
std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Columns by ICU's East_Asian_Width property, independent of the renderer's own table:
// Wide and Fullwidth count 2, everything else 1 (so combining marks are over-counted).
std::size_t icu_width(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::size_t width = 0;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const int eaw = u_getIntPropertyValue(u.char32At(i), UCHAR_EAST_ASIAN_WIDTH);
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

void expect_fits(const std::string& text) {
  for (const auto& line : lines_of(text)) {
    EXPECT_LE(display_width(strip_ansi(line)), kTextReportColumns) << line;
    EXPECT_LE(icu_width(strip_ansi(line)), kTextReportColumns) << line;
  }
}

TEST(ReportText, EveryLineFitsEightyColumns) {
  const std::string text = report_to_text(sample_report(), false);
  expect_fits(text);
  expect_fits(report_to_text(sample_report(), true));
  // The long subject really was cut (the check above is not vacuous).
  EXPECT_NE(text.find("Subject:  [채용] 블록체인"), std::string::npos);
  EXPECT_NE(text.find("\u2026\n"), std::string::npos);
}

TEST(ReportText, DeepTreesAndHugeEvidenceStillFit) {
  Report r = sample_report();
  for (int i = 4; i < 30; ++i) {
    ObjectNode o;
    o.id = i;
    o.parent = i - 1 == 3 ? 2 : i - 1;
    o.depth = i - 1;
    o.name = "入れ子の書庫_" + std::to_string(i) + ".zip";
    o.type = "zip";
    r.objects.push_back(o);
    Finding f;
    f.symbol = "ARCHIVE_NESTED";
    f.object_id = i;
    f.evidence.value = std::string(500, 'x') + "한";
    r.findings.push_back(f);
  }
  expect_fits(report_to_text(r, false));
  expect_fits(report_to_text(r, true));
}

TEST(ReportText, FirstLineAndHeaders) {
  const auto lines = lines_of(report_to_text(sample_report(), false));
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0].rfind("MALICIOUS  score 38.5  reject  채용_제안", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("From:     \"Recruiter (코인베이스 채용팀)\"", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "Reply-To: talent@free-mail.example");
  EXPECT_EQ(lines[3].rfind("Subject:  ", 0), 0u);
  EXPECT_EQ(lines[4], "Date:     Tue, 14 May 2024 09:12:44 +0900");
}

TEST(ReportText, TreeAndFindings) {
  const std::string text = report_to_text(sample_report(), false);
  EXPECT_NE(text.find("\u2514\u2500 Job_Description_"), std::string::npos) << text;
  EXPECT_NE(text.find("\u2026 (zip, 2.0 MiB)\n"), std::string::npos);  // the name is cut
  EXPECT_NE(text.find("\u251c\u2500 cv<U+202E>fdp.lnk (lnk, 3.0 KiB)"), std::string::npos);
  EXPECT_NE(text.find("\u2514\u2500 readme.txt (text, 120 B) = object 2"), std::string::npos);
  EXPECT_NE(text.find("! REPLY_TO_MISMATCH +3.5  talent@free-mail.example"), std::string::npos);
  EXPECT_NE(text.find("! FILENAME_RTLO +15  cv<U+202E>fdp.lnk"), std::string::npos);
  EXPECT_NE(text.find("! FILENAME_RTLO +15 (repeat)  cv<U+202E>fdp.lnk"), std::string::npos);
  EXPECT_NE(text.find("! LNK_SUSPICIOUS_ARGUMENTS +10  /c start mshta"), std::string::npos);
  // The whitespace padding that hides the tail of LNK arguments is shown as a count.
  Report padded = sample_report();
  padded.findings[2].evidence.value = "/c mshta x" + std::string(300, ' ') + "& calc";
  EXPECT_NE(report_to_text(padded, false).find("+10  /c mshta x <300 spaces> & calc\n"),
            std::string::npos);
  // The root's findings come before its children, the lnk's under the lnk.
  EXPECT_LT(text.find("REPLY_TO_MISMATCH"), text.find("Job_Description_"));
  EXPECT_LT(text.find("cv<U+202E>fdp.lnk (lnk"), text.find("LNK_SUSPICIOUS_ARGUMENTS"));
  EXPECT_LT(text.find("LNK_SUSPICIOUS_ARGUMENTS"), text.find("readme.txt (text"));
}

TEST(ReportText, BidiAndControlCharactersNeverReachTheTerminal) {
  Report r = sample_report();
  r.message->subject = "Invoice \u202Egpj.exe \x1b]0;owned\x07 \u2067x";
  r.limits_hit[0].detail = "bad\rname";
  for (bool color : {false, true}) {
    const std::string text = report_to_text(r, color);
    EXPECT_EQ(text.find("\u202E"), std::string::npos);
    EXPECT_EQ(text.find("\u2067"), std::string::npos);
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_EQ(text.find('\r'), std::string::npos);
    EXPECT_NE(text.find("Invoice <U+202E>gpj.exe <U+001B>]0;owned<U+0007> <U+2067>x"),
              std::string::npos);
  }
}

TEST(ReportText, ColourOnlyWhenAsked) {
  const Report r = sample_report();
  const std::string plain = report_to_text(r, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string colored = report_to_text(r, true);
  EXPECT_EQ(colored.rfind("\x1b[1;31mMALICIOUS\x1b[0m", 0), 0u);
  EXPECT_NE(colored.find("\x1b[2m! \x1b[0m"), std::string::npos);  // a repeat is dimmed
  EXPECT_EQ(strip_ansi(colored), plain);

  Report clean;
  clean.input.name = "note.txt";
  EXPECT_EQ(report_to_text(clean, true).rfind("\x1b[1;32mCLEAN\x1b[0m", 0), 0u);
  clean.verdict = Verdict::kSuspicious;
  EXPECT_EQ(report_to_text(clean, true).rfind("\x1b[1;33mSUSPICIOUS\x1b[0m", 0), 0u);
  EXPECT_EQ(report_to_text(clean, false), "SUSPICIOUS  score 0  accept  note.txt\n");
}

TEST(ReportText, ObservablesAndLimits) {
  Report r = sample_report();
  for (int i = 0; i < 7; ++i) {
    r.observables.urls.push_back(
        {"https://e" + std::to_string(i) + ".example/", "", "", "", false, 0});
  }
  const std::string text = report_to_text(r, false);
  EXPECT_NE(text.find("Observables: 9 URLs, 1 domain, 1 email address, 1 IP\n"), std::string::npos);
  EXPECT_NE(text.find("  https://coinbase-careers.example/a.hta\n"), std::string::npos);
  EXPECT_NE(text.find("  https://e2.example/\n"), std::string::npos);
  EXPECT_EQ(text.find("https://e3.example/"), std::string::npos);  // only the first five
  EXPECT_NE(text.find("\u2026 4 more URLs"), std::string::npos);
  EXPECT_NE(text.find("Limits hit:\n  ratio (object 1): entry readme.txt expands 250x\n"),
            std::string::npos);
}

TEST(ReportText, BrokenTreeIsStillShown) {
  Report r;
  ObjectNode a;
  a.id = 1;
  a.parent = 2;
  a.name = "a";
  ObjectNode b = a;
  b.id = 2;
  b.parent = 1;
  b.name = "b";
  r.objects = {a, b};
  Finding f;
  f.symbol = "X";
  f.object_id = 99;  // no such object
  r.findings = {f};
  const std::string text = report_to_text(r, false);
  EXPECT_NE(text.find("a (unknown, 0 B)"), std::string::npos) << text;
  EXPECT_NE(text.find("b (unknown, 0 B)"), std::string::npos) << text;
  EXPECT_NE(text.find("Findings on no listed object:\n  ! X +0  \n"), std::string::npos);
}

TEST(ReportJsonl, IsCompactJsonPlusNewline) {
  const Report r = sample_report();
  EXPECT_EQ(report_to_jsonl(r), report_to_json(r, false) + "\n");
}

}  // namespace
}  // namespace lg
