#pragma once
/// The page tree (ISO 32000-1 7.7.3): leaves in document order with their inherited
/// /Resources (7.7.3.4). Walked with an explicit stack and a visited set, so cycles and deep
/// trees in the input are harmless.
#include <vector>

#include "analyzers/pdf/pdf_document.h"

namespace lg {

/// Pages listed beyond this are not visited.
inline constexpr std::size_t kPdfMaxPages = 100000;

struct PdfPage {
  const PdfObject* page = nullptr;
  const PdfObject* resources = nullptr;  // own or inherited; nullptr when none
};

/// The pages reachable from the catalog's /Pages; when the tree is missing or broken, every
/// object of /Type /Page instead (in object order).
std::vector<PdfPage> pdf_pages(const PdfDocument& doc);

}  // namespace lg
