// SpreadsheetML workbook sheets, defined names and macro-sheet formulas (ECMA-376 Part 1
// §18.2.19, §18.2.5, §18.3.1.40 f); walked in document order without recursion.
#include "analyzers/ooxml/xlm_sheets.h"

#include "analyzers/ooxml/xml_util.h"
#include "formats/xls/biff_workbook.h"

namespace lg::ooxml {

WorkbookInfo read_workbook_xml(const pugi::xml_document& doc) {
  WorkbookInfo info;
  const pugi::xml_node root = first_element(doc);
  std::size_t nodes = 0;
  for (pugi::xml_node n = root; n && nodes < kMaxNodesPerPart;
       n = next_in_order(
           root, n, [](const pugi::xml_node&) {}),
                      ++nodes) {
    if (n.type() != pugi::node_element) continue;
    const std::string_view local = local_name(n.name());
    if (local == "sheet" && info.sheets.size() < xls::kMaxBiffSheets) {
      WorkbookSheet s;
      s.name = clean_utf8(attr(n, "name"), 256);
      const std::string state = attr(n, "state");
      s.state = state == "veryHidden" ? xls::SheetState::kVeryHidden
                : state == "hidden"   ? xls::SheetState::kHidden
                                      : xls::SheetState::kVisible;
      s.rel_id = attr(n, "id");
      info.sheets.push_back(std::move(s));
    } else if (local == "definedName" && info.names.size() < xls::kMaxBiffNames) {
      std::string name = clean_utf8(attr(n, "name"), 256);
      const bool builtin = name.starts_with("_xlnm.");
      if (builtin) name = name.substr(6);
      info.names.push_back({std::move(name), clean_utf8(n.child_value(), 4096), builtin});
    }
  }
  return info;
}

void read_macro_sheet_formulas(const pugi::xml_document& doc, std::string_view sheet,
                               xls::XlmMacros& m) {
  const pugi::xml_node root = first_element(doc);
  std::size_t nodes = 0;
  for (pugi::xml_node n = root; n && nodes < kMaxNodesPerPart;
       n = next_in_order(
           root, n, [](const pugi::xml_node&) {}),
                      ++nodes) {
    if (n.type() != pugi::node_element || local_name(n.name()) != "c") continue;
    // §18.3.1.4 c: t="str" caches the formula's string result in <v>, the payload that
    // the formula assembles.
    const bool str_result = attr(n, "t") == "str";
    std::string value;
    if (str_result)
      for (pugi::xml_node v = n.first_child(); v; v = v.next_sibling())
        if (local_name(v.name()) == "v")
          value = clean_utf8(v.child_value(), xls::kMaxXlmValueBytes);
    for (pugi::xml_node f = n.first_child(); f; f = f.next_sibling()) {
      if (local_name(f.name()) != "f" || !*f.child_value()) continue;
      ++m.formula_count;
      if (m.cells.size() < xls::kMaxXlmCells) {
        m.cells.push_back({std::string(sheet), clean_utf8(attr(n, "r"), 32),
                           clean_utf8(f.child_value(), 8192), value});
      }
    }
  }
}

}  // namespace lg::ooxml
