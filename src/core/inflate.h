#pragma once
/// DEFLATE decompression through zlib ([RFC 1950] zlib, [RFC 1951] raw, [RFC 1952] gzip),
/// always with an output cap: a decompression bomb stops at `max_out`, never exhausts memory.
#include <cstddef>

#include "core/bytes.h"

namespace lg {

enum class DeflateWrapper {
  kZlib,  // 2-byte header and Adler-32 (PDF FlateDecode)
  kRaw,   // no header (ZIP entries, HWP 5 streams)
  kGzip,  // gzip member
  kAuto,  // zlib or gzip by header, else raw
};

struct Inflated {
  Bytes data;
  std::size_t consumed = 0;  // input bytes used
  bool complete = false;     // reached the end of the stream
  bool capped = false;       // stopped at max_out
  bool damaged = false;      // a data error; `data` holds what came before it
};

/// Inflates `in`. Tolerant: a truncated or damaged stream keeps the output produced so far.
Inflated inflate_bytes(ByteView in, DeflateWrapper wrapper, std::size_t max_out);

}  // namespace lg
