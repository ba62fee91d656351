// VBA keyword tables and the one-pass matcher. The tables follow what oletools' olevba and
// mraptor look for (AutoExec, Suspicious; mraptor's A/W/X flags), in our own words.
#include "analyzers/ole/vba_keywords.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "analyzers/ole/vba_strings.h"

namespace lg {
namespace {

using K = VbaKeywordKind;

struct Keyword {
  std::string_view text;  // spaces match runs of blanks
  K kind;
  bool w, x;  // mraptor write / execute
  std::string_view description;
};

constexpr std::string_view kAuto = "runs when the document is opened or closed";
constexpr std::string_view kExec = "may run an executable or a system command";
constexpr std::string_view kDown = "may download files from the Internet";
constexpr std::string_view kWrite = "may write to a file";
constexpr std::string_view kDll = "may call a DLL function";

constexpr std::array kKeywords = {
    // Auto-exec entry points (Word, Excel, PowerPoint, Outlook).
    Keyword{"AutoExec", K::kAutoExec, false, false, kAuto},
    Keyword{"AutoOpen", K::kAutoExec, false, false, kAuto},
    Keyword{"Auto_Open", K::kAutoExec, false, false, kAuto},
    Keyword{"AutoClose", K::kAutoExec, false, false, kAuto},
    Keyword{"Auto_Close", K::kAutoExec, false, false, kAuto},
    Keyword{"AutoExit", K::kAutoExec, false, false, kAuto},
    Keyword{"AutoNew", K::kAutoExec, false, false, kAuto},
    Keyword{"DocumentOpen", K::kAutoExec, false, false, kAuto},
    Keyword{"Document_Open", K::kAutoExec, false, false, kAuto},
    Keyword{"Document_Close", K::kAutoExec, false, false, kAuto},
    Keyword{"Document_BeforeClose", K::kAutoExec, false, false, kAuto},
    Keyword{"DocumentBeforeClose", K::kAutoExec, false, false, kAuto},
    Keyword{"Document_New", K::kAutoExec, false, false, kAuto},
    Keyword{"NewDocument", K::kAutoExec, false, false, kAuto},
    Keyword{"Document_ContentControlOnEnter", K::kAutoExec, false, false, kAuto},
    Keyword{"Workbook_Open", K::kAutoExec, false, false, kAuto},
    Keyword{"Workbook_Activate", K::kAutoExec, false, false, kAuto},
    Keyword{"Workbook_Close", K::kAutoExec, false, false, kAuto},
    Keyword{"Workbook_BeforeClose", K::kAutoExec, false, false, kAuto},
    Keyword{"Application_Startup", K::kAutoExec, false, false, kAuto},
    // Execution.
    Keyword{"Shell", K::kExecute, false, true, kExec},
    Keyword{"WScript.Shell", K::kExecute, false, true, kExec},
    Keyword{"Shell.Application", K::kExecute, false, true, kExec},
    Keyword{"ShellExecute", K::kExecute, false, true, kExec},
    Keyword{"ShellExecuteA", K::kExecute, false, true, kExec},
    Keyword{"ShellExecuteW", K::kExecute, false, true, kExec},
    Keyword{"shell32", K::kExecute, false, true, kExec},
    Keyword{"vbHide", K::kExecute, false, true, kExec},
    Keyword{"vbNormalFocus", K::kExecute, false, true, kExec},
    Keyword{"vbMinimizedNoFocus", K::kExecute, false, true, kExec},
    Keyword{"InvokeVerb", K::kExecute, false, true, kExec},
    Keyword{"InvokeVerbEx", K::kExecute, false, true, kExec},
    Keyword{"ShellExecuteEx", K::kExecute, false, true, kExec},
    Keyword{"CreateProcess", K::kExecute, false, true, kExec},
    Keyword{"CreateProcessA", K::kExecute, false, true, kExec},
    Keyword{"Win32_Process", K::kExecute, false, true, kExec},
    Keyword{"MacScript", K::kExecute, false, true, kExec},
    Keyword{"AppleScript", K::kExecute, false, true, kExec},
    Keyword{"ExecuteExcel4Macro", K::kExecute, false, true, kExec},
    Keyword{"SendKeys", K::kExecute, false, true, "may send keystrokes to another program"},
    Keyword{"FollowHyperlink", K::kExecute, false, true, "may open a URL or a file"},
    Keyword{"powershell", K::kExecute, false, true, kExec},
    Keyword{"mshta", K::kExecute, false, true, kExec},
    Keyword{"cmd.exe", K::kExecute, false, true, kExec},
    Keyword{"wscript.exe", K::kExecute, false, true, kExec},
    Keyword{"cscript", K::kExecute, false, true, kExec},
    Keyword{"rundll32", K::kExecute, false, true, kExec},
    Keyword{"regsvr32", K::kExecute, false, true, kExec},
    Keyword{"certutil", K::kExecute, false, true, kExec},
    Keyword{"bitsadmin", K::kExecute, false, true, kExec},
    Keyword{"CreateThread", K::kExecute, false, true, "may inject code into memory"},
    Keyword{"VirtualAlloc", K::kExecute, false, true, "may inject code into memory"},
    Keyword{"RtlMoveMemory", K::kExecute, false, true, "may inject code into memory"},
    Keyword{"WriteProcessMemory", K::kExecute, false, true, "may inject code into memory"},
    Keyword{"Lib", K::kExecute, false, true, kDll},
    // Downloads.
    Keyword{"URLDownloadToFile", K::kDownload, true, false, kDown},
    Keyword{"URLDownloadToFileA", K::kDownload, true, false, kDown},
    Keyword{"URLDownloadToFileW", K::kDownload, true, false, kDown},
    Keyword{"Microsoft.XMLHTTP", K::kDownload, false, false, kDown},
    Keyword{"MSXML2.XMLHTTP", K::kDownload, false, false, kDown},
    Keyword{"MSXML2.ServerXMLHTTP", K::kDownload, false, false, kDown},
    Keyword{"XMLHTTP", K::kDownload, false, false, kDown},
    Keyword{"WinHttp.WinHttpRequest", K::kDownload, false, false, kDown},
    Keyword{"WinHttpRequest", K::kDownload, false, false, kDown},
    Keyword{"Net.WebClient", K::kDownload, false, false, kDown},
    Keyword{"DownloadFile", K::kDownload, true, false, kDown},
    Keyword{"DownloadString", K::kDownload, false, false, kDown},
    Keyword{"InternetOpenUrl", K::kDownload, false, false, kDown},
    Keyword{"InternetReadFile", K::kDownload, false, false, kDown},
    Keyword{"Invoke-WebRequest", K::kDownload, false, false, kDown},
    Keyword{"Start-BitsTransfer", K::kDownload, true, false, kDown},
    // File writes.
    Keyword{"For Output", K::kWrite, true, false, kWrite},
    Keyword{"For Binary", K::kWrite, true, false, "may read or write a binary file"},
    Keyword{"For Append", K::kWrite, true, false, kWrite},
    Keyword{"Print #", K::kWrite, true, false, kWrite},
    Keyword{"Put #", K::kWrite, true, false, kWrite},
    Keyword{"Write #", K::kWrite, true, false, kWrite},
    Keyword{"SaveToFile", K::kWrite, true, false, kWrite},
    Keyword{"CreateTextFile", K::kWrite, true, false, kWrite},
    Keyword{"ADODB.Stream", K::kWrite, true, false, kWrite},
    Keyword{"FileCopy", K::kWrite, true, false, "may copy a file"},
    Keyword{"CopyFile", K::kWrite, true, false, "may copy a file"},
    Keyword{"CopyHere", K::kWrite, true, false, "may copy a file"},
    Keyword{"MoveFile", K::kWrite, true, false, "may move a file"},
    Keyword{"Kill", K::kWrite, true, false, "may delete a file"},
    Keyword{"SaveCopyAs", K::kWrite, true, false, kWrite},
    // Other suspicious operations.
    Keyword{"CreateObject", K::kSuspicious, false, true, "may create an OLE object"},
    Keyword{"GetObject", K::kSuspicious, false, true, "may get an OLE object"},
    Keyword{"CallByName", K::kSuspicious, false, false, "may hide calls to other functions"},
    Keyword{"Declare", K::kSuspicious, false, false, kDll},
    Keyword{"RegRead", K::kSuspicious, false, false, "may read the registry"},
    Keyword{"RegWrite", K::kSuspicious, false, false, "may write to the registry"},
    Keyword{"RegDelete", K::kSuspicious, false, false, "may delete registry keys"},
    Keyword{"RegOpenKeyEx", K::kSuspicious, false, false, "may read the registry"},
    Keyword{"RegSetValueEx", K::kSuspicious, false, false, "may write to the registry"},
    Keyword{"Environ", K::kSuspicious, false, false, "may read environment variables"},
    Keyword{"ExpandEnvironmentStrings", K::kSuspicious, false, false,
            "may read environment variables"},
    Keyword{"VBProject", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"VBComponents", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"CodeModule", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"AddFromString", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"AddFromFile", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"InsertLines", K::kSuspicious, false, false, "may modify VBA code"},
    Keyword{"AccessVBOM", K::kSuspicious, false, false, "may enable access to VBA code"},
    Keyword{"RecentFiles", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"Win32_ComputerSystem", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"Win32_BIOS", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"VirtualBox", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"VMware", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"SbieDll", K::kSuspicious, false, false, "may detect a sandbox"},
    Keyword{"IsDebuggerPresent", K::kSuspicious, false, false, "may detect a debugger"},
    Keyword{"winmgmts", K::kSuspicious, false, false, "may use WMI"},
    Keyword{"Run", K::kWeak, false, false, "may run a macro or a program"},
    Keyword{"Open", K::kWeak, false, false, "may open a file"},
    Keyword{"Chr", K::kWeak, false, false, "may obfuscate strings"},
    Keyword{"ChrW", K::kWeak, false, false, "may obfuscate strings"},
    Keyword{"ChrB", K::kWeak, false, false, "may obfuscate strings"},
    Keyword{"Xor", K::kWeak, false, false, "may obfuscate strings"},
    Keyword{"StrReverse", K::kObfuscation, false, false, "may obfuscate strings"},
};

// ActiveX and form events that run on their own (olevba's AutoExec regex, `\w+_Event`).
constexpr std::array<std::string_view, 24> kEventSuffixes = {
    "Activate",   "BeforeNavigate2",  "Calculate",         "Change",     "Click",      "DblClick",
    "Deactivate", "DocumentComplete", "GotFocus",          "Initialize", "KeyDown",    "KeyPress",
    "KeyUp",      "Layout",           "LostFocus",         "MouseDown",  "MouseEnter", "MouseLeave",
    "MouseMove",  "MouseUp",          "NavigateComplete2", "Painted",    "Resize",     "Updated"};

constexpr std::size_t kMaxLineText = 200;
constexpr std::size_t kChrChainMin = 8;  // Chr calls in a module that make a chain

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = lower(c);
  return o;
}

// Keyword index by the lower-cased first word (up to the first non-word character).
class Index {
 public:
  Index() {
    for (std::size_t i = 0; i < kKeywords.size(); ++i) {
      std::string_view t = kKeywords[i].text;
      std::size_t n = 0;
      while (n < t.size() && word_char(t[n])) ++n;
      by_first_[lower(t.substr(0, n))].push_back(i);
    }
  }
  const std::vector<std::size_t>* find(const std::string& w) const {
    auto it = by_first_.find(w);
    return it == by_first_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_;
};

// Matches keyword `k` at `pos` in `line`: case-insensitive, a space matches blanks, and the
// match must end on a word boundary.
bool match_at(std::string_view line, std::size_t pos, std::string_view k) {
  std::size_t p = pos;
  for (std::size_t i = 0; i < k.size(); ++i) {
    if (k[i] == ' ') {
      if (p >= line.size() || (line[p] != ' ' && line[p] != '\t')) return false;
      while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
      continue;
    }
    if (p >= line.size() || lower(line[p]) != lower(k[i])) return false;
    ++p;
  }
  return !word_char(k.back()) || p >= line.size() || !word_char(line[p]);
}

std::string trim_line(std::string_view l) {
  while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
  while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r'))
    l.remove_suffix(1);
  if (l.size() > kMaxLineText) {
    std::size_t n = kMaxLineText;
    while (n > 0 && (static_cast<unsigned char>(l[n]) & 0xC0) == 0x80) --n;  // UTF-8 boundary
    return std::string(l.substr(0, n)) + "...";
  }
  return std::string(l);
}

class Scanner {
 public:
  Scanner(const Index& index, VbaAnalysis& out) : index_(index), out_(out) {}

