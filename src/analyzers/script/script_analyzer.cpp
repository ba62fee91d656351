#include "analyzers/script/script_analyzer.h"

#include <string>
#include <vector>

#include "core/charset.h"
#include "core/utf8.h"
#include "formats/script/script_text.h"
#include "formats/script/wsf.h"

namespace lg {
namespace {

using script::ScriptLanguage;
using namespace std::string_view_literals;

constexpr std::size_t kMaxWsfScripts = 256;  // <script> elements read from one WSF

// Script files are UTF-16 with a BOM when saved as "Unicode" by Notepad or PowerShell, else
// UTF-8 or the ANSI code page.
std::string script_text(ByteView data) {
  std::string_view s = as_chars(data);
  if (s.starts_with("\xFF\xFE"sv)) return utf16le_to_utf8(data.subspan(2));
  if (s.starts_with("\xFE\xFF"sv)) return decode_text(data.subspan(2), "UTF-16BE").utf8;
  if (s.starts_with("\xEF\xBB\xBF"sv)) return repair_utf8(s.substr(3));
  return decode_text(data, "").utf8;
}

ScriptLanguage language_of(FileType t) {
  switch (t) {
    case FileType::kJavaScript:
      return ScriptLanguage::kJavaScript;
    case FileType::kVbScript:
      return ScriptLanguage::kVbScript;
    case FileType::kPowerShell:
      return ScriptLanguage::kPowerShell;
    case FileType::kBatch:
      return ScriptLanguage::kBatch;
    default:
      return ScriptLanguage::kUnknown;
  }
}

// A WSF's <script> bodies, joined so that a download in one job and the run in another are
// judged together; each element's src= is a script fetched from elsewhere.
void analyze_wsf(std::string_view text, Context& ctx) {
  std::vector<script::WsfScript> scripts = script::wsf_scripts(text, kMaxWsfScripts);
  if (scripts.size() == kMaxWsfScripts) ctx.anomaly("wsf: <script> elements past the cap skipped");
  std::vector<std::string> languages, sources;
  std::string joined;
  ScriptLanguage language = ScriptLanguage::kUnknown;
  bool mixed = false;
  for (const auto& s : scripts) {
    ScriptLanguage l = script::script_language_from_name(s.language);
    if (!joined.empty() && l != language) mixed = true;
    if (joined.empty()) language = l;
    if (!s.language.empty()) languages.push_back(s.language);
    if (!s.src.empty()) {
      sources.push_back(s.src);
      ctx.link(s.src, "");
    }
    joined += s.body;
    joined += '\n';
  }
  ctx.fact("wsf_scripts", static_cast<std::int64_t>(scripts.size()));
  if (!languages.empty()) ctx.fact("wsf_languages", languages);
  if (!sources.empty()) ctx.fact("wsf_sources", sources);
  script::analyze_script_text(mixed ? ScriptLanguage::kUnknown : language, joined, ctx);
}

}  // namespace

Status ScriptAnalyzer::analyze(ByteView object, Context& ctx) {
  const std::string text = script_text(object);
  ctx.fact("script_language", std::string(file_type_name(type_)));
  ctx.text(TextKind::kScript, text);
  if (type_ == FileType::kWsf) {
    analyze_wsf(text, ctx);
  } else {
    script::analyze_script_text(language_of(type_), text, ctx);
  }
  return Status::ok();
}

}  // namespace lg
