#pragma once
/// Test helper: a zlib stream (RFC 1950) of `in`, for fixtures that need compressed data.
#include <zlib.h>

#include <string>
#include <string_view>

namespace lg::testing {

inline std::string zlib_compress(std::string_view in, int level = 9) {
  uLongf n = compressBound(static_cast<uLong>(in.size()));
  std::string out(n, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.data()),
                static_cast<uLong>(in.size()), level) != Z_OK)
    return {};
  out.resize(n);
  return out;
}

}  // namespace lg::testing
