#pragma once
/// Test helper (header-only, tests only): RGBA icons painted in code, written as the DIB
/// (BITMAPINFOHEADER, colour rows bottom-up, AND mask) or PNG images RT_ICON resources hold.
#include <png.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/executable/pe_fixture.h"

namespace lg::pe::testing {

struct Rgba {
  std::uint8_t r, g, b, a;
};

struct Canvas {
  unsigned width, height;
  std::vector<Rgba> px;
  Canvas(unsigned w, unsigned h, Rgba fill = {0, 0, 0, 0}) : width(w), height(h), px(w * h, fill) {}
  Rgba& at(unsigned x, unsigned y) { return px[y * width + x]; }
  /// Fills [x0, x1) x [y0, y1).
  void rect(unsigned x0, unsigned y0, unsigned x1, unsigned y1, Rgba c) {
    for (unsigned y = y0; y < y1 && y < height; ++y)
      for (unsigned x = x0; x < x1 && x < width; ++x) at(x, y) = c;
  }
};

/// A portrait page (white paper, grey text lines, a folded top-right corner) with a letter
/// tile in `accent` colour sticking out of its left edge, as Office file icons draw it.
inline Canvas document_icon(unsigned side, Rgba accent) {
  Canvas c(side, side);
  const unsigned x0 = side / 4, x1 = side - side / 12, y0 = side / 24, y1 = side - side / 24;
  const unsigned fold = (x1 - x0) / 4;
  c.rect(x0, y0, x1, y1, {250, 250, 250, 255});
  for (unsigned y = 0; y < fold; ++y)  // the cut corner
    for (unsigned x = x1 - fold + y; x < x1; ++x) c.at(x, y0 + y) = {0, 0, 0, 0};
  for (unsigned y = y0 + side / 4; y + 2 < y1 - side / 8; y += side / 10)
    c.rect(x0 + side / 4, y, x1 - side / 10, y + 1, {180, 180, 180, 255});
  c.rect(side / 24, side * 9 / 20, side / 2, side * 17 / 20, accent);
  return c;
}

/// A square application icon: stripes of five colours on a white tile, opaque corner to
/// corner (as much paper as a page, but square).
inline Canvas app_icon(unsigned side) {
  Canvas c(side, side, {245, 245, 245, 255});
  const Rgba stripes[] = {{230, 60, 60, 255},
                          {240, 200, 40, 255},
                          {60, 200, 90, 255},
                          {50, 120, 230, 255},
                          {170, 70, 220, 255}};
  for (unsigned i = 0; i < 5; ++i)
    c.rect(side / 8, side / 8 + i * side * 3 / 20, side - side / 8,
           side / 8 + (i + 1) * side * 3 / 20, stripes[i]);
  return c;
}

/// The icon as a 32-bit DIB with alpha and an AND mask (1 where alpha is 0); with
/// `alpha` false, a 24-bit DIB whose transparency is the mask alone.
inline std::string dib(const Canvas& c, bool alpha = true) {
  const unsigned bits = alpha ? 32 : 24;
  const std::size_t xor_stride = (c.width * bits + 31) / 32 * 4,
                    and_stride = (c.width + 31) / 32 * 4;
  std::string b(40 + (xor_stride + and_stride) * c.height, '\0');
  put32(b, 0, 40);
  put32(b, 4, c.width);
  put32(b, 8, 2 * c.height);
  put16(b, 12, 1);
  put16(b, 14, static_cast<std::uint16_t>(bits));
  for (unsigned y = 0; y < c.height; ++y) {
    const std::size_t row = 40 + (c.height - 1 - y) * xor_stride;
    const std::size_t mask = 40 + xor_stride * c.height + (c.height - 1 - y) * and_stride;
    for (unsigned x = 0; x < c.width; ++x) {
      const Rgba p = c.px[y * c.width + x];
      const std::size_t at = row + x * (bits / 8);
      b[at] = static_cast<char>(p.b);
      b[at + 1] = static_cast<char>(p.g);
      b[at + 2] = static_cast<char>(p.r);
      if (alpha) b[at + 3] = static_cast<char>(p.a);
      if (p.a == 0) b[mask + x / 8] = static_cast<char>(b[mask + x / 8] | (0x80 >> (x % 8)));
    }
  }
  return b;
}

/// The icon as a PNG file (libpng's simplified writer).
inline std::string png(const Canvas& c) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = c.width;
  image.height = c.height;
  image.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, c.px.data(), 0, nullptr)) return {};
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, c.px.data(), 0, nullptr)) return {};
  out.resize(size);
  return out;
}

/// A PE whose one icon group holds `image` (a DIB or PNG) as its only, `side`-pixel size.
inline std::string pe_with_icon(const std::string& image, unsigned side) {
  PeSpec s;
  s.certificate = false;
  s.resources = {{14, 101, icon_group({{side & 0xFF, side & 0xFF, 32, 1}})}, {3, 1, image}};
  return build_pe(s);
}

}  // namespace lg::pe::testing
