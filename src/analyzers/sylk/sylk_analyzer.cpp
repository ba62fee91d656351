// SYLK as Excel reads it (the Multiplan SYLK format with Excel's extensions): one record per
// line, fields after ';' each starting with a letter, ";;" an escaped ';'. ID starts the file,
// O holds options (E: macro sheet), C a cell (X column, Y row, K value, E expression), F a
// format (it moves the current cell too), NN a name (N name, E expression), E ends the file.
#include "analyzers/sylk/sylk_analyzer.h"

#include <string>
#include <string_view>
#include <vector>

#include "core/charset.h"
#include "core/reader.h"
#include "core/utf8.h"
#include "formats/xls/xlm_report.h"
#include "formats/xls/xls_formula.h"

namespace lg {
namespace {

constexpr std::size_t kStopCheckInterval = 4096;
constexpr std::size_t kMaxFieldChars = 8192;

// Splits a record into fields at ';' (";;" stays inside a field as one ';').
std::vector<std::string> fields(std::string_view line) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ';') {
      if (i + 1 < line.size() && line[i + 1] == ';') {
        if (out.back().size() < kMaxFieldChars) out.back() += ';';
        ++i;
      } else {
        out.emplace_back();
      }
    } else if (out.back().size() < kMaxFieldChars) {
      out.back() += line[i];
    }
  }
  return out;
}

std::string text_of(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  auto converted = convert_to_utf8(as_bytes(s), "windows-1252");
  return converted ? *converted : repair_utf8(s);
}

std::uint32_t number(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || v > 10'000'000) break;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return v;
}

}  // namespace

Status SylkAnalyzer::analyze(ByteView object, Context& ctx) {
  const std::string_view data = as_chars(object);
  xls::XlmMacros m;
  m.source = "SYLK";
  bool macro = false;
  std::vector<xls::XlmCell> cells;
  std::size_t formulas = 0;
  std::uint32_t row = 1, col = 1;
  std::size_t pos = 0, records = 0;
  while (pos < data.size() && records < kMaxRecords) {
    if (++records % kStopCheckInterval == 0 && ctx.should_stop()) break;
    std::size_t end = data.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    const std::vector<std::string> f = fields(line);
    const std::string& type = f[0];
    if (type == "O") {
      for (std::size_t i = 1; i < f.size(); ++i)
        if (f[i] == "E") macro = true;
    } else if (type == "C" || type == "F") {
      std::string expression;
      for (std::size_t i = 1; i < f.size(); ++i) {
        if (f[i].empty()) continue;
        const std::string_view v = std::string_view(f[i]).substr(1);
        if (f[i][0] == 'Y') row = number(v);
        if (f[i][0] == 'X') col = number(v);
        if (f[i][0] == 'E' && type == "C") expression = text_of(v);
      }
      if (expression.empty()) continue;
      ++formulas;
      if (cells.size() < xls::kMaxXlmCells) {
        cells.push_back({"SYLK",
                         xls::a1_reference(row ? row - 1 : 0, col ? col - 1 : 0, true, true),
                         std::move(expression),
                         {}});
      }
    } else if (type == "NN") {
      xls::XlmName name;
      for (std::size_t i = 1; i < f.size(); ++i) {
        if (f[i].empty()) continue;
        if (f[i][0] == 'N') name.name = text_of(std::string_view(f[i]).substr(1));
        if (f[i][0] == 'E') name.formula = text_of(std::string_view(f[i]).substr(1));
      }
      if (!name.name.empty() && m.names.size() < xls::kMaxXlmCells) m.names.push_back(name);
    } else if (type == "E") {
      break;
    }
  }
  if (records >= kMaxRecords) ctx.anomaly("SYLK: more records than read");
  ctx.fact("sylk_records", static_cast<std::int64_t>(records));
  if (macro) {
    m.sheets.push_back({"SYLK", xls::SheetState::kVisible, true});
    m.cells = std::move(cells);
    m.formula_count = formulas;
  }
  xls::report_xlm(m, ctx);
  return Status::ok();
}

}  // namespace lg
