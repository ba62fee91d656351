// The document-icon rule, measured on the icon's near-white pixels (each channel 200 or more,
// channels within 40 of each other; alpha 128 or more), the paper of a page:
//  - page: their bounding box is portrait, height/width within [1.15, 1.70] (letter paper is
//    1.29, A4 1.41; icon artists draw pages from about 1.2 to 1.4), and opaque pixels fill at
//    least 70% of it (a page is a filled rectangle less its folded corner);
//  - paper: at least 35% of the box's opaque pixels are near-white, where application icons
//    are coloured artwork;
//  - the page is the icon: the box is at least half the area of the box of all opaque pixels.
//    Measuring the paper rather than the whole icon keeps an Office file icon a page: its
//    letter tile sticks out of the page's left edge and makes the whole icon about square.
// Evidence beside the rule: a folded top-right corner (the corner triangle of the paper's box,
// legs a fifth of its shorter side, at least half not paper, while the bottom-right one is at
// most a fifth not paper), and the colour family of the saturated pixels (chroma 60 or more):
// PDF red (hue 345-8), PowerPoint orange (8-40), Excel green (85-165), Hangul blue-green
// (165-200), Word blue (200-250), named when that hue range holds at least 3% of the opaque
// pixels and half of the saturated ones.
//
// Measured on the Adwaita and hicolor themes Debian ships (document_icon_test.cpp, ThemeIcons:
// 24x24, 32x32, 48x48 and the few 256x256 PNGs). Every icon drawn as a page is a document
// (x-office-document, -spreadsheet, -drawing and their templates, text-x-generic, -script,
// -preview, text-html, font-x-generic, and the zipped page of package-x-generic: the rule finds
// a file drawn as a page, which an archive icon also is): aspect 1.23-1.31, fill 0.91-0.96,
// 57-100% near-white, all but the zipped page with a folded corner. No other icon is: folders,
// places and application-x-executable, -addon, -sharedlib have no paper at all; image, video
// and certificate icons are landscape (0.76-0.94); the projector screen of
// x-office-presentation is 0.85-0.92; the dark book of x-office-address-book (1.06-1.11, 24-26%
// near-white), user-trash (0.94-0.96), the calendar (1.00-1.14, the closest), gvim and openjdk
// (square) neither. Real programs' main icons on the same machine: 56 pip launchers (a script
// page under the Python logo, whose light box is square: aspect 1.02) and 7 installers among
// ClamAV's test files (InstallShield, NSIS, AutoIt; the NSIS disc comes closest, aspect 1.39 but
// 29% near-white): none is a document.
#include "analyzers/executable/document_icon.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace lg::pe {
namespace {

constexpr std::uint8_t kOpaqueAlpha = 128;
constexpr int kLightMin = 200, kLightSpread = 40;
constexpr int kSaturatedChroma = 60;
constexpr double kMinFamilyShare = 0.03, kMinFamilyOfSaturated = 0.5;
constexpr double kFoldClear = 0.5, kWholeClear = 0.2;

struct Family {
  const char* name;
  double from, to;  // hue in degrees, [from, to)
};
constexpr std::array<Family, 6> kFamilies = {{
    {"PDF red", 345, 360},
    {"PDF red", 0, 8},
    {"PowerPoint orange", 8, 40},
    {"Excel green", 85, 165},
    {"Hangul blue-green", 165, 200},
    {"Word blue", 200, 250},
}};

// A bounding box, empty until a pixel is added.
struct Box {
  std::uint32_t x0 = UINT32_MAX, y0 = UINT32_MAX, x1 = 0, y1 = 0;
  void add(std::uint32_t x, std::uint32_t y) {
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
  }
  bool empty() const { return x0 > x1; }
  std::uint32_t width() const { return x1 - x0 + 1; }
  std::uint32_t height() const { return y1 - y0 + 1; }
  double area() const { return static_cast<double>(width()) * height(); }
};

double hue(int r, int g, int b) {
  const int mx = std::max({r, g, b}), mn = std::min({r, g, b});
  const double c = mx - mn;
  double h;
  if (mx == r)
    h = std::fmod((g - b) / c + 6.0, 6.0);
  else if (mx == g)
    h = (b - r) / c + 2.0;
  else
    h = (r - g) / c + 4.0;
  return h * 60.0;
}

}  // namespace

