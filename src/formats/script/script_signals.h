#pragma once
/// What a script's source text does, as named primitives: downloads, program starts,
/// hidden windows and obfuscation tricks. Pure functions over lower-cased text; the findings
/// are made by analyze_script_text (script_text.h).
#include <string>
#include <string_view>
#include <vector>

#include "formats/script/script_text.h"

namespace lg::script {

struct ScriptSignals {
  std::vector<std::string> download;     // "net.webclient", "certutil -urlcache", ...
  std::vector<std::string> execute;      // "iex", "wscript.shell .run", "mshta", ...
  std::vector<std::string> hidden;       // "-windowstyle hidden", ".run ..., 0"
  std::vector<std::string> obfuscation;  // "24 char-code calls", "string reversal", ...
};

/// Scans `lowered` (ASCII lower-cased script text) once per primitive table: linear in its
/// size. Each primitive is named once.
ScriptSignals scan_signals(std::string_view lowered, ScriptLanguage language);

/// Appends the names of `from` not yet in `into` (keeps order, at most `cap` names).
void merge_names(std::vector<std::string>& into, const std::vector<std::string>& from,
                 std::size_t cap);

}  // namespace lg::script
