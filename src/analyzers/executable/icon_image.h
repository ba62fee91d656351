#pragma once
/// Internal to the PE analyzer: one RT_ICON image decoded to RGBA, either a device-independent
/// bitmap (BITMAPINFOHEADER, the colour rows then the 1-bit AND mask, height counted twice)
/// or a PNG stream (Windows Vista and later store 256x256 icons so), read with libpng.
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg::pe {

/// Largest icon side decoded: GRPICONDIRENTRY's one-byte width can say at most 256, and a
/// PNG claiming more is refused before its pixels are inflated (256 KiB of RGBA at most).
inline constexpr std::uint32_t kMaxIconSide = 256;

struct IconImage {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4, rows top-down, alpha 0 = transparent
  std::string format;              // "png", "bmp 32bpp", "bmp 8bpp" ...
};

/// Decodes an RT_ICON resource. Errors: not a DIB or PNG, a side of 0 or past kMaxIconSide,
/// an unsupported bit count or compression, colour rows cut short. A missing AND mask leaves
/// the pixels opaque.
Result<IconImage> decode_icon(ByteView data);

}  // namespace lg::pe
