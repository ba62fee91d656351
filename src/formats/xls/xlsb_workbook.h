#pragma once
/// Excel 4.0 macros of an .xlsb package ([MS-XLSB]): the sheets, externals and defined names
/// of xl/workbook.bin (the Workbook part), the shared strings of xl/sharedStrings.bin
/// and the cells of xl/macrosheets/*.bin (the Macro Sheet part), with the
/// formulas decoded by the same token decoder as BIFF8 (BIFF12 layout).
///
/// Which sheets are macro sheets is not in workbook.bin: BrtBundleSh names the sheet part by
/// relationship id, and the part's relationship or content type says "macrosheet". The
/// caller (the OOXML analyzer) resolves that.
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "formats/xls/biff_workbook.h"
#include "formats/xls/xlm_macros.h"
#include "formats/xls/xls_formula.h"

namespace lg::xls {

/// Records walked per part.
inline constexpr std::size_t kMaxBiff12Records = 4'000'000;
/// Shared strings kept, and their bytes in all.
inline constexpr std::size_t kMaxXlsbSharedStrings = 1'000'000;
inline constexpr std::size_t kMaxXlsbSharedStringBytes = 16u << 20;

/// [MS-XLSB] BrtBundleSh (a sheet of the workbook).
struct XlsbSheet {
  std::string name;
  SheetState state = SheetState::kVisible;
  std::string rel_id;  // strRelID: the workbook relationship to the sheet part
};

struct XlsbWorkbook {
  std::vector<XlsbSheet> sheets;  // at most kMaxBiffSheets
  std::vector<XlmName> names;     // at most kMaxBiffNames, formulas decoded
  /// What the macro sheets' formulas point to (sheets, names, BrtExternSheet entries).
  FormulaContext fc;
  std::vector<std::string> anomalies;
};

/// Never fails: what could not be read becomes an entry in `anomalies`. `budget` is the
/// container's formula-text budget (kXlmTextBudget), charged for the names' formulas.
XlsbWorkbook read_xlsb_workbook(ByteView part, std::size_t& budget);

/// BrtSSTItem strings in order (empty strings kept so indexes hold), within the caps above.
std::vector<std::string> read_xlsb_shared_strings(ByteView part);

/// Appends the formulas (and string constants, resolved through `shared_strings`) of one
/// macro-sheet part to `m` as sheet `sheet`; m.formula_count counts every formula.
/// Problems go to m.anomalies.
void read_xlsb_macro_sheet(ByteView part, const std::string& sheet, const FormulaContext& fc,
                           const std::vector<std::string>& shared_strings, std::size_t& budget,
                           XlmMacros& m);

}  // namespace lg::xls