std::optional<IconShape> measure_icon(const IconImage& icon) {
  const std::uint32_t w = icon.width, h = icon.height;
  if (icon.rgba.size() != std::size_t{w} * h * 4) return std::nullopt;
  auto px = [&](std::uint32_t x, std::uint32_t y) {
    return &icon.rgba[(std::size_t{y} * w + x) * 4];
  };
  auto opaque = [&](std::uint32_t x, std::uint32_t y) { return px(x, y)[3] >= kOpaqueAlpha; };
  auto light = [&](std::uint32_t x, std::uint32_t y) {
    const std::uint8_t* p = px(x, y);
    const int mx = std::max({p[0], p[1], p[2]}), mn = std::min({p[0], p[1], p[2]});
    return p[3] >= kOpaqueAlpha && mn >= kLightMin && mx - mn <= kLightSpread;
  };
  // The icon's box (its opaque pixels) and the paper's box (its near-white ones).
  Box icon_box, paper;
  std::size_t saturated = 0, opaque_pixels = 0;
  std::array<std::size_t, kFamilies.size()> by_family{};
  for (std::uint32_t y = 0; y < h; ++y) {
    for (std::uint32_t x = 0; x < w; ++x) {
      if (!opaque(x, y)) continue;
      ++opaque_pixels;
      icon_box.add(x, y);
      if (light(x, y)) paper.add(x, y);
      const std::uint8_t* p = px(x, y);
      const int mx = std::max({p[0], p[1], p[2]}), mn = std::min({p[0], p[1], p[2]});
      if (mx - mn < kSaturatedChroma) continue;
      ++saturated;
      const double hh = hue(p[0], p[1], p[2]);
      for (std::size_t f = 0; f < kFamilies.size(); ++f)
        if (hh >= kFamilies[f].from && hh < kFamilies[f].to) ++by_family[f];
    }
  }
  if (icon_box.empty() || icon_box.width() < kMinJudgedSide || icon_box.height() < kMinJudgedSide)
    return std::nullopt;
  IconShape s;
  // The two "PDF red" ranges count as one family.
  by_family[0] += by_family[1];
  by_family[1] = 0;
  const auto best = std::max_element(by_family.begin(), by_family.end());
  if (*best >= kMinFamilyShare * opaque_pixels && *best >= kMinFamilyOfSaturated * saturated) {
    s.family = kFamilies[static_cast<std::size_t>(best - by_family.begin())].name;
    s.family_share = static_cast<double>(*best) / opaque_pixels;
  }
  if (paper.empty()) return s;

  s.box_width = paper.width();
  s.box_height = paper.height();
  s.aspect = static_cast<double>(s.box_height) / s.box_width;
  s.coverage = paper.area() / icon_box.area();
  std::size_t inside = 0, paper_pixels = 0;
  for (std::uint32_t y = paper.y0; y <= paper.y1; ++y) {
    for (std::uint32_t x = paper.x0; x <= paper.x1; ++x) {
      if (!opaque(x, y)) continue;
      ++inside;
      if (light(x, y)) ++paper_pixels;
    }
  }
  s.fill = inside / paper.area();
  s.light = static_cast<double>(paper_pixels) / static_cast<double>(inside);

  // The corner triangles of the paper's box, (distance along x) + (along y) < a fifth of its
  // shorter side: a folded page has its top-right corner cut off (not paper) and its bottom-right
  // one whole but for rounding (round or slanted shapes have both cut; the left corners may
  // be hidden by the letter tile of an Office file icon).
  if (s.box_width < kMinJudgedSide || s.box_height < kMinJudgedSide) return s;
  const std::uint32_t k = std::min(s.box_width, s.box_height) / 5;  // 3 or more
  auto clear_share = [&](bool top) {
    std::size_t corner = 0, clear = 0;
    for (std::uint32_t dy = 0; dy < k; ++dy) {
      for (std::uint32_t dx = 0; dx + dy < k; ++dx) {
        ++corner;
        if (!light(paper.x1 - dx, top ? paper.y0 + dy : paper.y1 - dy)) ++clear;
      }
    }
    return static_cast<double>(clear) / static_cast<double>(corner);
  };
  s.folded_corner = clear_share(true) >= kFoldClear && clear_share(false) < kWholeClear;
  return s;
}

bool looks_like_document(const IconShape& s) {
  return s.aspect >= kMinPageAspect && s.aspect <= kMaxPageAspect && s.fill >= kMinPageFill &&
         s.light >= kMinPaperLight && s.coverage >= kMinPaperCoverage;
}

std::string describe(const IconShape& s) {
  char buf[160];
  std::snprintf(
      buf, sizeof buf, "paper %ux%u (aspect %.2f, fill %.2f, %d%% of the icon), %d%% near-white",
      s.box_width, s.box_height, s.aspect, s.fill, static_cast<int>(std::lround(s.coverage * 100)),
      static_cast<int>(std::lround(s.light * 100)));
  std::string out = buf;
  if (s.folded_corner) out += ", folded corner";
  if (!s.family.empty())
    out += ", " + s.family + " " + std::to_string(std::lround(s.family_share * 100)) + "%";
  else
    out += ", no document colour";
  return out;
}

}  // namespace lg::pe
