#pragma once
/// HTML reduced to the text a reader sees: tags stripped, script/style dropped, entities
/// decoded (named, decimal, hex), block elements as line breaks, whitespace collapsed;
/// links kept with their visible text. Tolerant of any malformed markup; linear time.
#include <string>
#include <string_view>
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

/// `html` must already be UTF-8.
HtmlText html_to_text(std::string_view html);

/// Decodes HTML character references in `s` ("&amp;", "&#x41;", "&eacute;").
std::string decode_html_entities(std::string_view s);

}  // namespace lg
