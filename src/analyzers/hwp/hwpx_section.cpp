// HWPX body parts (KS X 6101 clause 10): paragraphs (hp:p), runs (hp:run), text (hp:t) and
// fields (hp:fieldBegin, 10.7.2).
#include "analyzers/hwp/hwpx_section.h"

#include "analyzers/hwp/hwp_format.h"
#include "core/ascii.h"
#include "formats/xml/xml_util.h"

namespace lg {
namespace {

// The target of a HYPERLINK field: parameters/stringParam name="Command" or "Path".
std::string hyperlink_target(const pugi::xml_node& field) {
  std::string command, path;
  std::size_t looked = 0;
  for (pugi::xml_node params = field.first_child(); params && looked < kMaxHwpxFieldParams;
       params = params.next_sibling(), ++looked) {
    if (xml::local_name(params.name()) != "parameters") continue;
    for (pugi::xml_node p = params.first_child(); p && looked < kMaxHwpxFieldParams;
         p = p.next_sibling(), ++looked) {
      if (xml::local_name(p.name()) != "stringParam") continue;
      const std::string name = xml::attr(p, "name");
      if (iequals(name, "Command") && command.empty()) command = p.text().get();
      if (iequals(name, "Path") && path.empty()) path = p.text().get();
    }
  }
  if (!command.empty()) {
    std::string target = hwp_hyperlink_target(command);
    if (!target.empty()) return target;
  }
  return path;
}

}  // namespace

HwpxSection read_hwpx_section(std::string_view xml_text) {
  HwpxSection out;
  pugi::xml_document doc;
  out.well_formed = xml::parse_xml(xml_text, doc);
  if (!out.well_formed && !xml::parse_xml_partial(xml_text, doc)) return out;
  bool pending_break = false;  // a paragraph ended: the next text starts a new line
  auto append = [&](std::string_view s) {
    if (s.empty()) return;
    if (pending_break && !out.text.empty()) out.text += '\n';
    pending_break = false;
    out.text += s;
  };
  auto on_leave = [&](const pugi::xml_node& n) {
    if (n.type() == pugi::node_element && xml::local_name(n.name()) == "p") {
      ++out.paragraphs;
      pending_break = true;
    }
  };
  std::size_t visited = 0;
  for (pugi::xml_node n = doc.first_child(); n; n = xml::next_in_order(doc, n, on_leave)) {
    if (++visited > xml::kMaxNodesPerPart) {
      out.capped = true;
      break;
    }
    const pugi::xml_node_type type = n.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      if (xml::local_name(n.parent().name()) == "t") append(n.value());
      continue;
    }
    if (type != pugi::node_element) continue;
    const std::string_view name = xml::local_name(n.name());
    if (xml::local_name(n.parent().name()) == "t") {
      if (name == "tab")
        append("\t");
      else if (name == "lineBreak")
        append("\n");
      else if (name == "nbSpace" || name == "fwSpace")
        append(" ");
      else if (name == "hyphen")
        append("-");
    } else if (name == "fieldBegin" && iequals(xml::attr(n, "type"), "HYPERLINK") &&
               out.hyperlinks.size() < kMaxHwpxSectionLinks) {
      std::string target = hyperlink_target(n);
      if (!target.empty()) out.hyperlinks.push_back(std::move(target));
    }
  }
  return out;
}

}  // namespace lg
