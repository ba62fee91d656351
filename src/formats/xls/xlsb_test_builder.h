#pragma once
/// Test helper (header-only, never linked into the product): writes the binary parts of an
/// .xlsb package ([MS-XLSB] 2.1.4 records) and BIFF12 Ptg tokens, so tests generate their
/// fixtures. Strings are ASCII, written as UTF-16LE.
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/xls/biff_test_builder.h"

namespace lg::testing {

/// One record: type and size as 7-bit groups with a continuation bit.
inline Bytes biff12_record(std::uint16_t type, const Bytes& body) {
  Bytes b;
  std::uint32_t t = type;
  do {
    std::uint8_t byte = t & 0x7F;
    t >>= 7;
    if (t) byte |= 0x80;
    b.push_back(byte);
  } while (t);
  std::uint32_t n = static_cast<std::uint32_t>(body.size());
  do {
    std::uint8_t byte = n & 0x7F;
    n >>= 7;
    if (n) byte |= 0x80;
    b.push_back(byte);
  } while (n);
  append(b, body);
  return b;
}

/// XLWideString: cch (u32) and UTF-16LE characters.
inline Bytes wide(std::string_view s) {
  Bytes b;
  put32(b, static_cast<std::uint32_t>(s.size()));
  for (char c : s) put16(b, static_cast<std::uint8_t>(c));
  return b;
}

/// BIFF12 Ptg tokens ([MS-XLSB] 2.5.98).
struct Ptg12 {
  static Bytes str(std::string_view s) {
    Bytes b = {0x17};
    put16(b, static_cast<std::uint16_t>(s.size()));
    for (char c : s) put16(b, static_cast<std::uint8_t>(c));
    return b;
  }
  static Bytes integer(std::uint16_t v) {
    Bytes b = {0x1E};
    put16(b, v);
    return b;
  }
  static Bytes funcvar(std::uint8_t argc, std::uint16_t tab, bool ce = false) {
    Bytes b = {0x42, argc};
    put16(b, static_cast<std::uint16_t>(tab | (ce ? 0x8000 : 0)));
    return b;
  }
  static Bytes func(std::uint16_t iftab) {
    Bytes b = {0x41};
    put16(b, iftab);
    return b;
  }
  static std::uint16_t col_field(std::uint16_t col, bool row_rel, bool col_rel) {
    return static_cast<std::uint16_t>(col | (row_rel ? 0x8000 : 0) | (col_rel ? 0x4000 : 0));
  }
  static Bytes ref(std::uint32_t row, std::uint16_t col, bool row_rel = false,
                   bool col_rel = false) {
    Bytes b = {0x44};
    put32(b, row);
    put16(b, col_field(col, row_rel, col_rel));
    return b;
  }
  static Bytes area(std::uint32_t r1, std::uint32_t r2, std::uint16_t c1, std::uint16_t c2) {
    Bytes b = {0x45};
    put32(b, r1);
    put32(b, r2);
    put16(b, c1);
    put16(b, c2);
    return b;
  }
  static Bytes ref3d(std::uint16_t ixti, std::uint32_t row, std::uint16_t col) {
    Bytes b = {0x3A};
    put16(b, ixti);
    put32(b, row);
    put16(b, col);
    return b;
  }
  static Bytes name(std::uint32_t index) {
    Bytes b = {0x43};
    put32(b, index);
    return b;
  }
};

/// CellParsedFormula / NameParsedFormula: cce, rgce, cb (0).
inline Bytes parsed_formula(const Bytes& rgce) {
  Bytes b;
  put32(b, static_cast<std::uint32_t>(rgce.size()));
  append(b, rgce);
  put32(b, 0);
  return b;
}

/// xl/workbook.bin records.
inline Bytes xlsb_sheet(std::uint32_t hs_state, std::uint32_t itab, std::string_view rel_id,
                        std::string_view name) {
  Bytes b;
  put32(b, hs_state);
  put32(b, itab);
  append(b, wide(rel_id));
  append(b, wide(name));
  return biff12_record(156, b);
}
/// BrtBeginExternals, BrtSupSelf, BrtExternSheet with one XTI per sheet, BrtEndExternals.
inline Bytes xlsb_externals(std::uint32_t sheets) {
  Bytes x;
  put32(x, sheets);
  for (std::uint32_t i = 0; i < sheets; ++i) {
    put32(x, 0);
    put32(x, i);
    put32(x, i);
  }
  return cat({biff12_record(353, {}), biff12_record(357, {}), biff12_record(362, x),
              biff12_record(354, {})});
}
inline Bytes xlsb_name(std::string_view name, const Bytes& rgce, bool builtin = false) {
  Bytes b;
  put32(b, builtin ? 0x20 : 0);
  put8(b, 0);
  put32(b, 0xFFFFFFFF);
  append(b, wide(name));
  append(b, parsed_formula(rgce));
  put32(b, 0xFFFFFFFF);  // comment (nullable, absent)
  return biff12_record(39, b);
}

/// Macro-sheet part records.
inline Bytes xlsb_row(std::uint32_t row) {
  Bytes b;
  put32(b, row);
  b.insert(b.end(), 21, 0);
  return biff12_record(0, b);
}
inline Bytes xlsb_cell(std::uint32_t col) {
  Bytes b;
  put32(b, col);
  put32(b, 0);
  return b;
}
/// BrtFmlaBool (no cached string) or, with `value`, BrtFmlaString.
inline Bytes xlsb_formula(std::uint32_t col, const Bytes& rgce, std::string_view value = {}) {
  Bytes b = xlsb_cell(col);
  if (value.empty()) {
    put8(b, 0);
  } else {
    append(b, wide(value));
  }
  put16(b, 0);
  append(b, parsed_formula(rgce));
  return biff12_record(value.empty() ? 10 : 8, b);
}
inline Bytes xlsb_text_cell(std::uint32_t col, std::string_view text) {
  return biff12_record(6, cat({xlsb_cell(col), wide(text)}));
}
inline Bytes xlsb_sst_cell(std::uint32_t col, std::uint32_t isst) {
  Bytes b = xlsb_cell(col);
  put32(b, isst);
  return biff12_record(7, b);
}
inline Bytes xlsb_shared_strings(const std::vector<std::string_view>& strings) {
  Bytes out = biff12_record(159, Bytes(8, 0));
  for (std::string_view s : strings) out = cat({out, biff12_record(19, cat({{0x00}, wide(s)}))});
  return cat({out, biff12_record(160, {})});
}

}  // namespace lg::testing
