#pragma once
/// Test helper: one input through lg::Scan with the real analyzer registry, scored as the
/// engine scores it, and questions on the report. Header-only, never linked into the product.
#include <string>
#include <string_view>

#include "core/hash.h"
#include "core/testing/test_files.h"
#include "detect/text_scanner.h"
#include "engine/config.h"
#include "engine/registry.h"
#include "engine/scan.h"
#include "engine/scoring.h"
#include "report/report.h"

namespace lg::testing {

inline Report scan_bytes(std::string_view name, std::string_view bytes) {
  static const Config config = default_config();
  static const TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report, make_analyzer);
  scan.run(name, as_bytes(bytes));
  score_report(config.scoring, report);
  return report;
}

/// True when an object below the root has this SHA-256 (lower-case hex).
inline bool has_descendant(const Report& r, const std::string& sha256) {
  for (const auto& o : r.objects)
    if (o.parent >= 0 && o.sha256 == sha256) return true;
  return false;
}

inline const Finding* find_symbol(const Report& r, std::string_view symbol) {
  for (const auto& f : r.findings)
    if (f.symbol == symbol) return &f;
  return nullptr;
}

}  // namespace lg::testing
