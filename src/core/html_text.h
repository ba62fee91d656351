#pragma once
/// HTML reduced to the text a reader sees: tags stripped, script/style dropped, entities
/// decoded (named, decimal, hex), block elements as line breaks, whitespace collapsed;
/// links kept with their visible text. Tolerant of any malformed markup; linear time.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lg {

struct HtmlLink {
  std::string href;          // entity-decoded attribute value
  std::string visible_text;  // text between <a ...> and </a>, collapsed
};

struct HtmlText {
  std::string text;             // UTF-8
  std::vector<HtmlLink> links;  // <a href>, <area href>, <form action> (visible text empty)
};

/// A start tag and its attributes, for analyzers that judge markup (scripts, forms, objects).
struct HtmlElement {
  std::string name;  // lower case
  /// In source order; names lower case, values entity-decoded (empty for a bare attribute).
  std::vector<std::pair<std::string, std::string>> attributes;
  /// Raw source between the start tag and its end tag, for <script> and <object> only.
  std::string content;
  /// The first attribute of that (lower-case) name, or nullptr.
  const std::string* attribute(std::string_view name) const;
};

inline constexpr std::size_t kMaxHtmlElements = 50000;
inline constexpr std::size_t kMaxHtmlAttributes = 64;  // per element

/// `html` must already be UTF-8.
HtmlText html_to_text(std::string_view html);
/// The same, also appending every start tag to `elements` (at most kMaxHtmlElements, each with
/// at most kMaxHtmlAttributes attributes), in source order.
HtmlText html_to_text(std::string_view html, std::vector<HtmlElement>& elements);

/// Decodes HTML character references in `s` ("&amp;", "&#x41;", "&eacute;").
std::string decode_html_entities(std::string_view s);

}  // namespace lg
