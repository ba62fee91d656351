#pragma once
/// Test helper (header-only, never linked into the product): writes BIFF8 and BIFF5 Workbook
/// streams with macro sheets, defined names and formulas, and the Ptg tokens of formulas, so
/// tests generate their fixtures instead of carrying sample files.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg::testing {

/// Little-endian appenders.
inline void put8(Bytes& b, std::uint8_t v) { b.push_back(v); }
inline void put16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void put32(Bytes& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline void put_bytes(Bytes& b, std::string_view s) { b.insert(b.end(), s.begin(), s.end()); }
inline void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }
inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

/// Ptg tokens ([MS-XLS] 2.5.198); `biff5` selects the BIFF5/7 layouts.
struct Ptg {
  bool biff5 = false;
  Bytes str(std::string_view s) const {  // PtgStr, 8-bit characters
    Bytes b = {0x17, static_cast<std::uint8_t>(s.size())};
    if (!biff5) b.push_back(0x00);
    put_bytes(b, s);
    return b;
  }
  Bytes integer(std::uint16_t v) const {
    Bytes b = {0x1E};
    put16(b, v);
    return b;
  }
  Bytes num(double v) const {
    Bytes b = {0x1F};
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) b.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    return b;
  }
  Bytes boolean(bool v) const { return {0x1D, static_cast<std::uint8_t>(v)}; }
  Bytes func(std::uint16_t iftab) const {  // PtgFunc (value class)
    Bytes b = {0x41};
    put16(b, iftab);
    return b;
  }
  Bytes funcvar(std::uint8_t argc, std::uint16_t tab, bool ce = false) const {
    Bytes b = {0x42, argc};
    put16(b, static_cast<std::uint16_t>(tab | (ce ? 0x8000 : 0)));
    return b;
  }
  Bytes ref(std::uint16_t row, std::uint16_t col, bool row_rel = false,
            bool col_rel = false) const {
    Bytes b = {0x44};
    const std::uint16_t flags =
        static_cast<std::uint16_t>((row_rel ? 0x8000 : 0) | (col_rel ? 0x4000 : 0));
    if (biff5) {
      put16(b, static_cast<std::uint16_t>(row | flags));
      put8(b, static_cast<std::uint8_t>(col));
    } else {
      put16(b, row);
      put16(b, static_cast<std::uint16_t>(col | flags));
    }
    return b;
  }
  /// PtgRef3d: BIFF8 through EXTERNSHEET entry `ixti`; BIFF5 naming sheet `itab` directly.
  Bytes ref3d(std::uint16_t sheet, std::uint16_t row, std::uint16_t col) const {
    Bytes b = {0x3A};
    if (biff5) {
      put16(b, 0xFFFF);  // ixals -1: this workbook
      b.insert(b.end(), 8, 0);
      put16(b, sheet);
      put16(b, sheet);
      put16(b, row);
      put8(b, static_cast<std::uint8_t>(col));
    } else {
      put16(b, sheet);
      put16(b, row);
      put16(b, col);
    }
    return b;
  }
  static Bytes op(std::uint8_t token) { return {token}; }
};

/// One BIFF record.
inline Bytes biff_record(std::uint16_t type, const Bytes& body) {
  Bytes b;
  put16(b, type);
  put16(b, static_cast<std::uint16_t>(body.size()));
  b.insert(b.end(), body.begin(), body.end());
  return b;
}

