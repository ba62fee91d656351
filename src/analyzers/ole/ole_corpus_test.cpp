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
#include "formats/cfb/compound_file.h"
#include "formats/zip/zip_walker.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
using testing::RecordingContext;

const std::string kOffice = LG_SHARED_DIR "/corpus/office";
const std::string kExpected = LG_SHARED_DIR "/corpus/office-expected";

// The JSON string value starting at `pos` (just after the opening quote), unescaped.
std::string json_string(const std::string& s, std::size_t pos) {
  std::string out;
  for (std::size_t i = pos; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') break;
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        unsigned cp = static_cast<unsigned>(std::stoul(s.substr(i + 1, 4), nullptr, 16));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && s.compare(i + 1, 2, "\\u") == 0) {
          unsigned lo = static_cast<unsigned>(std::stoul(s.substr(i + 3, 4), nullptr, 16));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        if (cp < 0x80)
          out += static_cast<char>(cp);
        else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xF0 | (cp >> 18));
          out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

// Every value of `"key": "..."` in `s`, in order.
std::vector<std::string> json_values(const std::string& s, const std::string& key) {
  std::vector<std::string> out;
  const std::string needle = "\"" + key + "\": \"";
  for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1))
    out.push_back(json_string(s, at + needle.size()));
  return out;
}

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
    std::string json = testing::read_file(e.path().string());
    // The first result only (olevba adds a second one for a file it decrypted itself).
    std::size_t first = json.find("\"container\"");
    if (first == std::string::npos) continue;
    std::size_t second = json.find("\"container\"", first + 1);
    json = json.substr(first, second == std::string::npos ? std::string::npos : second - first);
    auto file = json_values(json, "file");
    if (file.empty()) continue;
    std::string rel = file[0].substr(file[0].find("/corpus/office/") + 15);
    std::string data = testing::read_file(kOffice + "/" + rel);
    auto names = json_values(json, "vba_filename");
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
    auto codes = json_values(json, "code");
    ASSERT_EQ(codes.size(), names.size()) << rel;
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
    auto types = json_values(json, "type");
    auto kws = json_values(json, "keyword");
    auto kit = ctx.facts.find("vba_keywords");
    std::vector<std::string> mine;
    if (kit != ctx.facts.end())
      for (auto& k : std::get<std::vector<std::string>>(kit->second)) mine.push_back(lower(k));
    // "type" also names the result and the container type: pair analysis entries by order.
    std::vector<std::string> analysis_types;
    for (auto& t : types)
      if (t == "AutoExec" || t == "Suspicious" || t == "IOC" || t == "Hex String" ||
          t == "Base64 String" || t == "VBA string" || t == "Dridex string")
        analysis_types.push_back(t);
    for (std::size_t i = 0; i < kws.size() && i < analysis_types.size(); ++i) {
      const std::string& t = analysis_types[i];
      if ((t != "AutoExec" && t != "Suspicious") || kws[i] == "XLM macro") continue;
      ++compared_keywords;
      std::string want = lower(t + ":" + kws[i]);
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
