#pragma once
/// [MS-XLS] 2.1.4 record framing of a BIFF5/BIFF8 Workbook (or BIFF5 Book) stream: a u16
/// type, a u16 size and the body; a body longer than one record goes on in CONTINUE records
/// (type 0x003C), which the reader appends (up to kMaxMergedBytes).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/bytes.h"
#include "core/reader.h"

namespace lg::xls {

struct BiffRecord {
  std::uint16_t type = 0;
  std::size_t offset = 0;  // of the record header in the stream
  ByteView body;           // valid until the next call to next()
};

class BiffReader {
 public:
  static constexpr std::uint16_t kContinue = 0x003C;
  /// Most bytes one record and its CONTINUE records are merged into.
  static constexpr std::size_t kMaxMergedBytes = 1u << 20;

  explicit BiffReader(ByteView stream) : r_(stream) {}
  /// The next record; false at the end of the stream. A header or body cut short by the end
  /// of the stream sets truncated() and ends the walk.
  bool next(BiffRecord& rec);
  bool truncated() const { return truncated_; }
  std::size_t position() const { return pos_; }
  /// Offsets in the last record's body where each merged CONTINUE record's data begins
  /// (empty when it had none): SST strings split there restart with a flags byte.
  const std::vector<std::size_t>& continue_offsets() const { return continue_offsets_; }

 private:
  Reader r_;
  std::size_t pos_ = 0;
  bool truncated_ = false;
  Bytes merged_;
  std::vector<std::size_t> continue_offsets_;
};

}  // namespace lg::xls
