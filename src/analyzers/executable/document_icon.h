#pragma once
/// Internal to the PE analyzer: does a program's icon look like a document's? A lure that is
/// a program wears the icon of what it pretends to be (threats.md: "a document-like name or
/// icon on an executable"; ATT&CK T1036.008). The judgement is a measured shape, not a match
/// against reference images, so that it explains itself and covers icons never seen before.
#include <optional>
#include <string>

#include "analyzers/executable/icon_image.h"

namespace lg::pe {

/// What the icon was measured to be; every field is reported as evidence.
struct IconShape {
  std::uint32_t box_width = 0, box_height = 0;  // bounding box of the near-white pixels
  double aspect = 0;           // box height / width: a portrait page is 1.29 (letter) to 1.41 (A4)
  double fill = 0;             // opaque share of the box: a page fills it but for a folded corner
  double light = 0;            // near-white share of the box's opaque pixels: the paper
  double coverage = 0;         // the box's area over the whole icon's (its opaque pixels') box
  bool folded_corner = false;  // the box's top-right corner is cut off or drawn apart
  std::string family;          // the dominant colour's document family, or empty
  double family_share = 0;     // that colour's share of the opaque pixels
};

// Thresholds of the rule (see document_icon.cpp for how they were measured).
inline constexpr double kMinPageAspect = 1.15, kMaxPageAspect = 1.70;
inline constexpr double kMinPageFill = 0.70;
inline constexpr double kMinPaperLight = 0.35;
inline constexpr double kMinPaperCoverage = 0.5;
inline constexpr std::uint32_t kMinJudgedSide = 16;  // a smaller box says nothing about shape

/// Measures `icon`; nullopt when its opaque pixels span less than kMinJudgedSide either way.
/// Without near-white pixels only the colour family is measured.
std::optional<IconShape> measure_icon(const IconImage& icon);

/// The rule: the near-white pixels span a portrait page (aspect within [kMinPageAspect,
/// kMaxPageAspect], fill at least kMinPageFill) that is mostly paper (light at least
/// kMinPaperLight) and most of the icon (coverage at least kMinPaperCoverage). The folded
/// corner and the colour family are evidence, not conditions.
bool looks_like_document(const IconShape& shape);

/// One line of evidence: "paper 36x46 (aspect 1.28, fill 0.97, 81% of the icon), 71%
/// near-white, folded corner, Word blue 12%".
std::string describe(const IconShape& shape);

}  // namespace lg::pe
