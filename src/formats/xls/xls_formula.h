#pragma once
/// The [MS-XLS] 2.5.198 formula decoder: a parsed-expression token array (Rgce) back to the
/// text a person would type (infix operators, function names from Ftab/Cetab, string
/// constants, A1 references). BIFF8, BIFF5/7 and BIFF12 ([MS-XLSB] 2.5.98 Rgce: 4-byte rows,
/// UTF-16 string constants) token layouts; the Ftab/Cetab tables are the same for all.
///
/// Never fails: an unknown token, a token cut short or a cap ends the formula with a marker
/// ("[unknown token 0x18]", "[truncated]") and `complete` false. Cost is linear in the token
/// bytes times kMaxFormulaChars at worst, and every character built is charged to a budget
/// shared by all formulas of a workbook, so a file of many formulas cannot grow the work
/// faster than its size.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg::xls {

enum class BiffVersion : std::uint8_t { kBiff5, kBiff8, kBiff12 };

/// What a formula can point to outside itself.
struct FormulaContext {
  BiffVersion version = BiffVersion::kBiff8;
  /// Sheet names in BOUNDSHEET order.
  std::vector<std::string> sheets;
  /// Defined names in NAME/Lbl record order (PtgName's ilbl is 1-based).
  std::vector<std::string> names;
  /// BIFF8 (BIFF12: BrtExternSheet): sheet name of each XTI entry (by ixti); BIFF5: of each
  /// EXTERNSHEET record (PtgRef3d's negative ixals, -1 is the first). "" when unknown.
  std::vector<std::string> extern_sheets;
  /// The workbook's code page charset for BIFF5 8-bit strings.
  std::string charset = "windows-1252";
};

struct DecodedFormula {
  std::string text;  // without the leading '='
  bool complete = true;
};

/// Tokens decoded per formula, and characters in any one formula's text.
inline constexpr std::size_t kMaxFormulaTokens = 4096;
inline constexpr std::size_t kMaxFormulaChars = 8192;

/// Decodes `rgce` (the token bytes, without the cce count). `budget` is charged for every
/// character built and decoding stops with a marker when it runs out.
DecodedFormula decode_formula(ByteView rgce, const FormulaContext& fc, std::size_t& budget);

/// "A1", "$B$7" for 0-based row/column and relative flags.
std::string a1_reference(std::uint32_t row, std::uint32_t col, bool row_rel = false,
                         bool col_rel = false);

}  // namespace lg::xls
