// Findings for Excel 4.0 macros. Auto-open names: [MS-XLS] 2.2.2 built-in names 0x01/0x02
// and Excel's rule that a defined name starting with Auto_Open (or its localized form) runs
// when the workbook opens.
#include "formats/xls/xlm_report.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "core/charset.h"
#include "formats/xls/xls_string.h"

namespace lg::xls {
namespace {

constexpr std::size_t kMaxEvidenceChars = 1024;

std::string clip(std::string_view s, std::size_t n = kMaxEvidenceChars) {
  return std::string(utf8_prefix(s, n));
}

const char* state_text(SheetState s) {
  switch (s) {
    case SheetState::kHidden:
      return "hidden";
    case SheetState::kVeryHidden:
      return "very hidden";
    default:
      return "visible";
  }
}

bool ident_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_';
}

// What the called function does, for the evidence detail.
std::string execute_detail(std::string_view call, std::string_view formula) {
  const std::string up = ascii_lower(formula);
  std::string api;
  for (const char* a : {"urldownloadtofile", "shellexecute", "winexec", "createprocess",
                        "virtualalloc", "writeprocessmemory", "createthread", "rtlmovememory"}) {
    if (up.find(a) != std::string::npos) {
      api = a;
      break;
    }
  }
  std::string d;
  if (call == "EXEC")
    d = "EXEC starts a program";
  else if (call == "RUN")
    d = "RUN runs another macro";
  else
    d = std::string(call) + " calls a DLL function";
  if (!api.empty()) d += " (Win32 API " + api + ")";
  return d;
}

// False only when the name clearly points to a sheet that is not a macro sheet.
bool targets_macro_sheet(std::string_view formula, const std::vector<XlmSheet>& sheets) {
  bool other = false;
  for (const XlmSheet& s : sheets) {
    if (s.name.empty() || formula.find(s.name + "!") == std::string_view::npos) continue;
    if (s.macro) return true;
    other = true;
  }
  return !other;
}

}  // namespace

bool is_auto_name(std::string_view name) {
  static constexpr std::string_view kPrefixes[] = {
      "auto_open",   "auto_close",  "auto_öffnen", "auto_schließen", "auto_schliessen",
      "auto_ouvrir", "auto_fermer", "auto_abrir",  "auto_cerrar",    "auto_fechar",
      "auto_apri",   "auto_chiudi", "auto_openen", "auto_sluiten",   "auto_öppna",
      "auto_stäng",  "auto_avaa",   "auto_sulje",  "auto_åbn",       "auto_luk",
      "auto_åpne",   "auto_lukk",   "auto_otwórz", "auto_zamknij",   "auto_megnyitás",
      "auto_bezárás"};
  const std::string folded = normalize_nfkc_casefold(name.substr(0, 64));
  return std::any_of(std::begin(kPrefixes), std::end(kPrefixes),
                     [&](std::string_view p) { return folded.starts_with(p); });
}

std::string_view first_execute_call(std::string_view f) {
  bool in_string = false;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '"') {
      in_string = !in_string;
      continue;
    }
    if (in_string || !ident_char(f[i]) || (i > 0 && ident_char(f[i - 1]))) continue;
    std::size_t j = i;
    while (j < f.size() && ident_char(f[j])) ++j;
    if (j < f.size() && f[j] == '(') {
      const std::string word = ascii_lower(f.substr(i, j - i));
      for (std::string_view k : {"exec", "call", "register", "register.id", "run"}) {
        if (word == k) return f.substr(i, j - i);
      }
    }
    i = j - 1;
  }
  return {};
}

void report_xlm(const XlmMacros& m, Context& ctx) {
  for (const std::string& a : m.anomalies) ctx.anomaly(m.source + ": " + a);
  if (m.encrypted)
    ctx.fact("xlm_unread", "workbook encrypted (FILEPASS): its sheets and formulas were not read");

  std::vector<const XlmSheet*> macro_sheets;
  for (const XlmSheet& s : m.sheets)
    if (s.macro) macro_sheets.push_back(&s);
  if (macro_sheets.empty() && m.cells.empty()) return;

  std::vector<std::string> sheet_list;
  for (const XlmSheet* s : macro_sheets)
    sheet_list.push_back(s->name + " (" + state_text(s->state) + ")");
  ctx.finding(Symbol::XLM_MACRO_SHEET,
              {clip(macro_sheets.empty() ? m.cells.front().sheet : macro_sheets.front()->name),
               std::to_string(std::max<std::size_t>(macro_sheets.size(), 1)) +
                   " Excel 4.0 macro sheet(s), " + std::to_string(m.formula_count) +
                   " formula(s) in " + m.source});
  ctx.fact("xlm_macro_sheets", sheet_list);
  for (const XlmSheet* s : macro_sheets) {
    if (s->state == SheetState::kHidden)
      ctx.finding(Symbol::XLM_HIDDEN_SHEET, {clip(s->name), "macro sheet is hidden"});
    else if (s->state == SheetState::kVeryHidden)
      ctx.finding(Symbol::XLM_VERY_HIDDEN_SHEET, {clip(s->name), "macro sheet is very hidden"});
  }

  // Text for the detectors and a person: names first (where execution starts), then cells.
  const std::size_t text_cap = ctx.limits().max_text_bytes;
  std::string text;
  std::vector<std::string> lines;
  auto add_line = [&](std::string line) {
    if (text.size() + line.size() + 1 <= text_cap) {
      text += line;
      text += '\n';
    }
    if (lines.size() < kMaxFormulaFactLines) lines.push_back(clip(line));
  };
  std::vector<std::string> auto_names;
  std::size_t executes = 0;
  auto check_execute = [&](const std::string& where, const std::string& formula) {
    if (executes >= kMaxExecuteFindings) return;
    const std::string_view call = first_execute_call(formula);
    if (call.empty()) return;
    ++executes;
    const std::string up = ascii_lower(call);
    std::string name = up == "register.id" ? "REGISTER.ID" : std::string(call);
    for (char& c : name) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    ctx.finding(Symbol::XLM_EXECUTE,
                {clip(where + ": =" + formula), execute_detail(name, formula)});
  };
  for (const XlmName& n : m.names) {
    if (n.formula.empty()) continue;
    add_line("Name " + n.name + ": =" + n.formula);
    check_execute("Name " + n.name, n.formula);
    if (is_auto_name(n.name) && targets_macro_sheet(n.formula, m.sheets))
      auto_names.push_back(clip(n.name + " -> " + n.formula));
  }
  // A formula's cached string result and a constant cell's text often carry the payload
  // (the URL, the command line) that the formulas only assemble or point to.
  for (const XlmCell& c : m.cells) {
    const std::string where = c.sheet + "!" + c.cell;
    if (c.formula.empty()) {
      if (!c.value.empty()) add_line(where + ": " + c.value);
      continue;
    }
    add_line(where + ": =" + c.formula + (c.value.empty() ? "" : " -> " + c.value));
    check_execute(where, c.formula);
  }
  for (const std::string& a : auto_names)
    ctx.finding(Symbol::XLM_AUTO_OPEN,
                {a, "runs the Excel 4.0 macro when the workbook opens or closes"});
  if (!auto_names.empty()) ctx.fact("xlm_auto_names", auto_names);
  ctx.fact("xlm_formula_count", static_cast<std::int64_t>(m.formula_count));
  if (!lines.empty()) ctx.fact("xlm_formulas", lines);
  if (!text.empty()) ctx.text(TextKind::kMacro, text);
}

}  // namespace lg::xls
