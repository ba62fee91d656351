#include "core/inflate.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace lg {
namespace {

int window_bits(DeflateWrapper w, ByteView in) {
  switch (w) {
    case DeflateWrapper::kZlib:
      return 15;
    case DeflateWrapper::kRaw:
      return -15;
    case DeflateWrapper::kGzip:
      return 15 + 16;
    case DeflateWrapper::kAuto:
      break;
  }
  // [RFC 1950] 2.2: CMF/FLG with CM = 8 and a header check that divides by 31; gzip's magic.
  if (in.size() >= 2 && in[0] == 0x1f && in[1] == 0x8b) return 15 + 16;
  if (in.size() >= 2 && (in[0] & 0x0f) == 8 && ((in[0] << 8) | in[1]) % 31 == 0) return 15;
  return -15;
}

}  // namespace

Inflated inflate_bytes(ByteView in, DeflateWrapper wrapper, std::size_t max_out) {
  Inflated out;
  z_stream zs{};
  if (inflateInit2(&zs, window_bits(wrapper, in)) != Z_OK) {
    out.damaged = true;
    return out;
  }
  // Grow the output geometrically up to the cap; zlib's avail_* are 32-bit, so feed in slices.
  constexpr std::size_t kSlice = 1u << 30;
  out.data.resize(std::min<std::size_t>(max_out, std::max<std::size_t>(4096, in.size() * 4)));
  std::size_t in_off = 0;
  std::size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (zs.avail_in == 0 && in_off < in.size()) {
      std::size_t n = std::min(kSlice, in.size() - in_off);
      zs.next_in = const_cast<Bytef*>(in.data() + in_off);
      zs.avail_in = static_cast<uInt>(n);
      in_off += n;
    }
    if (produced == out.data.size()) {
      if (produced >= max_out) {
        out.capped = true;
        break;
      }
      out.data.resize(std::min(max_out, std::max<std::size_t>(produced * 2, 4096)));
    }
    std::size_t room = std::min(kSlice, out.data.size() - produced);
    zs.next_out = out.data.data() + produced;
    zs.avail_out = static_cast<uInt>(room);
    rc = inflate(&zs, Z_NO_FLUSH);
    produced += room - zs.avail_out;
    if (rc == Z_STREAM_END) {
      out.complete = true;
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && in_off >= in.size()) break;  // truncated
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      out.damaged = true;
      break;
    }
  }
  out.consumed = in_off - zs.avail_in;
  inflateEnd(&zs);
  out.data.resize(produced);
  return out;
}

}  // namespace lg