  void add(K kind, std::string keyword, std::string_view description, std::size_t line_no,
           std::string_view line, bool w, bool x) {
    if (!seen_.insert(keyword).second) return;
    out_.hits.push_back(
        {kind, std::move(keyword), std::string(description), line_no, trim_line(line), w, x});
  }

  void scan_line(std::string_view line, std::size_t line_no, bool decode) {
    std::string prev_word;
    std::size_t lit_end = 0;  // a quote before this index closes a literal already seen
    bool in_lit = false;
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == '"' && (!in_lit || i > lit_end)) {
        std::size_t end = line.find('"', i + 1);
        if (end == std::string_view::npos) end = line.size();
        literal(line.substr(i + 1, end - i - 1), line, line_no, decode);
        in_lit = true;
        lit_end = end;
      }
      if (!word_char(line[i]) || (i > 0 && word_char(line[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && word_char(line[j])) ++j;
      std::string word = lower(line.substr(i, j - i));
      if (const auto* ks = index_.find(word)) {
        for (std::size_t k : *ks) {
          const Keyword& kw = kKeywords[k];
          if (match_at(line, i, kw.text))
            add(kw.kind, std::string(kw.text), kw.description, line_no, line, kw.w, kw.x);
        }
      }
      if ((word == "chr" || word == "chrw" || word == "chrb") &&
          (j < line.size() && (line[j] == '(' || line[j] == '$')))
        ++out_.chr_calls;
      if (prev_word == "sub" || prev_word == "function")
        event(line.substr(i, j - i), line, line_no);
      hex_run(line, i, line_no);
      prev_word = std::move(word);
      i = j;
    }
  }

 private:
  void event(std::string_view name, std::string_view line, std::size_t line_no) {
    std::size_t us = name.rfind('_');
    if (us == std::string_view::npos || us == 0) return;
    std::string suffix = lower(name.substr(us + 1));
    for (auto s : kEventSuffixes)
      if (lower(s) == suffix) {
        add(K::kAutoExec, std::string(name), "runs when an ActiveX object or form fires an event",
            line_no, line, false, false);
        return;
      }
  }
  // olevba's weak "Hex Strings": a run of 8+ hex digits anywhere in a word.
  void hex_run(std::string_view line, std::size_t i, std::size_t line_no) {
    std::size_t run = 0;
    for (std::size_t p = i; p < line.size() && word_char(line[p]); ++p) {
      char c = lower(line[p]);
      run = ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? run + 1 : 0;
      if (run >= kOlevbaHexMin) {
        add(K::kWeak, "Hex Strings", "hex-encoded strings were found", line_no, line, false, false);
        return;
      }
    }
  }
  void literal(std::string_view lit, std::string_view line, std::size_t line_no, bool decode) {
    if (olevba_base64_literal(lit))
      add(K::kWeak, "Base64 Strings", "Base64-encoded strings were found", line_no, line, false,
          false);
    if (!decode) return;
    for (std::size_t p = 0; p < lit.size();) {  // executable names inside the literal
      std::size_t dot = lit.find('.', p);
      if (dot == std::string_view::npos) break;
      static constexpr std::array<std::string_view, 12> kExt = {".exe", ".dll", ".scr", ".ps1",
                                                                ".vbs", ".js",  ".bat", ".cmd",
                                                                ".hta", ".lnk", ".jar", ".pif"};
      for (auto e : kExt) {
        if (lower(lit.substr(dot, e.size())) == e &&
            (dot + e.size() == lit.size() || !word_char(lit[dot + e.size()]))) {
          std::size_t b = dot;
          while (b > 0 && (word_char(lit[b - 1]) || lit[b - 1] == '-' || lit[b - 1] == '.')) --b;
          if (b < dot && out_.executable_names.size() < kMaxDecodedStrings)
            out_.executable_names.emplace_back(lit.substr(b, dot + e.size() - b));
        }
      }
      p = dot + 1;
    }
    std::optional<std::string> bytes;
    std::string_view what;
    if (lit.size() >= kLongHexLiteral && (bytes = decode_hex_literal(lit))) {
      what = "long hex string";
    } else if (lit.size() >= kLongBase64Literal && olevba_base64_literal(lit) &&
               (bytes = decode_base64_literal(lit))) {
      what = "long Base64 string";
    }
    if (!bytes) return;
    auto text = decoded_text(*bytes);
    if (!text) return;
    add(K::kObfuscation, std::string(what), "an encoded string literal, decoded and scanned",
        line_no, line, false, false);
    if (out_.decoded_strings.size() < kMaxDecodedStrings) out_.decoded_strings.push_back(*text);
  }

  const Index& index_;
  VbaAnalysis& out_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

const char* vba_keyword_type(VbaKeywordKind k) {
  return k == VbaKeywordKind::kAutoExec ? "AutoExec" : "Suspicious";
}

bool VbaAnalysis::has_autoexec() const {
  return std::any_of(hits.begin(), hits.end(),
                     [](const VbaKeywordHit& h) { return h.kind == VbaKeywordKind::kAutoExec; });
}
bool VbaAnalysis::has_write() const {
  return std::any_of(hits.begin(), hits.end(),
                     [](const VbaKeywordHit& h) { return h.mraptor_write; });
}
bool VbaAnalysis::has_execute() const {
  return std::any_of(hits.begin(), hits.end(),
                     [](const VbaKeywordHit& h) { return h.mraptor_execute; });
}

VbaAnalysis analyze_vba_source(std::string_view source) {
  const Index index;  // built per call: a few hundred entries, no globals
  VbaAnalysis out;
  Scanner scanner(index, out);
  std::string_view rest = source;
  for (std::size_t n = 1; n <= kMaxVbaLines && !rest.empty(); ++n) {
    std::size_t eol = rest.find('\n');
    scanner.scan_line(rest.substr(0, eol), n, true);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
  }
  // Decoded literals are scanned once, without decoding further.
  const std::size_t decoded = out.decoded_strings.size();
  for (std::size_t i = 0; i < decoded; ++i) {
    std::string s = out.decoded_strings[i];
    scanner.scan_line(s, 0, false);
  }
  if (out.chr_calls >= kChrChainMin)
    scanner.add(K::kObfuscation, "Chr chain",
                std::to_string(out.chr_calls) + " Chr/ChrW calls build strings", 0, "", false,
                false);
  return out;
}

}  // namespace lg
