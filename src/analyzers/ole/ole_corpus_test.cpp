// The shared corpus: every compound file under office/ opens without a crash, and a
// differential test against office-expected/ (olevba -j --decode): for each compound file
// olevba opened, the same VBA modules with the same source (modulo line ends and the leading
// Attribute lines olevba hides), and every AutoExec/Suspicious keyword it lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "analyzers/ole/ole_analyzer.h"
#include "core/charset.h"
#include "core/testing/recording_context.h"
#include "core/testing/reference_json.h"
#include "formats/cfb/compound_file.h"
#include "formats/zip/zip_walker.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::json_get;
using testing::json_string;
using testing::RecordingContext;

const std::string kOffice = LG_SHARED_DIR "/corpus/office";
const std::string kExpected = LG_SHARED_DIR "/corpus/office-expected";

// olevba's filter_vba: drop the leading "Attribute VB_" lines; LF line ends; no leading or
// trailing blank lines.
std::string normalize(std::string_view src) {
  std::vector<std::string> lines;
  std::string cur;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\r') {
      if (i + 1 < src.size() && src[i + 1] == '\n') ++i;
      lines.push_back(cur);
      cur.clear();
    } else if (src[i] == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += src[i];
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  std::size_t start = 0;
  while (start < lines.size() && lines[start].starts_with("Attribute VB_")) ++start;
  // olevba's JSON strips the code, so blank lines after the attributes go too.
  while (start < lines.size() && lines[start].empty()) ++start;
  std::string out;
  for (std::size_t i = start; i < lines.size(); ++i) out += lines[i] + "\n";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

// The vbaProject.bin part of an OOXML package (any folder: word/, xl/, ppt/), or "".
std::string vba_project_part(const std::string& package) {
  const ByteView bytes = as_bytes(package);
  const zip::Archive archive = zip::walk(bytes);
  for (const zip::Entry& e : archive.entries) {
    if (!e.name.ends_with("vbaProject.bin")) continue;
    auto part = zip::extract(bytes, e, 64u << 20);
    if (part && !part->damaged) return std::string(part->data.begin(), part->data.end());
  }
  return {};
}

TEST(OleCorpus, EveryCompoundFileOpensWithoutCrash) {
  int files = 0, ole = 0;
  for (const auto& e : fs::recursive_directory_iterator(kOffice)) {
    if (!e.is_regular_file() || e.path().extension() == ".zip") continue;
    ++files;
    std::string data = testing::read_file(e.path().string());
    if (!CompoundFile::has_signature(as_bytes(data))) continue;
    ++ole;
    RecordingContext ctx;
    OleAnalyzer a;
    EXPECT_TRUE(a.analyze(as_bytes(data), ctx).is_ok()) << e.path();
    EXPECT_TRUE(ctx.facts.count("ole_entries")) << e.path();
    for (const auto& t : ctx.texts) EXPECT_TRUE(is_valid_utf8(t.utf8)) << e.path();
  }
  std::printf("office corpus: %d files, %d compound files analyzed\n", files, ole);
  EXPECT_GE(ole, 25);
}

TEST(OleCorpus, DifferentialAgainstOlevba) {
  int compared_files = 0, compared_modules = 0, compared_keywords = 0, compared_ooxml = 0,
      skipped = 0;
  for (const auto& e : fs::directory_iterator(kExpected)) {
    const Json doc = testing::read_json_file(e.path().string());
    // The first result only (olevba adds a second one for a file it decrypted itself).
    const auto results = testing::olevba_results(doc);
    if (results.empty()) continue;
    const Json& result = *results.front();
    const std::string file = json_string(json_get(result, "file"));
    if (file.empty()) continue;
    std::string rel = file.substr(file.find("/corpus/office/") + 15);
    std::string data = testing::read_file(kOffice + "/" + rel);
    std::vector<std::string> names, codes;
    if (const Json* macros = json_get(result, "macros"); macros && macros->is_array()) {
      for (const Json& m : *macros) {
        names.push_back(json_string(json_get(m, "vba_filename")));
        codes.push_back(json_string(json_get(m, "code")));
      }
    }
    // An OOXML package's VBA project is its vbaProject.bin part (ECMA-376 Part 1, 15.2.1 and
    // [MS-OFFMACRO2]), a compound file the OLE analyzer reads as a child of the package.
    std::string compound = data;
    if (!CompoundFile::has_signature(as_bytes(data))) {
      compound = vba_project_part(data);
      if (compound.empty()) {
        if (!names.empty()) ++skipped;
        continue;
      }
      ++compared_ooxml;
    }
    RecordingContext ctx;
    OleAnalyzer a;
    ASSERT_TRUE(a.analyze(as_bytes(compound), ctx).is_ok()) << rel;
    ++compared_files;
    // Module sets and sources.
    std::map<std::string, std::string> expected;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "xlm_macro.txt") continue;  // Excel 4 macros: not VBA
      expected[names[i].substr(0, names[i].rfind('.'))] = normalize(codes[i]);
    }
    std::map<std::string, std::string> got;
    auto it = ctx.facts.find("vba_modules");
    std::vector<std::string> mods;
    if (it != ctx.facts.end()) mods = std::get<std::vector<std::string>>(it->second);
    std::vector<std::string> sources;
    for (const auto& t : ctx.texts)
      if (t.kind == TextKind::kMacro) sources.push_back(t.utf8);
    for (const std::string& m : mods) got[m] = "";
    std::vector<std::string> got_names, want_names;
    for (auto& [k, v] : got) got_names.push_back(k);
    for (auto& [k, v] : expected) want_names.push_back(k);
    EXPECT_EQ(got_names, want_names) << rel;
    for (auto& [name, code] : expected) {
      ++compared_modules;
      if (code.empty()) continue;  // an empty module sends no text
      bool found = std::any_of(sources.begin(), sources.end(),
                               [&](const std::string& s) { return normalize(s) == code; });
      std::string near;  // for the failure message: a source holding the first line
      for (const std::string& s : sources)
        if (s.find(code.substr(0, code.find('\n'))) != std::string::npos) near = s;
      EXPECT_TRUE(found) << rel << " module " << name << "\nwant:\n" << code << "\ngot:\n" << near;
    }
    // Keywords (files whose only macros are Excel 4 sheets are the XLM analyzer's).
    if (expected.empty()) continue;
    auto kit = ctx.facts.find("vba_keywords");
    std::vector<std::string> mine;
    if (kit != ctx.facts.end())
      for (auto& k : std::get<std::vector<std::string>>(kit->second)) mine.push_back(lower(k));
    const Json* analysis = json_get(result, "analysis");
    if (!analysis || !analysis->is_array()) continue;
    for (const Json& entry : *analysis) {
      const std::string t = json_string(json_get(entry, "type"));
      const std::string kw = json_string(json_get(entry, "keyword"));
      if ((t != "AutoExec" && t != "Suspicious") || kw == "XLM macro") continue;
      ++compared_keywords;
      std::string want = lower(t + ":" + kw);
      EXPECT_NE(std::find(mine.begin(), mine.end(), want), mine.end()) << rel << " " << want;
    }
  }
  std::printf(
      "differential: %d files (%d of them OOXML vbaProject.bin parts), %d modules, %d keywords "
      "compared; %d files with macros not compared (SYLK, or not a ZIP package)\n",
      compared_files, compared_ooxml, compared_modules, compared_keywords, skipped);
  EXPECT_GE(compared_files, 20);
  EXPECT_GE(compared_ooxml, 1);
  EXPECT_GE(compared_modules, 4);
}

}  // namespace
}  // namespace lg
