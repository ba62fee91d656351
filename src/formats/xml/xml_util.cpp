#include "formats/xml/xml_util.h"

#include "core/utf8.h"

namespace lg::xml {
namespace {

// pugixml's defaults without DOCTYPE nodes (parse_doctype is off in parse_default; stated
// here so a later change keeps it off). Character references and the built-in entities are
// expanded; user-defined entities are not (pugixml has no DTD processing at all).
constexpr unsigned kParseOptions = pugi::parse_default & ~pugi::parse_doctype;

}  // namespace

bool parse_xml(std::string_view xml, pugi::xml_document& doc) {
  const pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_auto);
  return static_cast<bool>(r);
}

bool parse_xml_partial(std::string_view xml, pugi::xml_document& doc) {
  doc.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_auto);
  return static_cast<bool>(doc.first_child());
}

std::string clean_utf8(std::string_view s, std::size_t max_bytes) {
  return repair_utf8(s.substr(0, max_bytes));
}

std::string_view local_name(const char* qualified) {
  std::string_view q = qualified ? qualified : "";
  const auto colon = q.find(':');
  return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

pugi::xml_node first_element(const pugi::xml_node& n) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return pugi::xml_node();
}

std::string attr(const pugi::xml_node& e, std::string_view name) {
  for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == name) return a.value();
  }
  return {};
}

}  // namespace lg::xml
