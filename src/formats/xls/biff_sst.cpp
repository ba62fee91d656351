// [MS-XLS] 2.4.265 SST: cstTotal (s32), cstUnique (s32), then cstUnique
// XLUnicodeRichExtendedString: cch (u16), flags (fHighByte 0x01, fExtSt 0x04, fRichSt 0x08),
// cRun (u16, fRichSt), cbExtRst (s32, fExtSt), the characters, 4-byte runs, ExtRst.
#include "formats/xls/biff_sst.h"

#include <algorithm>

#include "core/reader.h"
#include "core/utf8.h"

namespace lg::xls {

std::vector<std::string> read_sst(ByteView body, const std::vector<std::size_t>& continue_offsets) {
  const Reader r(body);
  std::vector<std::string> out;
  const std::uint32_t unique = r.u32le(4).value_or(0);
  std::size_t pos = 8, bytes = 0, bound = 0;  // bound: index of the next CONTINUE offset
  for (std::uint32_t i = 0; i < unique && out.size() < kMaxSstStrings; ++i) {
    auto cch = r.u16le(pos);
    auto flags = r.u8(pos + 2);
    if (!cch || !flags) break;
    pos += 3;
    std::size_t skip = 0;  // formatting runs and phonetic data after the characters
    if (*flags & 0x08) {
      auto runs = r.u16le(pos);
      if (!runs) break;
      skip += std::size_t{*runs} * 4;
      pos += 2;
    }
    if (*flags & 0x04) {
      auto ext = r.u32le(pos);
      if (!ext) break;
      skip += *ext;
      pos += 4;
    }
    bool wide = (*flags & 0x01) != 0;
    std::string s;
    std::size_t left = *cch;
    bool cut = false;
    // Each pass reads up to the next CONTINUE boundary; a boundary reached mid-string is
    // followed by a flags byte for the rest. Every pass consumes at least one byte.
    while (left > 0) {
      while (bound < continue_offsets.size() && continue_offsets[bound] < pos) ++bound;
      const std::size_t limit =
          bound < continue_offsets.size() ? continue_offsets[bound] : body.size();
      if (pos == limit && limit < body.size()) {
        auto f = r.u8(pos);
        if (!f) break;
        wide = (*f & 0x01) != 0;
        ++pos;
        ++bound;
        continue;
      }
      const std::size_t width = wide ? 2 : 1;
      const std::size_t fit = std::min(left, (limit - pos) / width);
      if (fit == 0) {
        cut = true;
        break;
      }
      const ByteView chunk = body.subspan(pos, fit * width);
      if (bytes < kMaxSstBytes) {
        if (wide) {
          s += utf16le_to_utf8(chunk);
        } else {
          for (std::uint8_t b : chunk) append_utf8(s, b);  // high bytes dropped: Latin-1
        }
      }
      pos += fit * width;
      left -= fit;
    }
    if (cut) break;
    bytes += s.size();
    if (bytes > kMaxSstBytes) s.clear();
    out.push_back(std::move(s));
    pos = skip > body.size() - std::min(pos, body.size()) ? body.size() : pos + skip;
  }
  return out;
}

}  // namespace lg::xls
