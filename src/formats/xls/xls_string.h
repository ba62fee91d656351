#pragma once
/// Character data of BIFF records: [MS-XLS] 2.5.293 XLUnicodeStringNoCch (a flags byte whose
/// bit 0 says UTF-16LE, else one byte per character, the high byte zero) in BIFF8, and the
/// code-page bytes of BIFF5/7, and the UTF-16LE characters (no flags byte) of BIFF12.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/reader.h"
#include "formats/xls/xls_formula.h"

namespace lg::xls {

struct XlString {
  std::string utf8;
  std::size_t end = 0;  // offset just past the characters
};

/// Reads `cch` characters at `off` (BIFF8: flags byte first; BIFF12: 2 bytes each). nullopt when
/// they run past the end of `r`.
std::optional<XlString> read_xl_chars(const Reader& r, std::size_t off, std::size_t cch,
                                      BiffVersion version, std::string_view charset);

/// At most `max_bytes` of UTF-8 `s`, cut at a character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

/// `s` between double quotes, inner quotes doubled, as a formula writes a string constant.
std::string quoted_formula_string(std::string_view s);

}  // namespace lg::xls
