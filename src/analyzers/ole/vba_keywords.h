#pragma once
/// Keyword analysis of VBA source: auto-exec entry points, execution, downloads, file writes,
/// other suspicious operations and obfuscation, each with the line it was found on. Tables are
/// data (vba_keywords.cpp); matching is case-insensitive on word boundaries, one pass per
/// module (a hash lookup at each word start).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

/// kWeak: listed (as olevba lists it) but common in harmless macros, so no finding on its own.
enum class VbaKeywordKind {
  kAutoExec,
  kExecute,
  kDownload,
  kWrite,
  kSuspicious,
  kObfuscation,
  kWeak
};

struct VbaKeywordHit {
  VbaKeywordKind kind;
  std::string keyword;           // as the table spells it ("URLDownloadToFile", "Hex Strings")
  std::string description;       // why it matters
  std::size_t line = 0;          // 1-based line in the module (0 for decoded strings)
  std::string line_text;         // the line, trimmed and capped
  bool mraptor_write = false;    // counts as W in mraptor's A and (W or X)
  bool mraptor_execute = false;  // counts as X
};

struct VbaAnalysis {
  std::vector<VbaKeywordHit> hits;            // each keyword once per module (first line)
  std::vector<std::string> decoded_strings;   // long hex / Base64 literals, decoded (UTF-8)
  std::vector<std::string> executable_names;  // "payload.exe" ... inside string literals
  std::size_t chr_calls = 0;                  // Chr/ChrW/ChrB calls
  bool has_autoexec() const;
  bool has_write() const;
  bool has_execute() const;
};

/// Analyzes one module's source (UTF-8). Long hex and Base64 literals are decoded and the
/// decoded text is scanned once more (not recursively). At most kMaxVbaLines lines.
VbaAnalysis analyze_vba_source(std::string_view source);

/// olevba's type for a hit: "AutoExec" or "Suspicious".
const char* vba_keyword_type(VbaKeywordKind k);

inline constexpr std::size_t kMaxVbaLines = 200000;
inline constexpr std::size_t kMaxDecodedStrings = 64;

}  // namespace lg
