// Script languages by scored indicators over the lower-cased text prefix. Each indicator
// counts once (repeating a word does not raise a score), and a language wins only with
// kMinScore points and a kMinMargin lead over the runner-up, so that prose mentioning
// "powershell -EncodedCommand" or "IEX" stays plain text. Indicators follow the languages'
// own syntax: ECMA-262 (function expressions, var), VBScript (Dim, Set x =, End Sub,
// On Error Resume Next), PowerShell (param(), $env:, cmdlet Verb-Noun names), cmd.exe batch
// (@echo off, goto :label, %~dp0).
#include <array>
#include <string_view>

#include "core/file_type_internal.h"

namespace lg::file_type_internal {
namespace {

using namespace std::string_view_literals;

constexpr int kMinScore = 3;
constexpr int kMinMargin = 2;

enum Lang { kJs, kVbs, kPs, kBat, kLangs };

struct Indicator {
  Lang lang;
  std::string_view text;
  int weight;
};

// Anywhere in the prefix.
constexpr std::array kAnywhere = {
    Indicator{kJs, "function(", 2},
    Indicator{kJs, "function (", 2},
    Indicator{kJs, "activexobject", 2},
    Indicator{kJs, "string.fromcharcode", 2},
    Indicator{kJs, "eval(", 1},
    Indicator{kJs, "document.", 1},
    Indicator{kJs, "window.", 1},
    Indicator{kJs, "=>", 1},
    Indicator{kJs, "wscript.", 1},
    Indicator{kVbs, "wscript.", 1},
    Indicator{kVbs, "createobject(", 2},
    Indicator{kVbs, "on error resume next", 2},
    Indicator{kVbs, "& vbcrlf", 1},
    Indicator{kVbs, "msgbox ", 1},
    Indicator{kPs, "param(", 2},
    Indicator{kPs, "$env:", 2},
    Indicator{kPs, "invoke-expression", 2},
    Indicator{kPs, "new-object ", 1},
    Indicator{kPs, "net.webclient", 1},
    Indicator{kPs, "-encodedcommand", 1},
    Indicator{kPs, "-executionpolicy", 1},
    Indicator{kPs, "downloadstring(", 1},
    Indicator{kPs, "write-host", 1},
    Indicator{kPs, "get-childitem", 1},
    Indicator{kPs, "get-content", 1},
    Indicator{kPs, "get-item", 1},
    Indicator{kPs, "$_", 1},
    Indicator{kPs, "[system.", 1},
    Indicator{kBat, "@echo off", 3},
    Indicator{kBat, "%~dp0", 2},
    Indicator{kBat, "%errorlevel%", 1},
    Indicator{kBat, "%comspec%", 1},
    Indicator{kBat, "goto :", 1},
};

// At the start of a line, after indentation.
constexpr std::array kLineStart = {
    Indicator{kJs, "var ", 1},       Indicator{kJs, "const ", 1},
    Indicator{kJs, "let ", 1},       Indicator{kVbs, "dim ", 2},
    Indicator{kVbs, "end sub", 2},   Indicator{kVbs, "end function", 2},
    Indicator{kVbs, "sub ", 1},      Indicator{kPs, "iex ", 1},
    Indicator{kPs, "iex(", 1},       Indicator{kBat, "rem ", 1},
    Indicator{kBat, "::", 1},        Indicator{kBat, "goto ", 1},
    Indicator{kBat, "if exist ", 1}, Indicator{kBat, "if not exist ", 1},
    Indicator{kBat, "setlocal", 1},
};

struct Scores {
  std::array<int, kLangs> points{};
  std::array<bool, kLineStart.size()> seen_line{};
  bool vbs_set = false, bat_set = false, named_function = false;
  int semicolon_lines = 0;
};

// One line, already stripped of indentation.
void score_line(std::string_view line, Scores& s) {
  for (std::size_t i = 0; i < kLineStart.size(); ++i) {
    if (!s.seen_line[i] && line.starts_with(kLineStart[i].text)) {
      s.seen_line[i] = true;
      s.points[kLineStart[i].lang] += kLineStart[i].weight;
    }
  }
  // "Set x = CreateObject(...)" is VBScript; "set name=value" is batch.
  if (line.starts_with("set ")) {
    bool spaced = line.find(" = ") != std::string_view::npos;
    if (spaced && !s.vbs_set) {
      s.vbs_set = true;
      s.points[kVbs] += 1;
    } else if (!spaced && !s.bat_set) {
      s.bat_set = true;
      s.points[kBat] += 1;
    }
  }
  // "function f(a) {" is ECMAScript, "function f($a) {" PowerShell, "Function F(a)" VBScript.
  if (!s.named_function && line.starts_with("function ") && line.find('(') != line.npos) {
    s.named_function = true;
    bool brace = line.find('{') != std::string_view::npos;
    bool dollar = line.find('$') != std::string_view::npos;
    s.points[dollar ? kPs : brace ? kJs : kVbs] += dollar || brace ? 2 : 1;
  }
  // ECMAScript statements usually end with ';'.
  if (line.ends_with(';') && ++s.semicolon_lines == 3) s.points[kJs] += 1;
}

}  // namespace

FileType script_type(std::string_view lowered) {
  Scores s;
  for (std::size_t i = 0; i < kAnywhere.size(); ++i) {
    if (lowered.find(kAnywhere[i].text) != std::string_view::npos) {
      s.points[kAnywhere[i].lang] += kAnywhere[i].weight;
    }
  }
  std::size_t pos = 0;
  while (pos < lowered.size()) {
    std::size_t eol = lowered.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? lowered.size() : eol;
    std::string_view line = lowered.substr(pos, end - pos);
    pos = end + 1;
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    line.remove_prefix(first);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    score_line(line, s);
  }
  int best = kJs, second = -1;
  for (int l = 1; l < kLangs; ++l) {
    if (s.points[l] > s.points[best]) best = l;
  }
  for (int l = 0; l < kLangs; ++l) {
    if (l != best && (second < 0 || s.points[l] > s.points[second])) second = l;
  }
  if (s.points[best] < kMinScore || s.points[best] - s.points[second] < kMinMargin) {
    return FileType::kUnknown;
  }
  static constexpr std::array kTypes = {FileType::kJavaScript, FileType::kVbScript,
                                        FileType::kPowerShell, FileType::kBatch};
  return kTypes[best];
}

// Windows Script Host containers. The Script Encoder ("Windows Script Encoder (screnc)
// format") marks an encoded block with "#@~^"; a .jse/.vbe file starts with one. A Windows
// Script File (WSH 5.6 reference, "Windows Script Host Elements") is XML whose root is <job>
// or <package>; the XML declaration, processing instructions and comments may come first.
FileType script_container_type(std::string_view lowered) {
  std::string_view p = lowered;
  if (p.starts_with("\xef\xbb\xbf"sv)) p.remove_prefix(3);
  auto skip_space = [&p] {
    std::size_t i = p.find_first_not_of(" \t\r\n\f");
    p = i == std::string_view::npos ? std::string_view{} : p.substr(i);
  };
  skip_space();
  if (p.starts_with("#@~^")) return FileType::kEncodedScript;
  // Prolog: "<?...?>" and "<!--...-->", each closed inside the prefix (at most its length).
  while (p.starts_with("<?") || p.starts_with("<!--")) {
    bool pi = p.starts_with("<?");
    std::size_t end = p.find(pi ? "?>"sv : "-->"sv);
    if (end == std::string_view::npos) return FileType::kUnknown;
    p.remove_prefix(end + (pi ? 2 : 3));
    skip_space();
  }
  for (std::string_view root : {"<job"sv, "<package"sv}) {
    if (!p.starts_with(root) || p.size() == root.size()) continue;
    char after = p[root.size()];
    if (after == '>' || after == ' ' || after == '\t' || after == '\r' || after == '\n') {
      return FileType::kWsf;
    }
  }
  return FileType::kUnknown;
}

}  // namespace lg::file_type_internal
