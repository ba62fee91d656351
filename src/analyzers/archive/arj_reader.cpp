// ARJ archives: headers as the ARJ technical information describes them (see arj_reader.h).
// All integers little-endian.
#include "analyzers/archive/arj_reader.h"

#include <algorithm>
#include <string>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxBasicHeader = 2600;
constexpr std::size_t kMinFirstHeader = 30;  // the fixed part up to the chapter bytes
// Basic header flags.
constexpr std::uint8_t kGarbled = 0x01;
// File types.
constexpr std::uint8_t kBinary = 0;
constexpr std::uint8_t kText = 1;
constexpr std::uint8_t kMainHeader = 2;
constexpr std::uint8_t kDirectory = 3;

PackedMethod method_of(int m) {
  switch (m) {
    case 0:
      return PackedMethod::kStored;
    case 1:
    case 2:
    case 3:
      return PackedMethod::kArj;
    case 4:
      return PackedMethod::kArjFastest;
    default:
      return PackedMethod::kUnknown;
  }
}

struct Header {
  ByteView basic;       // from first_hdr_size to the end of the comment
  std::size_t end = 0;  // offset after the extended headers
};

class ArjParse {
 public:
  explicit ArjParse(ByteView data) : data_(data), r_(data) {}

  PackedArchive run() {
    auto main = header();
    if (!main) return std::move(out_);
    if (main->basic.empty() || main->basic.size() < kMinFirstHeader ||
        main->basic[6] != kMainHeader) {
      return fail("ARJ: the first header is not a main header");
    }
    pos_ = main->end;
    while (records_ < kMaxPackedRecords) {
      auto h = header();
      if (!h) break;
      if (h->basic.empty()) {
        out_.ended = true;
        break;
      }
      if (out_.entries.size() >= kMaxPackedEntries) {
        out_.capped = true;
        break;
      }
      if (!entry(*h)) break;
    }
    return std::move(out_);
  }

 private:
  PackedArchive fail(std::string what) {
    out_.anomalies.push_back(std::move(what));
    return std::move(out_);
  }

  // The header at pos_, its extended headers skipped; an empty `basic` is the end of the
  // archive. nullopt (with an anomaly) when it cannot be read.
  std::optional<Header> header() {
    ++records_;
    const std::string at = " at offset " + std::to_string(pos_);
    auto id = r_.u16le(pos_);
    auto size = r_.u16le(pos_ + 2);
    if (!id || !size) {
      out_.anomalies.push_back("ARJ: archive ends without its end header");
      return std::nullopt;
    }
    if (*id != 0xEA60) {
      out_.anomalies.push_back("ARJ: no header id" + at);
      return std::nullopt;
    }
    if (*size == 0) return Header{{}, pos_ + 4};
    if (*size > kMaxBasicHeader) {
      out_.anomalies.push_back("ARJ: basic header over 2600 bytes" + at);
      return std::nullopt;
    }
    auto basic = r_.subspan(pos_ + 4, *size);
    auto crc = r_.u32le(pos_ + 4 + *size);
    if (!basic || !crc) {
      out_.anomalies.push_back("ARJ: header cut short" + at);
      return std::nullopt;
    }
    if (packed_crc32(*basic) != *crc) out_.anomalies.push_back("ARJ: header CRC-32 mismatch" + at);
    std::size_t end = pos_ + 8 + *size;
    // Extended headers: size, data, CRC-32; none is defined that matters here.
    while (records_ < kMaxPackedRecords) {
      ++records_;
      auto ext = r_.u16le(end);
      if (!ext) {
        out_.anomalies.push_back("ARJ: extended header cut short" + at);
        return std::nullopt;
      }
      end += 2;
      if (*ext == 0) break;
      end += std::size_t{*ext} + 4;
    }
    return Header{*basic, end};
  }

  bool entry(const Header& h) {
    Reader b(h.basic);
    auto first = b.u8(0);
    auto flags = b.u8(4);
    auto method = b.u8(5);
    auto type = b.u8(6);
    auto packed = b.u32le(12);
    auto size = b.u32le(16);
    auto crc = b.u32le(20);
    if (!first || *first < kMinFirstHeader || *first > h.basic.size() || !packed || !size || !crc) {
      out_.anomalies.push_back("ARJ: local header cut short at offset " + std::to_string(pos_));
      return false;
    }
    PackedEntry e;
    std::string_view name = as_chars(h.basic.subspan(*first));
    name = name.substr(0, name.find('\0'));
    e.name = std::string(name.substr(0, kMaxPackedName));
    std::replace(e.name.begin(), e.name.end(), '\\', '/');
    e.encrypted = (*flags & kGarbled) != 0;
    e.directory = *type != kBinary && *type != kText;  // directories, labels: no data
    if (*type == kMainHeader) out_.anomalies.push_back("ARJ: a second main header");
    e.size = *size;
    const std::size_t at = h.end;
    const PackedBlock blk =
        packed_block(data_, at, *packed, *method, method_of(*method), *size, *crc);
    if (*type != kDirectory) e.blocks.push_back(blk);
    out_.entries.push_back(std::move(e));
    if (blk.truncated) {
      out_.anomalies.push_back("ARJ: entry data runs past the end of the archive");
      return false;
    }
    pos_ = at + *packed;
    return true;
  }

  ByteView data_;
  Reader r_;
  PackedArchive out_;
  std::size_t pos_ = 0;
  std::size_t records_ = 0;
};

}  // namespace

PackedArchive read_arj(ByteView data) { return ArjParse(data).run(); }

}  // namespace lg
