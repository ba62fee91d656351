#pragma once
/// Test helper (header-only, tests only): writes ALZ and EGG archives byte by byte (the layouts
/// of alz_reader.h and egg_reader.h), stored or raw deflate, optionally with traditional PKWARE
/// encryption, since no Debian tool writes either format.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "formats/zip/zip_test_builder.h"

namespace lg::testing {

struct PackedFile {
  PackedFile(std::string n, std::string c, bool d = false, std::string pw = "", int m = -1)
      : name(std::move(n)),
        content(std::move(c)),
        deflate(d),
        password(std::move(pw)),
        method_override(m) {}
  std::string name;
  std::string content;
  bool deflate = false;
  std::string password;      // "" = not encrypted
  int method_override = -1;  // the method number written, when not 0 / deflate's
};

inline void put_le(Bytes& b, std::uint64_t v, unsigned width) {
  for (unsigned i = 0; i < width; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

/// Traditional PKWARE encryption (APPNOTE 6.1.5-6.1.6).
class ZipCryptoWriter {
 public:
  explicit ZipCryptoWriter(const std::string& password) {
    for (char c : password) update(static_cast<std::uint8_t>(c));
  }
  std::uint8_t encrypt(std::uint8_t p) {
    const std::uint32_t t = (k2_ | 2) & 0xFFFF;
    const auto c = static_cast<std::uint8_t>(p ^ ((t * (t ^ 1)) >> 8));
    update(p);
    return c;
  }
  /// The 12-byte header whose last plain byte is `check`.
  Bytes header(std::uint8_t check) {
    Bytes h;
    for (int i = 0; i < 11; ++i) h.push_back(encrypt(static_cast<std::uint8_t>(0x5A + i * 7)));
    h.push_back(encrypt(check));
    return h;
  }
  Bytes encrypt_all(const Bytes& in) {
    Bytes out;
    for (auto b : in) out.push_back(encrypt(b));
    return out;
  }

 private:
  static std::uint32_t crc_byte(std::uint32_t k, std::uint8_t b) {
    return static_cast<std::uint32_t>(get_crc_table()[(k ^ b) & 0xFF]) ^ (k >> 8);
  }
  void update(std::uint8_t b) {
    k0_ = crc_byte(k0_, b);
    k1_ = (k1_ + (k0_ & 0xFF)) * 134775813u + 1;
    k2_ = crc_byte(k2_, static_cast<std::uint8_t>(k1_ >> 24));
  }
  std::uint32_t k0_ = 0x12345678, k1_ = 0x23456789, k2_ = 0x34567890;
};

inline Bytes packed_payload(const PackedFile& f) {
  return f.deflate ? zip::testing::deflate_raw(as_bytes(f.content)) : to_bytes(f.content);
}

/// An ALZ archive: "ALZ\x01", then per file "BLZ\x01" with 4-byte sizes, then "CLZ\x01",
/// "CLZ\x02". A name ending in '/' is a folder (attribute 0x10, no sizes).
inline Bytes write_alz(const std::vector<PackedFile>& files) {
  Bytes out = {'A', 'L', 'Z', 1, 10, 0, 0, 0};
  for (const auto& f : files) {
    const bool folder = !f.name.empty() && f.name.back() == '/';
    const Bytes payload = packed_payload(f);
    const std::uint32_t crc = zip::testing::crc_of(as_bytes(f.content));
    out.insert(out.end(), {'B', 'L', 'Z', 1});
    put_le(out, f.name.size(), 2);
    out.push_back(folder ? 0x10 : 0x20);
    put_le(out, 0x5A2B1C3D, 4);  // DOS time
    std::uint8_t desc = folder ? 0 : 0x40;
    if (!f.password.empty()) desc |= 0x01;
    out.push_back(desc);
    out.push_back(0);
    if (!folder) {
      out.push_back(static_cast<std::uint8_t>(f.method_override >= 0 ? f.method_override
                                              : f.deflate            ? 2
                                                                     : 0));
      out.push_back(0);
      put_le(out, crc, 4);
      put_le(out, payload.size(), 4);
      put_le(out, f.content.size(), 4);
    }
    out.insert(out.end(), f.name.begin(), f.name.end());
    if (!f.password.empty()) {
      ZipCryptoWriter w(f.password);
      Bytes h = w.header(static_cast<std::uint8_t>(crc >> 24));
      out.insert(out.end(), h.begin(), h.end());
      Bytes enc = w.encrypt_all(payload);
      out.insert(out.end(), enc.begin(), enc.end());
    } else if (!folder) {
      out.insert(out.end(), payload.begin(), payload.end());
    }
  }
  out.insert(out.end(), {'C', 'L', 'Z', 1, 0, 0, 0, 0, 0, 0, 0, 0, 'C', 'L', 'Z', 2});
  return out;
}

/// An EGG archive: header, prefix (solid info when `solid`), per file a File header with a
/// Filename and (when encrypted) an Encrypt info sub-header, one block, then the end marker.
inline Bytes write_egg(const std::vector<PackedFile>& files, bool solid = false) {
  Bytes out;
  put_le(out, 0x41474745, 4);
  put_le(out, 0x0100, 2);
  put_le(out, 0x12345678, 4);
  put_le(out, 0, 4);
  if (solid) {
    put_le(out, 0x24E5A060, 4);
    out.push_back(0);
    put_le(out, 0, 2);
  }
  put_le(out, 0x08E28222, 4);
  std::uint32_t id = 0;
  for (const auto& f : files) {
    const bool folder = !f.name.empty() && f.name.back() == '/';
    const Bytes payload = packed_payload(f);
    const std::uint32_t crc = zip::testing::crc_of(as_bytes(f.content));
    put_le(out, 0x0A8590E3, 4);
    put_le(out, id++, 4);
    put_le(out, f.content.size(), 8);
    put_le(out, 0x0A8591AC, 4);
    out.push_back(0);
    put_le(out, f.name.size(), 2);
    out.insert(out.end(), f.name.begin(), f.name.end());
    put_le(out, 0x2C86950B, 4);
    out.push_back(0);
    put_le(out, 9, 2);
    put_le(out, 0, 8);
    out.push_back(folder ? 0x80 : 0x20);
    Bytes data = payload;
    if (!f.password.empty()) {
      ZipCryptoWriter w(f.password);
      Bytes h = w.header(static_cast<std::uint8_t>(crc >> 24));
      data = w.encrypt_all(payload);
      put_le(out, 0x08D1470F, 4);
      out.push_back(0);
      put_le(out, 17, 2);
      out.push_back(0);  // method 0: traditional PKWARE
      out.insert(out.end(), h.begin(), h.end());
      put_le(out, crc, 4);
    }
    put_le(out, 0x08E28222, 4);
    if (folder) continue;
    put_le(out, 0x02B50C13, 4);
    out.push_back(static_cast<std::uint8_t>(f.method_override >= 0 ? f.method_override
                                            : f.deflate            ? 1
                                                                   : 0));
    out.push_back(0);
    put_le(out, f.content.size(), 4);
    put_le(out, data.size(), 4);
    put_le(out, crc, 4);
    put_le(out, 0x08E28222, 4);
    out.insert(out.end(), data.begin(), data.end());
  }
  put_le(out, 0x08E28222, 4);
  return out;
}

}  // namespace lg::testing