/// A Workbook stream: globals (BOF, optional FILEPASS, BOUNDSHEETs, SUPBOOK + EXTERNSHEET
/// naming each sheet in order, NAMEs, EOF), then one substream per sheet with its FORMULAs.
class BiffWorkbookBuilder {
 public:
  explicit BiffWorkbookBuilder(bool biff5 = false) : biff5_(biff5) {}
  struct Sheet {
    std::string name;
    std::uint8_t state;  // 0 visible, 1 hidden, 2 very hidden
    bool macro;
    std::vector<Bytes> records;
  };
  /// Adds a sheet; returns its index.
  std::size_t sheet(std::string name, std::uint8_t state, bool macro) {
    sheets_.push_back({std::move(name), state, macro, {}});
    return sheets_.size() - 1;
  }
  void formula(std::size_t sheet, std::uint16_t row, std::uint16_t col, const Bytes& rgce) {
    Bytes body;
    put16(body, row);
    put16(body, col);
    put16(body, 0x000F);            // ixfe
    body.insert(body.end(), 8, 0);  // cached value
    put16(body, 0);                 // grbit
    put32(body, 0);                 // chn
    put16(body, static_cast<std::uint16_t>(rgce.size()));
    body.insert(body.end(), rgce.begin(), rgce.end());
    sheets_[sheet].records.push_back(biff_record(0x0006, body));
  }
  void raw(std::size_t sheet, Bytes record) { sheets_[sheet].records.push_back(std::move(record)); }
  /// A NAME record; `builtin` makes `name` a one-character built-in code ("\x01" Auto_Open).
  void name(std::string name, const Bytes& rgce, bool builtin = false) {
    Bytes body;
    put16(body, builtin ? 0x0020 : 0x0000);
    put8(body, 0);
    put8(body, static_cast<std::uint8_t>(name.size()));
    put16(body, static_cast<std::uint16_t>(rgce.size()));
    body.insert(body.end(), 8, 0);
    if (!biff5_) put8(body, 0);  // fHighByte
    put_bytes(body, name);
    body.insert(body.end(), rgce.begin(), rgce.end());
    names_.push_back(biff_record(0x0018, body));
  }
  void encrypt() { filepass_ = true; }
  /// A record for the globals substream, after the sheets and externals (an SST).
  void global(Bytes record) { extra_globals_.push_back(std::move(record)); }

  Bytes build() const {
    auto globals = [&](const std::vector<std::uint32_t>& offsets) {
      Bytes g = bof(0x0005);
      if (filepass_) g = cat({g, biff_record(0x002F, Bytes(54, 0x11))});
      for (std::size_t i = 0; i < sheets_.size(); ++i) {
        Bytes body;
        put32(body, offsets[i]);
        put8(body, sheets_[i].state);
        put8(body, sheets_[i].macro ? 1 : 0);
        put8(body, static_cast<std::uint8_t>(sheets_[i].name.size()));
        if (!biff5_) put8(body, 0);
        put_bytes(body, sheets_[i].name);
        g = cat({g, biff_record(0x0085, body)});
      }
      if (biff5_) {
        for (const Sheet& s : sheets_) {
          Bytes body = {static_cast<std::uint8_t>(s.name.size() + 1), 0x03};
          put_bytes(body, s.name);
          g = cat({g, biff_record(0x0017, body)});
        }
      } else {
        Bytes sup;
        put16(sup, static_cast<std::uint16_t>(sheets_.size()));
        put16(sup, 0x0401);
        g = cat({g, biff_record(0x01AE, sup)});
        Bytes ext;
        put16(ext, static_cast<std::uint16_t>(sheets_.size()));
        for (std::size_t i = 0; i < sheets_.size(); ++i) {
          put16(ext, 0);
          put16(ext, static_cast<std::uint16_t>(i));
          put16(ext, static_cast<std::uint16_t>(i));
        }
        g = cat({g, biff_record(0x0017, ext)});
      }
      for (const Bytes& x : extra_globals_) g = cat({g, x});
      for (const Bytes& n : names_) g = cat({g, n});
      return cat({g, biff_record(0x000A, {})});
    };
    std::vector<std::uint32_t> offsets(sheets_.size(), 0);
    Bytes g = globals(offsets);
    std::uint32_t at = static_cast<std::uint32_t>(g.size());
    Bytes body;
    for (std::size_t i = 0; i < sheets_.size(); ++i) {
      offsets[i] = at;
      const std::size_t start = body.size();
      append(body, bof(sheets_[i].macro ? 0x0040 : 0x0010));
      for (const Bytes& r : sheets_[i].records) append(body, r);
      append(body, biff_record(0x000A, {}));
      at += static_cast<std::uint32_t>(body.size() - start);
    }
    return cat({globals(offsets), body});
  }

 private:
  Bytes bof(std::uint16_t dt) const {
    Bytes b;
    put16(b, biff5_ ? 0x0500 : 0x0600);
    put16(b, dt);
    put16(b, 0x0DBB);
    put16(b, 0x07CC);
    if (!biff5_) {
      put32(b, 0);
      put32(b, 0x06);
    }
    return biff_record(0x0809, b);
  }
  bool biff5_;
  bool filepass_ = false;
  std::vector<Sheet> sheets_;
  std::vector<Bytes> names_;
  std::vector<Bytes> extra_globals_;
};

}  // namespace lg::testing
