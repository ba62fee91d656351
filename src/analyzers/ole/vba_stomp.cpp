#include "analyzers/ole/vba_stomp.h"

#include "analyzers/ole/vba_keywords.h"
#include "core/ascii.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace lg {
namespace {

constexpr std::size_t kMinPcodeString = 10;
constexpr std::size_t kMaxPcodeStrings = 256;

bool telling(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kMarks = {
      "http:", "https:", "\\\\", ".exe", "powershell", "cmd.exe", "mshta", "wscript"};
  std::string l = ascii_lower(s);
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](std::string_view m) { return l.find(m) != std::string::npos; });
}

}  // namespace

std::string vba_visible_code(std::string_view source) {
  std::string out;
  std::string_view rest = source;
  for (std::size_t n = 0; n < kMaxVbaLines && !rest.empty(); ++n) {
    std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = line;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty() || (t.size() >= 10 && iequals(t.substr(0, 10), "attribute "))) continue;
    out.append(line);
    out += '\n';
  }
  return out;
}

std::optional<std::string> vba_stomp_reason(const VbaProject& p, const VbaModule& m) {
  if (m.carved || !m.stream_found) return std::nullopt;
  // A 7-byte _VBA_PROJECT means the project carries no version-dependent P-code at all.
  if (p.vba_project_stream_size != 0 && p.vba_project_stream_size <= 7) return std::nullopt;
  const std::string code = vba_visible_code(m.source);
  if (code.empty() && m.pcode.size() > kEmptyModulePcodeBytes)
    return "module '" + m.name + "' has " + std::to_string(m.pcode.size()) +
           " bytes of P-code but no source";
  // Printable runs in the P-code that look like URLs or commands must appear in the source.
  const std::string src = ascii_lower(m.source);
  std::size_t found = 0, start = 0;
  for (std::size_t i = 0; i <= m.pcode.size() && found < kMaxPcodeStrings; ++i) {
    bool printable = i < m.pcode.size() && m.pcode[i] >= 0x20 && m.pcode[i] < 0x7F;
    if (printable) continue;
    if (i - start >= kMinPcodeString) {
      std::string_view run(reinterpret_cast<const char*>(m.pcode.data()) + start, i - start);
      ++found;
      if (telling(run) && src.find(ascii_lower(run)) == std::string::npos)
        return "P-code of module '" + m.name + "' holds \"" + std::string(run.substr(0, 120)) +
               "\", which its source lacks";
    }
    start = i + 1;
  }
  return std::nullopt;
}

std::vector<std::string> vba_module_mismatches(const VbaProject& p) {
  std::vector<std::string> out;
  if (!p.project.present) return out;
  auto listed = [&](const std::string& name) {
    return std::any_of(p.project.modules.begin(), p.project.modules.end(),
                       [&](const std::string& n) { return iequals(n, name); });
  };
  for (const VbaModule& m : p.modules)
    if (!m.carved && !listed(m.name))
      out.push_back("module '" + m.name + "' is hidden from the PROJECT stream");
  for (const std::string& n : p.project.modules) {
    bool in_dir = std::any_of(p.modules.begin(), p.modules.end(),
                              [&](const VbaModule& m) { return iequals(m.name, n); });
    if (!in_dir) out.push_back("PROJECT lists module '" + n + "' that the dir stream lacks");
  }
  return out;
}

}  // namespace lg
