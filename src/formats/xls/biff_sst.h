#pragma once
/// [MS-XLS] 2.4.265 SST, the shared string table of a BIFF8 workbook that LABELSST cells
/// index: XLUnicodeRichExtendedString entries (2.5.293), whose characters may be split
/// across CONTINUE records, the continuation starting with a new flags byte (2.4.58).
#include <cstddef>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg::xls {

/// Strings kept from one SST, and their bytes in all.
inline constexpr std::size_t kMaxSstStrings = 1'000'000;
inline constexpr std::size_t kMaxSstBytes = 16u << 20;

/// The strings of an SST record `body` (with its CONTINUE records merged in; their data
/// starts at `continue_offsets`). Stops at the first entry cut short; strings over the byte
/// cap are kept empty so that indexes still hold.
std::vector<std::string> read_sst(ByteView body, const std::vector<std::size_t>& continue_offsets);

}  // namespace lg::xls
