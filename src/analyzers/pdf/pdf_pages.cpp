// Page tree walk: ISO 32000-1 7.7.2 (catalog /Pages), 7.7.3.2 (/Kids), 7.7.3.4 (inheritance).
#include "analyzers/pdf/pdf_pages.h"

#include <set>
#include <utility>

namespace lg {
namespace {

constexpr std::size_t kMaxTreeNodes = 1u << 20;  // page tree nodes visited

}  // namespace

std::vector<PdfPage> pdf_pages(const PdfDocument& doc) {
  std::vector<PdfPage> pages;
  const PdfObject* root = doc.get(doc.trailer(), "Root");
  const PdfObject* top = root && root->is_dict() ? doc.get(*root, "Pages") : nullptr;
  if (top && top->is_dict()) {
    // The stack holds kids in reverse so pages come out in document order.
    std::vector<std::pair<const PdfObject*, const PdfObject*>> stack{{top, nullptr}};
    std::set<const PdfObject*> seen;
    std::size_t nodes = 0;
    while (!stack.empty() && pages.size() < kPdfMaxPages && nodes++ < kMaxTreeNodes) {
      auto [node, inherited] = stack.back();
      stack.pop_back();
      if (node == nullptr || !node->is_dict() || !seen.insert(node).second) continue;
      const PdfObject* res = doc.get(*node, "Resources");
      if (res == nullptr || !res->is_dict()) res = inherited;
      const PdfObject* kids = doc.get(*node, "Kids");
      const PdfObject* type = doc.get(*node, "Type");
      if (kids && kids->is_array() && !(type && type->is_name("Page"))) {
        for (std::size_t i = kids->items.size(); i-- > 0;) {
          stack.emplace_back(doc.resolve(&kids->items[i]), res);
        }
      } else {
        pages.push_back({node, res});
      }
    }
  }
  if (!pages.empty()) return pages;
  for (const auto& [num, e] : doc.objects()) {
    if (pages.size() >= kPdfMaxPages) break;
    const PdfObject* type = e.object.get("Type");
    if (type && type->is_name("Page")) {
      const PdfObject* res = doc.get(e.object, "Resources");
      pages.push_back({&e.object, res && res->is_dict() ? res : nullptr});
    }
  }
  return pages;
}

}  // namespace lg
