#pragma once
/// Internal to the HWPX analyzer: one body part (Contents/section<N>.xml, KS X 6101 10 "body
/// schema") read into its paragraph text and hyperlink targets. Pure function over the XML.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct HwpxSection {
  std::string text;                     // paragraphs joined with "\n"
  std::int64_t paragraphs = 0;          // hp:p elements
  std::vector<std::string> hyperlinks;  // HYPERLINK field targets, in document order
  bool well_formed = true;              // false: the XML broke off (what came before is kept)
  bool capped = false;                  // xml::kMaxNodesPerPart nodes were visited
};

/// Most hyperlink targets kept from one section.
inline constexpr std::size_t kMaxHwpxSectionLinks = 10'000;
/// Most parameter elements looked at under one field.
inline constexpr std::size_t kMaxHwpxFieldParams = 64;

/// Reads a section part: text of hp:t runs (10.8.x: hp:tab -> '\t', hp:lineBreak -> '\n',
/// hp:nbSpace and hp:fwSpace -> ' ', hp:hyphen -> '-'), one line per hp:p; hyperlinks from
/// hp:fieldBegin type="HYPERLINK" (10.7.2.3): the "Command" string parameter unescaped as in
/// HWP 5 ("http\://x;1;0;0;" -> "http://x"), else the "Path" parameter. Namespace prefixes
/// are ignored (local names). Iterative; at most xml::kMaxNodesPerPart nodes.
HwpxSection read_hwpx_section(std::string_view xml);

}  // namespace lg
