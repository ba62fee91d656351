// Icon images as Windows stores them in RT_ICON resources (Win32 "Icons" resource format):
// a BITMAPINFOHEADER (Win32 "BITMAPINFOHEADER": biSize, biWidth, biHeight = twice the icon's
// height, biPlanes, biBitCount, biCompression BI_RGB, biClrUsed), an RGBQUAD palette for 1, 4
// and 8 bits, the XOR (colour) rows bottom-up, each padded to 32 bits, then the AND mask rows
// (1 = transparent) padded the same way; or a whole PNG file (ISO/IEC 15948), read through
// libpng's simplified API after its header says the size is within kMaxIconSide.
#include "analyzers/executable/icon_image.h"

#include <png.h>

#include <algorithm>

#include "core/reader.h"

namespace lg::pe {
namespace {

constexpr std::size_t kInfoHeaderSize = 40;
constexpr std::uint32_t kBiRgb = 0;
constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1A\n";

std::size_t row_stride(std::size_t width, unsigned bits) { return (width * bits + 31) / 32 * 4; }

Result<IconImage> decode_png(ByteView data) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, data.data(), data.size())) {
    std::string why = image.message;
    png_image_free(&image);
    return Status::error(ErrorCode::kMalformed, "png icon: " + why);
  }
  if (image.width == 0 || image.height == 0 || image.width > kMaxIconSide ||
      image.height > kMaxIconSide) {
    png_image_free(&image);
    return Status::error(ErrorCode::kLimit, "png icon larger than 256x256");
  }
  image.format = PNG_FORMAT_RGBA;
  IconImage out;
  out.width = image.width;
  out.height = image.height;
  out.format = "png";
  out.rgba.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr)) {
    std::string why = image.message;
    png_image_free(&image);
    return Status::error(ErrorCode::kMalformed, "png icon: " + why);
  }
  return out;
}

Result<IconImage> decode_dib(const Reader& r) {
  const auto header = r.u32le(0), planes_bits = r.u32le(12), compression = r.u32le(16);
  const auto width_raw = r.u32le(4), height_raw = r.u32le(8), used = r.u32le(32);
  if (!header || *header < kInfoHeaderSize || !planes_bits || !compression || !width_raw ||
      !height_raw || !used) {
    return Status::error(ErrorCode::kMalformed, "icon: no BITMAPINFOHEADER");
  }
  const unsigned bits = *planes_bits >> 16;
  // biHeight covers the colour rows and the mask; a negative (top-down) height is not allowed
  // for icons, and reads here as too large.
  const std::uint32_t width = *width_raw, height = *height_raw / 2;
  if (width == 0 || height == 0 || width > kMaxIconSide || height > kMaxIconSide) {
    return Status::error(ErrorCode::kLimit, "icon size out of range");
  }
  if (*compression != kBiRgb) return Status::error(ErrorCode::kUnsupported, "compressed icon");
  if (bits != 1 && bits != 4 && bits != 8 && bits != 24 && bits != 32) {
    return Status::error(ErrorCode::kUnsupported, "icon bit count " + std::to_string(bits));
  }
  std::size_t palette_at = *header, colours = 0;
  if (bits <= 8) colours = *used ? std::min<std::size_t>(*used, 1u << bits) : 1u << bits;
  const std::size_t xor_at = palette_at + 4 * colours;
  const std::size_t xor_stride = row_stride(width, bits), and_stride = row_stride(width, 1);
  const std::size_t and_at = xor_at + xor_stride * height;
  if (!r.has(palette_at, 4 * colours) || !r.has(xor_at, xor_stride * height)) {
    return Status::error(ErrorCode::kTruncated, "icon pixels cut short");
  }
  const bool has_mask = r.has(and_at, and_stride * height);
  IconImage out;
  out.width = width;
  out.height = height;
  out.format = "bmp " + std::to_string(bits) + "bpp";
  out.rgba.assign(std::size_t{width} * height * 4, 0);
  bool any_alpha = false;
  for (std::uint32_t y = 0; y < height; ++y) {
    const std::size_t row = xor_at + (height - 1 - y) * xor_stride;  // bottom-up
    for (std::uint32_t x = 0; x < width; ++x) {
      std::uint8_t* px = &out.rgba[(std::size_t{y} * width + x) * 4];
      std::size_t colour_at;
      if (bits <= 8) {
        const std::size_t bit = std::size_t{x} * bits;
        const unsigned byte = *r.u8(row + bit / 8);
        const unsigned index = (byte >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
        colour_at = palette_at + 4 * std::min<std::size_t>(index, colours - 1);
      } else {
        colour_at = row + std::size_t{x} * (bits / 8);
      }
      px[0] = *r.u8(colour_at + 2);  // RGBQUAD and BGR pixels: blue, green, red
      px[1] = *r.u8(colour_at + 1);
      px[2] = *r.u8(colour_at);
      px[3] = bits == 32 ? *r.u8(colour_at + 3) : 255;
      any_alpha = any_alpha || (bits == 32 && px[3] != 0);
    }
  }
  // A 32-bit image with an all-zero alpha channel is an old-style icon: the mask decides.
  const bool use_mask = has_mask && (bits != 32 || !any_alpha);
  for (std::uint32_t y = 0; use_mask && y < height; ++y) {
    const std::size_t row = and_at + (height - 1 - y) * and_stride;
    for (std::uint32_t x = 0; x < width; ++x) {
      const bool transparent = (*r.u8(row + x / 8) >> (7 - x % 8)) & 1;
      out.rgba[(std::size_t{y} * width + x) * 4 + 3] = transparent ? 0 : 255;
    }
  }
  if (bits == 32 && !any_alpha && !has_mask) {
    for (std::size_t i = 3; i < out.rgba.size(); i += 4) out.rgba[i] = 255;
  }
  return out;
}

}  // namespace

Result<IconImage> decode_icon(ByteView data) {
  const Reader r(data);
  if (r.starts_with_at(0, kPngSignature)) return decode_png(data);
  return decode_dib(r);
}

}  // namespace lg::pe
