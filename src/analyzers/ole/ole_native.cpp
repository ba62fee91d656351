#include "analyzers/ole/ole_native.h"

#include "core/charset.h"
#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxNameBytes = 4096;

// A NUL-terminated ANSI string at `off`, at most kMaxNameBytes; advances `off` past the NUL.
std::optional<std::string> cstring(const Reader& r, std::size_t& off) {
  for (std::size_t i = 0; i < kMaxNameBytes; ++i) {
    auto c = r.u8(off + i);
    if (!c) return std::nullopt;
    if (*c == 0) {
      std::string s = decode_text(*r.subspan(off, i), "windows-1252").utf8;
      off += i + 1;
      return s;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<OleNativePackage> parse_ole10native(ByteView stream) {
  Reader r(stream);
  OleNativePackage p;
  std::size_t off = 4;  // NativeDataSize
  if (!r.u16le(off)) return std::nullopt;
  off += 2;
  auto label = cstring(r, off);
  if (!label) return std::nullopt;
  auto path = cstring(r, off);
  if (!path) return std::nullopt;
  off += 4;  // reserved (0) and format (3 = embedded file)
  auto temp_len = r.u32le(off);
  if (!temp_len || *temp_len > kMaxNameBytes) return std::nullopt;
  off += 4;
  auto temp = r.subspan(off, *temp_len);
  if (!temp) return std::nullopt;
  std::size_t nul = 0;
  while (nul < temp->size() && (*temp)[nul] != 0) ++nul;
  p.temp_path = decode_text(temp->subspan(0, nul), "windows-1252").utf8;
  off += *temp_len;
  auto size = r.u32le(off);
  if (!size) return std::nullopt;
  off += 4;
  auto rest = r.tail(off);
  if (!rest) return std::nullopt;
  p.truncated = *size > rest->size();
  p.payload = rest->subspan(0, std::min<std::size_t>(*size, rest->size()));
  p.label = std::move(*label);
  p.file_path = std::move(*path);
  return p;
}

}  // namespace lg
