// Download, execute, hidden-window and obfuscation primitives of Windows scripting languages,
// named after the APIs and command lines they use (PowerShell cmdlets and .NET classes,
// Windows Script Host objects, MSXML/WinHTTP COM classes, cmd.exe built-ins, LOLBins).
#include "formats/script/script_signals.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace lg::script {
namespace {

using namespace std::string_view_literals;

// A pattern that must stand as a word (no identifier character on either side) or anywhere.
struct Pattern {
  std::string_view text;
  bool word;
  std::string_view name;  // reported name; the text itself when empty
};

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '$';
}

// First occurrence of `p` in `s` (as a word when asked); npos when none.
std::size_t find_pattern(std::string_view s, const Pattern& p) {
  for (std::size_t at = s.find(p.text); at != std::string_view::npos; at = s.find(p.text, at + 1)) {
    if (!p.word) return at;
    bool left = at == 0 || !ident_char(s[at - 1]);
    std::size_t end = at + p.text.size();
    bool right = end >= s.size() || !ident_char(s[end]);
    if (left && right) return at;
  }
  return std::string_view::npos;
}

bool has(std::string_view s, std::string_view text) { return s.find(text) != s.npos; }

void add(std::vector<std::string>& names, std::string_view name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
}

template <std::size_t N>
void scan_table(std::string_view s, const std::array<Pattern, N>& table,
                std::vector<std::string>& out) {
  for (const auto& p : table) {
    if (find_pattern(s, p) != std::string_view::npos) add(out, p.name.empty() ? p.text : p.name);
  }
}

// Download primitives: PowerShell cmdlets and aliases, .NET WebClient/HttpClient, the COM HTTP
// classes WSH scripts create, urlmon's URLDownloadToFile, and the LOLBins (bitsadmin /transfer,
// certutil -urlcache -f, curl.exe and wget in Windows 10+ and in shell scripts).
constexpr std::array kDownload = {
    Pattern{"invoke-webrequest", true, ""},
    Pattern{"iwr", true, "iwr (Invoke-WebRequest)"},
    Pattern{"invoke-restmethod", true, ""},
    Pattern{"irm", true, "irm (Invoke-RestMethod)"},
    Pattern{"wget", true, ""},
    Pattern{"curl", true, ""},
    Pattern{"net.webclient", false, ""},
    Pattern{"downloadstring", false, ""},
    Pattern{"downloadfile", false, ""},
    Pattern{"downloaddata", false, ""},
    Pattern{"system.net.http.httpclient", false, ""},
    Pattern{"msxml2.xmlhttp", false, ""},
    Pattern{"msxml2.serverxmlhttp", false, ""},
    Pattern{"microsoft.xmlhttp", false, ""},
    Pattern{"winhttp.winhttprequest", false, ""},
    Pattern{"urldownloadtofile", false, ""},
    Pattern{"bitsadmin", true, ""},
    Pattern{"start-bitstransfer", true, ""},
};

// Execute primitives: PowerShell's expression and process cmdlets, WSH's shell objects, cmd.exe
// and the signed binaries that run code for a script (T1218: mshta, rundll32, regsvr32 ...).
constexpr std::array kExecute = {
    Pattern{"iex", true, "iex (Invoke-Expression)"},
    Pattern{"invoke-expression", true, ""},
    Pattern{"start-process", true, ""},
    Pattern{"invoke-item", true, ""},
    Pattern{"shellexecute", false, ""},
    Pattern{"cmd /c", true, ""},
    Pattern{"cmd.exe /c", true, ""},
    Pattern{"cmd /k", true, ""},
    Pattern{"cmd.exe /k", true, ""},
    Pattern{"rundll32", true, ""},
    Pattern{"regsvr32", true, ""},
    Pattern{"mshta", true, ""},
    Pattern{"msiexec", true, ""},
    Pattern{"win32_process", false, ""},
    Pattern{"process call create", false, "wmic process call create"},
    Pattern{"createprocess", false, ""},
    Pattern{"cscript", true, ""},
    Pattern{"wscript.exe", true, ""},
};

// Only where PowerShell is a program a script starts, not the script's own language.
constexpr std::array kLaunchPowerShell = {
    Pattern{"powershell", true, ""},
    Pattern{"powershell.exe", true, ""},
    Pattern{"pwsh", true, ""},
};

// The WSH shell objects run programs through a method call.
void scan_shell_objects(std::string_view s, std::vector<std::string>& execute) {
  bool wsh = has(s, "wscript.shell"), app = has(s, "shell.application");
  if (!wsh && !app) return;
  if (find_pattern(s, {".run", true, ""}) != s.npos) add(execute, "wscript.shell .run");
  if (find_pattern(s, {".exec", true, ""}) != s.npos) add(execute, "wscript.shell .exec");
}

