#pragma once
/// [MS-XLSB] 2.1.4 record framing of the binary parts of an .xlsb package (xl/workbook.bin,
/// xl/macrosheets/*.bin, ...): a record type of one or two bytes and a size of one to four
/// bytes, both 7 bits per byte with the high bit saying another byte follows, then the body.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/reader.h"

namespace lg::xls {

struct Biff12Record {
  std::uint16_t type = 0;  // at most 14 bits
  std::size_t offset = 0;  // of the record header in the part
  ByteView body;           // a view into the part
};

class Biff12Reader {
 public:
  explicit Biff12Reader(ByteView part) : r_(part) {}
  /// The next record; false at the end of the part. A header whose type or size runs past
  /// its byte limit (2 and 4 bytes) or a body cut short sets malformed() and ends the walk.
  bool next(Biff12Record& rec);
  bool malformed() const { return malformed_; }
  std::size_t position() const { return pos_; }

 private:
  Reader r_;
  std::size_t pos_ = 0;
  bool malformed_ = false;
};

}  // namespace lg::xls
