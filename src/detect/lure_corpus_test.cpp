// The lure classifier on data: the labelled lure set (tests/lures) and the benign mail of the
// shared corpus (calibration: false-positive rates at the default thresholds), with the
// scanning speed printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/testing/test_files.h"
#include "detect/lure.h"

namespace lg {
namespace {

namespace fs = std::filesystem;

constexpr double kSuspicious = 6;  // the engine's default thresholds
constexpr double kMalicious = 15;

using lg::testing::read_file;

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

// A message split crudely: the Subject header and everything after the first blank line.
struct Message {
  std::string subject, body;
};

Message split_message(const std::string& raw) {
  Message m;
  std::size_t end = raw.find("\n\n");
  if (const auto crlf = raw.find("\r\n\r\n"); crlf < end) end = crlf;
  const std::string head = raw.substr(0, end);
  m.body = end == std::string::npos ? std::string() : raw.substr(end);
  std::istringstream lines(head);
  std::string line;
  while (std::getline(lines, line))
    if (line.rfind("Subject:", 0) == 0) m.subject = line.substr(8);
  return m;
}

double symbol_score(const std::vector<LureHit>& hits) {
  double sum = 0;
  for (const auto& h : hits) sum += symbol_info(h.symbol).score;
  return sum;
}

class LureCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lex = Lexicon::builtin();
    ASSERT_TRUE(lex.has_value()) << lex.status().to_string();
    lexicon_ = std::make_unique<Lexicon>(std::move(lex).value());
    auto scratch = lexicon_->make_scratch();
    ASSERT_TRUE(scratch.has_value());
    scratch_ = std::make_unique<Lexicon::Scratch>(std::move(scratch).value());
  }
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<Lexicon::Scratch> scratch_;
};

std::string themes_of(const std::vector<LureHit>& hits) {
  std::string s;
  for (const auto& h : hits) s += std::string(s.empty() ? "" : ",") += lure_theme_name(h.theme);
  return s.empty() ? "-" : s;
}

// tests/lures/LANG/NAME.txt: "# themes: T1 T2 ..." (the first is the main theme) or
// "# themes: benign", then "Subject: ...", a blank line and the body.
TEST_F(LureCorpus, LabelledLureSet) {
  const fs::path dir = fs::path(LG_SOURCE_DIR) / "tests" / "lures";
  int lures = 0, main_found = 0, labels = 0, labels_found = 0, benign = 0, benign_quiet = 0;
  std::map<std::string, std::pair<int, int>> per_lang;  // lang -> (lures, main theme found)
  for (const auto& path : files_under(dir)) {
    if (path.extension() != ".txt") continue;
    const std::string raw = read_file(path);
    const auto nl = raw.find('\n');
    const std::string label_line = raw.substr(0, nl);
    ASSERT_EQ(label_line.rfind("# themes: ", 0), 0u) << path;
    std::istringstream words(label_line.substr(10));
    std::vector<std::string> want;
    for (std::string w; words >> w;) want.push_back(w);
    ASSERT_FALSE(want.empty()) << path;
    const Message m = split_message(raw.substr(nl + 1));
    LureState lure(*lexicon_, *scratch_);
    lure.add(TextKind::kSubject, m.subject);
    lure.add(TextKind::kBody, m.body);
    const auto hits = lure.finish();
    const double score = symbol_score(hits);
    const std::string name =
        path.parent_path().filename().string() + "/" + path.filename().string();
    if (want[0] == "benign") {
      ++benign;
      benign_quiet += score < kSuspicious;
      EXPECT_LT(score, kSuspicious) << name << ": " << themes_of(hits);
      std::printf("  benign %-36s score %4.1f  %s\n", name.c_str(), score, themes_of(hits).c_str());
      continue;
    }
    ++lures;
    auto found = [&](const std::string& t) {
      return std::any_of(hits.begin(), hits.end(),
                         [&](const LureHit& h) { return lure_theme_name(h.theme) == t; });
    };
    for (const auto& t : want) {
      ASSERT_TRUE(lure_theme_by_name(t).has_value()) << name << ": unknown theme " << t;
      ++labels;
      labels_found += found(t);
    }
    const bool ok = found(want[0]);
    main_found += ok;
    auto& lang = per_lang[path.parent_path().filename().string()];
    ++lang.first;
    lang.second += ok;
    std::printf("  %s %-38s score %4.1f  want %-40s got %s\n", ok ? "ok  " : "MISS", name.c_str(),
                score, label_line.substr(10).c_str(), themes_of(hits).c_str());
  }
  std::printf(
      "lure set: %d/%d lures with their main theme (%.1f%%), %d/%d labelled themes "
      "(%.1f%%); %d/%d benign look-alikes below %.0f\n",
      main_found, lures, 100.0 * main_found / std::max(lures, 1), labels_found, labels,
      100.0 * labels_found / std::max(labels, 1), benign_quiet, benign, kSuspicious);
  for (const auto& [lang, n] : per_lang)
    std::printf("  %s: %d/%d\n", lang.c_str(), n.second, n.first);
  EXPECT_GE(lures, 40);
  EXPECT_GE(benign, 15);
  EXPECT_GE(main_found * 100, lures * 90);
  EXPECT_GE(labels_found * 100, labels * 80);
}

