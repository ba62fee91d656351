// ALZ archives: records as unalz reads them (see alz_reader.h). All integers little-endian.
#include "analyzers/archive/alz_reader.h"

#include <algorithm>
#include <string>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::uint32_t kArchiveHeader = 0x015A4C41;  // "ALZ\x01"
constexpr std::uint32_t kLocalHeader = 0x015A4C42;    // "BLZ\x01"
constexpr std::uint32_t kCentral = 0x015A4C43;        // "CLZ\x01"
constexpr std::uint32_t kEnd = 0x025A4C43;            // "CLZ\x02"
constexpr std::uint8_t kDescEncrypted = 0x01;
constexpr std::uint8_t kDescDataDescriptor = 0x08;
constexpr std::uint8_t kAttrDirectory = 0x10;
constexpr std::size_t kCryptHeader = 12;

// A `width`-byte little-endian integer (width 1, 2, 4 or 8).
std::optional<std::uint64_t> read_uint(const Reader& r, std::size_t off, unsigned width) {
  std::uint64_t v = 0;
  for (unsigned i = 0; i < width; ++i) {
    auto b = r.u8(off + i);
    if (!b) return std::nullopt;
    v |= std::uint64_t{*b} << (8 * i);
  }
  return v;
}

PackedMethod method_of(int m) {
  switch (m) {
    case 0:
      return PackedMethod::kStored;
    case 1:
      return PackedMethod::kAlzBzip2;
    case 2:
      return PackedMethod::kDeflate;
    default:
      return PackedMethod::kUnknown;
  }
}

}  // namespace

PackedArchive read_alz(ByteView data) {
  PackedArchive out;
  Reader r(data);
  if (r.u32le(0) != kArchiveHeader) {
    out.anomalies.push_back("ALZ: no archive header");
    return out;
  }
  std::size_t pos = 8;  // signature and 4 bytes nobody interprets
  for (std::size_t records = 0; records < kMaxPackedRecords; ++records) {
    auto sig = r.u32le(pos);
    if (!sig) {
      out.anomalies.push_back("ALZ: archive ends without its end record");
      break;
    }
    if (*sig == kCentral || *sig == kEnd) {
      out.ended = true;  // the local headers were the list; nothing else follows
      break;
    }
    if (*sig != kLocalHeader) {
      out.anomalies.push_back("ALZ: unknown record at offset " + std::to_string(pos));
      break;
    }
    if (out.entries.size() >= kMaxPackedEntries) {
      out.capped = true;
      break;
    }
    // Fixed part: name length (2), attributes (1), DOS time (4), descriptor (1), unknown (1).
    auto name_len = r.u16le(pos + 4);
    auto attr = r.u8(pos + 6);
    auto time = r.u32le(pos + 7);
    auto desc = r.u8(pos + 11);
    if (!name_len || !attr || !time || !desc || !r.u8(pos + 12)) {
      out.anomalies.push_back("ALZ: local header cut short");
      break;
    }
    std::size_t at = pos + 13;
    const unsigned width = *desc >> 4;
    PackedEntry e;
    e.encrypted = (*desc & kDescEncrypted) != 0;
    e.directory = (*attr & kAttrDirectory) != 0;
    PackedBlock b;
    std::uint64_t packed = 0;
    if (width != 0) {
      if (width != 1 && width != 2 && width != 4 && width != 8) {
        out.anomalies.push_back("ALZ: bad size width in a local header");
        break;
      }
      auto method = r.u8(at);
      auto crc = r.u32le(at + 2);
      auto csize = read_uint(r, at + 6, width);
      auto usize = read_uint(r, at + 6 + width, width);
      if (!method || !crc || !csize || !usize) {
        out.anomalies.push_back("ALZ: local header cut short");
        break;
      }
      b.raw_method = *method;
      b.method = method_of(*method);
      b.crc = *crc;
      b.size = *usize;
      packed = *csize;
      at += 6 + 2 * std::size_t{width};
    }
    auto name = r.chars(at, *name_len);
    if (!name) {
      out.anomalies.push_back("ALZ: file name cut short");
      break;
    }
    e.name = std::string(name->substr(0, kMaxPackedName));
    std::replace(e.name.begin(), e.name.end(), '\\', '/');
    at += *name_len;
    if (e.encrypted) {
      auto header = r.subspan(at, kCryptHeader);
      if (!header) {
        out.anomalies.push_back("ALZ: encryption header cut short");
        break;
      }
      e.zip_crypto_header = *header;
      // unalz: the check byte is the CRC's top byte, or the time's bits 8-15 with the
      // data-descriptor flag.
      e.zip_crypto_check =
          static_cast<std::uint8_t>((*desc & kDescDataDescriptor) ? (*time >> 8) : (b.crc >> 24));
      at += kCryptHeader;
    }
    e.size = b.size;
    place_block_data(data, at, packed, b);
    if (width != 0) e.blocks.push_back(b);
    out.entries.push_back(std::move(e));
    if (b.truncated) {
      out.anomalies.push_back("ALZ: entry data runs past the end of the archive");
      break;
    }
    pos = at + static_cast<std::size_t>(packed);
  }
  return out;
}

}  // namespace lg
