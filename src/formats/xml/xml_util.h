#pragma once
/// pugixml helpers for the XML parts of ZIP-based documents (OOXML, HWPX): parsing without DOCTYPE
/// nodes (pugixml expands only the five XML built-in entities and character references, never
/// fetches anything), namespace prefixes ignored by local name, and iterative document-order
/// traversal (never recursion on input nesting).
#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace lg::xml {

/// Most elements visited in one part; a part with more is read up to here.
inline constexpr std::size_t kMaxNodesPerPart = 4'000'000;

/// Parses `xml`; false when it is not well formed (pugixml keeps what it read before the
/// error, and callers may still use `doc` in that case: see parse_xml_partial).
bool parse_xml(std::string_view xml, pugi::xml_document& doc);
/// Parses `xml`, keeping the part read before any error; true when anything was read.
bool parse_xml_partial(std::string_view xml, pugi::xml_document& doc);

/// At most `max_bytes` of `s` as well-formed UTF-8 (ill-formed sequences, and a character cut
/// by the limit, become U+FFFD): part names and XML content are untrusted bytes, and pugixml
/// does not validate UTF-8.
std::string clean_utf8(std::string_view s, std::size_t max_bytes = 4096);

/// "w:instrText" -> "instrText".
std::string_view local_name(const char* qualified);
/// The first element child of `n` (the document element for a document).
pugi::xml_node first_element(const pugi::xml_node& n);
/// The value of the attribute whose local name is `name` ("" when absent).
std::string attr(const pugi::xml_node& e, std::string_view name);

/// Next node in document order below `root`, or null when the walk is done. When
/// `on_leave` is non-null it is called for each element the walk leaves, so callers can
/// close paragraphs.
template <class OnLeave>
pugi::xml_node next_in_order(const pugi::xml_node& root, pugi::xml_node n, OnLeave&& on_leave) {
  if (pugi::xml_node c = n.first_child()) return c;
  // Leaving n and its ancestors until one has a next sibling.
  while (n && n != root) {
    on_leave(n);
    if (pugi::xml_node s = n.next_sibling()) return s;
    n = n.parent();
  }
  return pugi::xml_node();
}

}  // namespace lg::xml
