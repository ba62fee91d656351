// [MS-XLSB] 2.1.4 Record: RecordType (1-2 bytes) and RecordSize (1-4 bytes), each byte
// carrying 7 bits, least significant first, with bit 7 set when another byte follows.
#include "formats/xls/biff12_reader.h"

#include <optional>

namespace lg::xls {
namespace {

// A 7-bit-per-byte number of at most `max_bytes` bytes at `off`; `off` moves past it.
std::optional<std::uint32_t> read_varint(const Reader& r, std::size_t& off, int max_bytes) {
  std::uint32_t v = 0;
  for (int i = 0; i < max_bytes; ++i) {
    auto b = r.u8(off);
    if (!b) return std::nullopt;
    ++off;
    v |= static_cast<std::uint32_t>(*b & 0x7F) << (7 * i);
    if (!(*b & 0x80)) return v;
  }
  return std::nullopt;  // the last allowed byte still said "more"
}

}  // namespace

bool Biff12Reader::next(Biff12Record& rec) {
  if (malformed_ || pos_ >= r_.size()) return false;
  std::size_t off = pos_;
  auto type = read_varint(r_, off, 2);
  auto size = type ? read_varint(r_, off, 4) : std::nullopt;
  if (!type || !size) {
    malformed_ = true;
    return false;
  }
  auto body = r_.subspan(off, *size);
  if (!body) {
    malformed_ = true;
    return false;
  }
  rec.type = static_cast<std::uint16_t>(*type);
  rec.offset = pos_;
  rec.body = *body;
  pos_ = off + *size;
  return true;
}

}  // namespace lg::xls
