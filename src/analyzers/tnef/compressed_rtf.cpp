// [MS-OXRTFCP] 2.1.3.1 (header), 2.2.1 and 3.1.1.1 (decompression), 2.1.3.2 and 3.1.3.2 (CRC).
#include "analyzers/tnef/compressed_rtf.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::uint32_t kLzfu = 0x75465A4C;  // "LZFu"
constexpr std::uint32_t kMela = 0x414C454D;  // "MELA"
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kDictionarySize = 4096;

// 3.1.1.1.1: the dictionary's first 207 bytes.
constexpr std::string_view kInitialDictionary =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
    "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
    "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
static_assert(kInitialDictionary.size() == 207);

// 3.1.3.2: the CRC-32 table of IEEE 802.3 without the initial and final inversion; zlib's
// crc32 inverts both, so the inversions cancel around it.
std::uint32_t rtf_crc(ByteView data) {
  uLong crc = 0xFFFFFFFFul;
  std::size_t at = 0;
  while (at < data.size()) {  // zlib takes uInt lengths
    const std::size_t n = std::min<std::size_t>(data.size() - at, 1u << 30);
    crc = crc32(crc, data.data() + at, static_cast<uInt>(n));
    at += n;
  }
  return static_cast<std::uint32_t>(~crc);
}

}  // namespace

CompressedRtf decompress_rtf(ByteView data, std::size_t max_output) {
  CompressedRtf out;
  const Reader r(data);
  const auto comp_size = r.u32le(0), raw_size = r.u32le(4), type = r.u32le(8), crc = r.u32le(12);
  if (!comp_size || !raw_size || !type || !crc) {
    out.anomalies.push_back("compressed RTF shorter than its header");
    return out;
  }
  // COMPSIZE counts the bytes after itself: the rest of the header and the data.
  std::size_t end = data.size();
  if (std::uint64_t{*comp_size} + 4 < kHeaderSize) {
    out.anomalies.push_back("compressed RTF size smaller than its header");
  } else if (std::uint64_t{*comp_size} + 4 > data.size()) {
    out.anomalies.push_back("compressed RTF truncated: " + std::to_string(data.size()) + " of " +
                            std::to_string(std::uint64_t{*comp_size} + 4) + " bytes");
  } else {
    end = std::size_t{*comp_size} + 4;
  }
  const ByteView body = data.subspan(kHeaderSize, end - kHeaderSize);
  const std::size_t limit = std::min<std::size_t>(*raw_size, max_output);
  if (limit < *raw_size) out.anomalies.push_back("compressed RTF output capped");

  if (*type == kMela) {
    out.compression = "MELA";
    if (*crc != 0) out.anomalies.push_back("uncompressed RTF with a non-zero CRC");
    const std::size_t n = std::min(limit, body.size());
    out.rtf.assign(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(n));
    out.ok = n == *raw_size;
    if (n < limit) out.anomalies.push_back("uncompressed RTF shorter than RAWSIZE");
    return out;
  }
  if (*type != kLzfu) {
    out.anomalies.push_back("unknown compressed RTF type");
    return out;
  }
  out.compression = "LZFu";
  if (rtf_crc(body) != *crc) out.anomalies.push_back("compressed RTF CRC mismatch");

  std::array<std::uint8_t, kDictionarySize> dict{};
  std::copy(kInitialDictionary.begin(), kInitialDictionary.end(), dict.begin());
  std::size_t write = kInitialDictionary.size();
  out.rtf.reserve(std::min<std::size_t>(limit, body.size() * 8));
  const Reader in(body);
  std::size_t pos = 0;
  bool ended = false;
  // Each control byte announces 8 runs, least significant bit first (2.2.1.2): a literal
  // byte (bit 0) or a 2-byte dictionary reference (bit 1), big-endian, 12 bits of offset and
  // 4 of length - 2. A reference to the write position itself ends the stream.
  while (!ended && pos < body.size() && out.rtf.size() < limit) {
    const std::uint8_t control = *in.u8(pos++);
    for (int bit = 0; bit < 8 && out.rtf.size() < limit && pos < body.size(); ++bit) {
      if (!(control & (1u << bit))) {
        const std::uint8_t c = *in.u8(pos++);
        out.rtf.push_back(c);
        dict[write] = c;
        write = (write + 1) % kDictionarySize;
        continue;
      }
      const auto ref = in.u16be(pos);
      if (!ref) {
        pos = body.size();
        break;
      }
      pos += 2;
      std::size_t offset = *ref >> 4;
      const std::size_t length = (*ref & 0xF) + 2u;
      if (offset == write) {
        ended = true;
        break;
      }
      for (std::size_t k = 0; k < length && out.rtf.size() < limit; ++k) {
        const std::uint8_t c = dict[offset];
        out.rtf.push_back(c);
        dict[write] = c;
        write = (write + 1) % kDictionarySize;
        offset = (offset + 1) % kDictionarySize;
      }
    }
  }
  out.ok = ended || out.rtf.size() == *raw_size;
  if (!ended && out.rtf.size() < limit) out.anomalies.push_back("compressed RTF truncated");
  if (ended && out.rtf.size() != *raw_size)
    out.anomalies.push_back("compressed RTF decoded to " + std::to_string(out.rtf.size()) +
                            " bytes, RAWSIZE says " + std::to_string(*raw_size));
  return out;
}

}  // namespace lg
