// Entry extraction for the ZIP walker: stored (APPNOTE 4.4.5 method 0), deflate (method 8,
// raw [RFC 1951] data), deflate64 (method 9, core/deflate64.h), implode (6) and shrink (1)
// (legacy_methods.h), always capped. Other methods and encrypted entries (APPNOTE 6.1, 7.x)
// are left to libarchive by the caller.
#include <zlib.h>

#include <algorithm>
#include <string>

#include "core/deflate64.h"
#include "core/inflate.h"
#include "core/reader.h"
#include "formats/zip/legacy_methods.h"
#include "formats/zip/zip_walker.h"

namespace lg::zip {
namespace {

std::uint32_t crc32_of(ByteView data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed bounded chunks.
  constexpr std::size_t kChunk = 1u << 30;
  for (std::size_t off = 0; off < data.size(); off += kChunk) {
    std::size_t n = std::min(kChunk, data.size() - off);
    crc = ::crc32(crc, data.data() + off, static_cast<uInt>(n));
  }
  return static_cast<std::uint32_t>(crc);
}

}  // namespace

Result<Extracted> extract(ByteView data, const Entry& entry, std::size_t max_out) {
  if (entry.encrypted()) return Status::error(ErrorCode::kUnsupported, "encrypted entry");
  const bool sized_method = entry.method == kMethodImplode || entry.method == kMethodShrink;
  if (entry.method != kMethodStored && entry.method != kMethodDeflate &&
      entry.method != kMethodDeflate64 && !sized_method) {
    return Status::error(ErrorCode::kUnsupported,
                         "compression method " + std::to_string(entry.method));
  }
  if (!entry.data_offset) return Status::error(ErrorCode::kTruncated, "no local header");
  Reader r(data);
  auto tail =
      r.tail(static_cast<std::size_t>(std::min<std::uint64_t>(*entry.data_offset, r.size() + 1)));
  if (!tail) return Status::error(ErrorCode::kTruncated, "data offset past the end");
  // With a data descriptor and no central directory the size is unknown (zero): deflate and
  // deflate64 find their own end; stored data cannot be delimited.
  const bool size_known = !(entry.has_data_descriptor() && entry.compressed_size == 0);
  ByteView in = *tail;
  bool truncated = false;
  if (size_known) {
    if (entry.compressed_size > in.size()) {
      truncated = true;
    } else {
      in = in.first(static_cast<std::size_t>(entry.compressed_size));
    }
  } else if (entry.method == kMethodStored || sized_method) {
    // Stored data cannot be delimited; implode and shrink need the uncompressed size.
    return Status::error(ErrorCode::kUnsupported, "entry of unknown size");
  }

  Extracted out;
  if (entry.method == kMethodStored) {
    std::size_t n = std::min(in.size(), max_out);
    out.data.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n));
    out.capped = n < in.size();
    out.damaged = truncated;
  } else {
    Inflated inf =
        entry.method == kMethodImplode
            ? explode_bytes(in, entry.flags, entry.uncompressed_size, max_out)
        : entry.method == kMethodShrink    ? unshrink_bytes(in, entry.uncompressed_size, max_out)
        : entry.method == kMethodDeflate64 ? inflate64_bytes(in, max_out)
                                           : inflate_bytes(in, DeflateWrapper::kRaw, max_out);
    out.data = std::move(inf.data);
    out.capped = inf.capped;
    out.damaged = truncated || inf.damaged || (!inf.complete && !inf.capped);
  }
  out.crc_ok = !out.capped && !out.damaged && crc32_of(out.data) == entry.crc32;
  return out;
}

}  // namespace lg::zip
