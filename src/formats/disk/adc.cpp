// Apple Data Compression decoder.
#include "formats/disk/adc.h"

#include "core/reader.h"

namespace lg::disk {

AdcResult adc_decompress(ByteView in, std::size_t max_out) {
  AdcResult out;
  Reader r(in);
  std::size_t pos = 0;
  while (pos < r.size() && out.data.size() < max_out) {  // each turn consumes input
    const std::uint8_t b = *r.u8(pos);
    if (b & 0x80) {  // literal run of 1..128 bytes
      const std::size_t n = (b & 0x7F) + 1u;
      auto lit = r.subspan(pos + 1, n);
      if (!lit) {
        out.damaged = true;
        break;
      }
      for (std::uint8_t c : *lit) {
        if (out.data.size() >= max_out) break;
        out.data.push_back(c);
      }
      pos += 1 + n;
      continue;
    }
    std::size_t length = 0, distance = 0;
    if (b & 0x40) {  // 3 bytes: length 4..67, 16-bit distance
      auto d = r.u16be(pos + 1);
      if (!d) {
        out.damaged = true;
        break;
      }
      length = (b & 0x3F) + 4u;
      distance = *d;
      pos += 3;
    } else {  // 2 bytes: length 3..18, 10-bit distance
      auto lo = r.u8(pos + 1);
      if (!lo) {
        out.damaged = true;
        break;
      }
      length = ((b & 0x3C) >> 2) + 3u;
      distance = (std::size_t{b & 0x03u} << 8) | *lo;
      pos += 2;
    }
    if (distance + 1 > out.data.size()) {
      out.damaged = true;
      break;
    }
    const std::size_t from = out.data.size() - distance - 1;
    for (std::size_t i = 0; i < length && out.data.size() < max_out; ++i) {
      out.data.push_back(out.data[from + i]);  // overlapping copies repeat, as in LZ77
    }
  }
  return out;
}

}  // namespace lg::disk