// certutil only downloads with -urlcache (or -verifyctl -f); bare certutil is a hash tool.
void scan_certutil(std::string_view s, std::vector<std::string>& download) {
  if (find_pattern(s, {"certutil", true, ""}) == s.npos &&
      find_pattern(s, {"certutil.exe", true, ""}) == s.npos) {
    return;
  }
  if (has(s, "urlcache")) add(download, "certutil -urlcache");
  if (has(s, "verifyctl")) add(download, "certutil -verifyctl");
}

// Batch: "start" at the beginning of a command runs a program or document.
void scan_batch_start(std::string_view s, std::vector<std::string>& execute) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t eol = s.find('\n', pos);
    std::string_view line = s.substr(pos, eol == s.npos ? s.npos : eol - pos);
    pos = eol == s.npos ? s.size() : eol + 1;
    std::size_t first = line.find_first_not_of(" \t@");
    if (first == line.npos) continue;
    line.remove_prefix(first);
    if (line.starts_with("start ") || line.starts_with("call ")) {
      add(execute, line.starts_with("start ") ? "start" : "call");
      if (execute.size() > 1) return;
    }
  }
}

constexpr std::size_t kMaxArgumentScan = 1024;  // bytes of a call's arguments looked at

// The argument after `at` (the end of a method name) that is the second one: ".Run cmd, 0".
// Returns true when it is the literal 0 (SW_HIDE). Looks at the rest of the line only.
bool second_argument_is_zero(std::string_view s, std::size_t at) {
  std::string_view rest = s.substr(at, kMaxArgumentScan);
  rest = rest.substr(0, rest.find('\n'));
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '(')
      ++depth;
    else if (c == ')' && --depth < 0)
      return false;
    else if (c == ',' && depth <= 1) {
      std::size_t j = rest.find_first_not_of(" \t", i + 1);
      if (j == rest.npos || rest[j] != '0') return false;
      if (j + 1 >= rest.size()) return true;
      char next = rest[j + 1];
      return !(next >= '0' && next <= '9') && next != 'x' && next != '.';
    }
  }
  return false;
}

void scan_hidden(std::string_view s, std::vector<std::string>& hidden) {
  // PowerShell's -WindowStyle Hidden (any unambiguous prefix of the parameter, value Hidden
  // or 1), also as Start-Process -WindowStyle Hidden.
  for (std::size_t at = s.find("-w"); at != s.npos && hidden.empty(); at = s.find("-w", at + 1)) {
    if (at > 0 && ident_char(s[at - 1])) continue;
    std::size_t end = at + 1;
    while (end < s.size() && s[end] >= 'a' && s[end] <= 'z') ++end;
    std::string_view word = s.substr(at + 1, end - at - 1);
    if (!"windowstyle"sv.starts_with(word)) continue;
    std::size_t v = s.find_first_not_of(" \t\"'", end);
    if (v == s.npos || v == end) continue;
    std::size_t vend = v;
    while (vend < s.size() && ident_char(s[vend])) ++vend;
    std::string_view value = s.substr(v, vend - v);
    if (value == "hidden" || value == "hid" || value == "h" || value == "1") {
      add(hidden, "-" + std::string(word) + " " + std::string(value));
    }
  }
  if (has(s, "processwindowstyle]::hidden") || has(s, "windowstyle = 'hidden'") ||
      has(s, "windowstyle='hidden'") || has(s, "createnowindow = $true") ||
      has(s, "createnowindow=$true")) {
    add(hidden, "ProcessStartInfo with a hidden window");
  }
  // WshShell.Run(command, 0): intWindowStyle 0 hides the window (WSH reference, Run method).
  std::size_t runs = 0;
  for (std::size_t at = s.find(".run"); at != s.npos && runs < 4096; at = s.find(".run", at + 1)) {
    ++runs;
    std::size_t end = at + 4;
    if (end < s.size() && ident_char(s[end])) continue;
    if (second_argument_is_zero(s, end)) {
      add(hidden, ".run ..., 0 (window hidden)");
      break;
    }
  }
}

// Counts non-overlapping occurrences of `needle`, stopping at `cap`.
std::size_t count(std::string_view s, std::string_view needle, std::size_t cap = 1u << 20) {
  std::size_t n = 0;
  for (std::size_t at = s.find(needle); at != s.npos && n < cap;
       at = s.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// String literals glued with + or &: "po"+"wer"+"shell", "W" & "Scr" & "ipt".
std::size_t literal_joins(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char q = s[i];
    if (q != '"' && q != '\'') continue;
    std::size_t j = i + 1;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    if (j >= s.size() || (s[j] != '+' && s[j] != '&')) continue;
    ++j;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) ++n;
  }
  return n;
}

