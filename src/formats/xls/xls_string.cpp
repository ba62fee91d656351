// BIFF character data ([MS-XLS] 2.5.293, 2.5.296); BIFF5 strings are in the workbook's
// CODEPAGE ([MS-XLS] 2.4.52).
#include "formats/xls/xls_string.h"

#include "core/charset.h"
#include "core/utf8.h"

namespace lg::xls {

std::optional<XlString> read_xl_chars(const Reader& r, std::size_t off, std::size_t cch,
                                      BiffVersion version, std::string_view charset) {
  XlString out;
  if (version == BiffVersion::kBiff5) {
    auto bytes = r.subspan(off, cch);
    if (!bytes) return std::nullopt;
    auto converted = convert_to_utf8(*bytes, charset);
    if (converted) {
      out.utf8 = std::move(*converted);
    } else {
      for (std::uint8_t b : *bytes) append_utf8(out.utf8, b);  // Latin-1 rather than nothing
    }
    out.end = off + cch;
    return out;
  }
  // BIFF12 ([MS-XLSB] 2.5.166 XLWideString): UTF-16LE characters, no flags byte.
  const bool biff12 = version == BiffVersion::kBiff12;
  auto flags = biff12 ? std::optional<std::uint8_t>(0x01) : r.u8(off);
  if (!flags) return std::nullopt;
  const bool wide = (*flags & 0x01) != 0;
  auto n = checked_mul(cch, wide ? 2 : 1);
  if (!n) return std::nullopt;
  if (!biff12) ++off;
  auto bytes = r.subspan(off, *n);
  if (!bytes) return std::nullopt;
  if (wide) {
    out.utf8 = utf16le_to_utf8(*bytes);
  } else {
    // Compressed characters are UTF-16 code units with the high byte dropped: Latin-1.
    for (std::uint8_t b : *bytes) append_utf8(out.utf8, b);
  }
  out.end = off + *n;
  return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a lead byte.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string quoted_formula_string(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

}  // namespace lg::xls