// ../shared/corpus/mail/ham: at the default thresholds, lure language alone may make at most
// 1 in 200 benign messages suspicious and none malicious.
TEST_F(LureCorpus, HamCalibration) {
  const fs::path dir = fs::path(LG_SHARED_DIR) / "corpus" / "mail" / "ham";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  int messages = 0, suspicious = 0, malicious = 0, any = 0;
  std::map<std::string, int> phrase_count;
  std::map<std::string, int> theme_count;
  for (const auto& path : files_under(dir)) {
    const Message m = split_message(read_file(path));
    ++messages;
    LureState lure(*lexicon_, *scratch_);
    lure.add(TextKind::kSubject, m.subject);
    lure.add(TextKind::kBody, m.body);
    const auto hits = lure.finish();
    ASSERT_TRUE(lure.status().is_ok()) << lure.status().to_string();
    for (auto id : lure.matched()) ++phrase_count[lexicon_->phrase(id).text];
    for (const auto& h : hits) ++theme_count[std::string(lure_theme_name(h.theme))];
    any += !hits.empty();
    const double score = symbol_score(hits);
    if (score >= kSuspicious) {
      ++suspicious;
      std::printf("  ham at %.0f: %s:", score, path.filename().c_str());
      for (const auto& h : hits) std::printf(" [%s]", h.evidence.value.c_str());
      std::printf("\n");
    }
    malicious += score >= kMalicious;
  }
  ASSERT_GT(messages, 0);
  std::printf(
      "ham: %d messages, %d with a lure theme (%.2f%%), %d suspicious by lure score alone "
      "(%.2f%%), %d malicious\n",
      messages, any, 100.0 * any / messages, suspicious, 100.0 * suspicious / messages, malicious);
  std::printf("ham themes:");
  for (const auto& [t, n] : theme_count) std::printf(" %s %d;", t.c_str(), n);
  std::vector<std::pair<int, std::string>> top;
  for (const auto& [p, n] : phrase_count) top.emplace_back(n, p);
  std::sort(top.rbegin(), top.rend());
  std::printf("\nham phrases (messages):");
  for (std::size_t i = 0; i < top.size() && i < 30; ++i)
    std::printf(" %s %d;", top[i].second.c_str(), top[i].first);
  std::printf("\n");
  EXPECT_LE(suspicious * 200, messages);
  EXPECT_EQ(malicious, 0);
}

// Speed on the ham text held in memory: the whole LureState path, and the normalization
// alone, in CPU time. Printed, not required (sanitizer and debug builds are slow).
TEST_F(LureCorpus, ScanSpeedOnHam) {
  const fs::path dir = fs::path(LG_SHARED_DIR) / "corpus" / "mail" / "ham";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  std::vector<Message> msgs;
  std::size_t bytes = 0;
  for (const auto& path : files_under(dir)) {
    msgs.push_back(split_message(read_file(path)));
    bytes += msgs.back().subject.size() + msgs.back().body.size();
  }
  auto best_of = [&](auto&& pass) {
    double best = 1e9;
    for (int round = 0; round < 3; ++round) {
      const std::clock_t t0 = std::clock();  // CPU time: the machine may be shared
      pass();
      best = std::min(best, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
    }
    return bytes / 1e6 / std::max(best, 1e-9);
  };
  std::size_t found = 0;
  const double whole = best_of([&] {
    for (const auto& m : msgs) {
      LureState lure(*lexicon_, *scratch_);
      lure.add(TextKind::kSubject, m.subject);
      lure.add(TextKind::kBody, m.body);
      found += lure.finish().size();
    }
  });
  NormalizedText n;
  const double normalize_only = best_of([&] {
    for (const auto& m : msgs) {
      normalize_lexicon_text(m.subject, TextKind::kSubject, n);
      normalize_lexicon_text(m.body, TextKind::kBody, n);
    }
  });
  std::printf(
      "lure speed on %.1f MB of ham text, one core (CPU time): %.0f MB/s whole (add + finish), "
      "%.0f MB/s "
      "normalization alone\n",
      bytes / 1e6, whole, normalize_only);
  EXPECT_GT(found, 0u);
}

}  // namespace
}  // namespace lg
