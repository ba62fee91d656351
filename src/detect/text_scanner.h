#pragma once
/// The text detectors, run by the engine once over every piece of text and every link that
/// the analyzers report. Immutable after construction; shared by all scanning threads.
#include <string_view>

#include "core/analyzer.h"
#include "detect/observables.h"

namespace lg {

/// Receives what the detectors find for one object.
class DetectorSink {
 public:
  virtual ~DetectorSink() = default;
  virtual void finding(Symbol s, Evidence e) = 0;
  virtual Observables& observables() = 0;
  /// The object the text belongs to (for observables' object_id).
  [[nodiscard]] virtual int object_id() const = 0;
};

class TextScanner {
 public:
  TextScanner();
  /// Extracts URLs (plain, defanged), domains, e-mail addresses and IPs from `utf8`.
  void scan_text(TextKind kind, std::string_view utf8, DetectorSink& sink) const;
  /// Records a hyperlink, and reports URL_TEXT_MISMATCH when `visible_text` names another
  /// domain than `href` goes to.
  void scan_link(std::string_view href, std::string_view visible_text, DetectorSink& sink) const;
};

}  // namespace lg
