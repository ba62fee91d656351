#pragma once
/// Test helper (header-only, tests only): writes TNEF streams ([MS-OXTNEF] 2.1.3) attribute by
/// attribute, with MAPI property lists (2.1.3.4), so tests need no sample files.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace lg::testing {

class TnefBuilder {
 public:
  TnefBuilder() {
    u32(out_, 0x223E9F78);
    u16(out_, 0x0001);
  }
  /// One attribute: level (1 message, 2 attachment), full 32-bit id, data, checksum.
  TnefBuilder& attribute(std::uint8_t level, std::uint32_t id, std::string_view data,
                         bool good_checksum = true) {
    out_.push_back(level);
    u32(out_, id);
    u32(out_, static_cast<std::uint32_t>(data.size()));
    out_.insert(out_.end(), data.begin(), data.end());
    std::uint32_t sum = 0;
    for (unsigned char c : data) sum += c;
    u16(out_, static_cast<std::uint16_t>(good_checksum ? sum : sum + 1));
    return *this;
  }
  Bytes build() const { return out_; }

  /// A property list with variable-length values: each (type, id, value).
  struct Prop {
    std::uint16_t type, id;
    std::string value;
  };
  static std::string props(std::initializer_list<Prop> list) {
    Bytes b;
    u32(b, static_cast<std::uint32_t>(list.size()));
    for (const auto& p : list) {
      u16(b, p.type);
      u16(b, p.id);
      if (p.type == 0x0003) {  // PtypInteger32: the value's first 4 bytes
        b.insert(b.end(), p.value.begin(), p.value.begin() + 4);
        continue;
      }
      u32(b, 1);
      u32(b, static_cast<std::uint32_t>(p.value.size()));
      b.insert(b.end(), p.value.begin(), p.value.end());
      while (b.size() % 4) b.push_back(0);
    }
    return std::string(b.begin(), b.end());
  }
  /// ASCII as UTF-16LE with a terminating NUL.
  static std::string utf16(std::string_view s) {
    std::string out;
    for (char c : s) {
      out += c;
      out += '\0';
    }
    return out + std::string(2, '\0');
  }

 private:
  static void u16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  static void u32(Bytes& b, std::uint32_t v) {
    u16(b, static_cast<std::uint16_t>(v));
    u16(b, static_cast<std::uint16_t>(v >> 16));
  }
  Bytes out_;
};

}  // namespace lg::testing