bool hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Bytes spent on \xNN, \uNNNN and %uNNNN / %NN escapes.
std::size_t escape_bytes(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] != '\\' && s[i] != '%') continue;
    char k = s[i + 1];
    std::size_t digits = (k == 'x' && s[i] == '\\') ? 2 : k == 'u' ? 4 : 0;
    std::size_t start = i + 2;
    if (digits == 0 && s[i] == '%') {
      digits = 2;
      start = i + 1;
    }
    if (digits == 0 || start + digits > s.size()) continue;
    bool ok = true;
    for (std::size_t d = 0; d < digits; ++d) ok = ok && hex(s[start + d]);
    if (!ok) continue;
    n += start + digits - i;
    i = start + digits - 1;
  }
  return n;
}

constexpr std::size_t kCharCodeCalls = 8;     // char-code calls that make a chain
constexpr std::size_t kLiteralJoins = 40;     // "a"+"b" joins that make heavy concatenation
constexpr std::size_t kJoinsPerBytes = 60;    // ... and at least one per this many bytes
constexpr std::size_t kEscapeMinBytes = 256;  // escape bytes that make an escaped script
constexpr std::size_t kEscapePercent = 25;    // ... and at least this share of the text
constexpr std::size_t kCaretMin = 40;         // cmd.exe ^ escapes
constexpr std::size_t kSubstringMin = 10;     // %var:~n,m% substrings
constexpr std::size_t kBacktickMin = 30;      // PowerShell ` escapes inside words

void scan_obfuscation(std::string_view s, std::vector<std::string>& out) {
  std::size_t char_codes = count(s, "fromcharcode(") + count(s, "chr(") + count(s, "chrw(") +
                           count(s, "chrb(") + count(s, "[char]");
  if (char_codes >= kCharCodeCalls) add(out, std::to_string(char_codes) + " char-code calls");
  if (has(s, "strreverse(") || has(s, "[array]::reverse(") ||
      (has(s, ".reverse()") && has(s, ".split(")) || has(s, "[-1..-")) {
    add(out, "string reversal");
  }
  bool evaluates = find_pattern(s, {"eval", true, ""}) != s.npos || has(s, "execute(") ||
                   has(s, "executeglobal") || has(s, "new function(") ||
                   find_pattern(s, {"iex", true, ""}) != s.npos || has(s, "invoke-expression");
  for (auto decoder : {"atob("sv, "unescape("sv, "frombase64string"sv, "fromcharcode"sv,
                       "decodeuricomponent("sv, "-bxor"sv, "strreverse("sv}) {
    if (evaluates && has(s, decoder)) {
      add(out, "evaluates decoded data (" + std::string(decoder) + ")");
      break;
    }
  }
  std::size_t joins = literal_joins(s);
  if (joins >= kLiteralJoins && joins * kJoinsPerBytes >= s.size()) {
    add(out, std::to_string(joins) + " string literals glued together");
  }
  std::size_t esc = escape_bytes(s);
  if (esc >= kEscapeMinBytes && esc * 100 >= s.size() * kEscapePercent) {
    add(out, std::to_string(esc) + " bytes of \\x, \\u or % escapes");
  }
  std::size_t carets = count(s, "^");
  if (carets >= kCaretMin && carets * 50 >= s.size()) {
    add(out, std::to_string(carets) + " cmd.exe ^ escapes");
  }
  std::size_t substrings = count(s, ":~");
  if (substrings >= kSubstringMin && has(s, "%")) {
    add(out, std::to_string(substrings) + " %variable:~n,m% substrings");
  }
  std::size_t backticks = count(s, "`");
  if (backticks >= kBacktickMin && backticks * 50 >= s.size()) {
    add(out, std::to_string(backticks) + " PowerShell backtick escapes");
  }
}

}  // namespace

void merge_names(std::vector<std::string>& into, const std::vector<std::string>& from,
                 std::size_t cap) {
  for (const auto& n : from) {
    if (into.size() >= cap) return;
    add(into, n);
  }
}

ScriptSignals scan_signals(std::string_view s, ScriptLanguage language) {
  ScriptSignals r;
  scan_table(s, kDownload, r.download);
  scan_certutil(s, r.download);
  scan_table(s, kExecute, r.execute);
  if (language != ScriptLanguage::kPowerShell) scan_table(s, kLaunchPowerShell, r.execute);
  scan_shell_objects(s, r.execute);
  if (language == ScriptLanguage::kBatch) scan_batch_start(s, r.execute);
  scan_hidden(s, r.hidden);
  scan_obfuscation(s, r.obfuscation);
  return r;
}

}  // namespace lg::script
