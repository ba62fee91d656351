#pragma once
/// Excel 4.0 macros of a BIFF5/BIFF8 Workbook (or BIFF5 Book) stream ([MS-XLS] 2.1.7.20):
/// the globals substream's BOUNDSHEET, NAME, EXTERNSHEET and SUPBOOK records, then the
/// FORMULA, SHRFMLA and ARRAY records of every macro-sheet substream, decoded to text.
/// After a FILEPASS record the rest is encrypted: `encrypted` is set and reading stops.
#include "core/bytes.h"
#include "formats/xls/xlm_macros.h"

namespace lg::xls {

/// Records walked per stream (each is at least 4 bytes, so this only bounds huge streams).
inline constexpr std::size_t kMaxBiffRecords = 4'000'000;
inline constexpr std::size_t kMaxBiffSheets = 4096;
inline constexpr std::size_t kMaxBiffNames = 65536;

/// Never fails: what could not be read becomes an entry in `anomalies`.
XlmMacros read_biff_workbook(ByteView stream);

}  // namespace lg::xls
