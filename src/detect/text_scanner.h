#pragma once
/// The text detectors, run by the engine once over every piece of text and every link that
/// the analyzers report. Immutable after construction; shared by all scanning threads.
#include <string_view>

#include "core/analyzer.h"
#include "detect/crypto_scanner.h"
#include "detect/host.h"
#include "detect/observables.h"
#include "detect/url_extractor.h"

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
  /// `sanctions` (may be null) is kept by pointer and must outlive the scanner.
  explicit TextScanner(const SanctionsList* sanctions = nullptr);
  TextScanner(const TextScanner&) = delete;  // the extractor refers to hosts_
  TextScanner& operator=(const TextScanner&) = delete;

  /// Extracts URLs (plain, defanged), domains, e-mail addresses and IPs from `utf8` into
  /// sink.observables(); see UrlExtractor::extract for what counts. Bare domain names are not
  /// taken from script and macro source (kScript, kMacro). A defanged indicator (hxxp, [.])
  /// is normalized, marked, and reported once per text as URL_DEFANGED. The crypto
  /// detectors (CryptoScanner) see every text: addresses, screened; recovery phrases; keys.
  void scan_text(TextKind kind, std::string_view utf8, DetectorSink& sink) const;
  /// Records a hyperlink (see UrlExtractor::parse_href) with its visible text, and reports
  /// URL_TEXT_MISMATCH when `visible_text` shows a URL or domain whose registered domain
  /// differs from the target's (for mailto: links, an address in another domain).
  void scan_link(std::string_view href, std::string_view visible_text, DetectorSink& sink) const;

 private:
  HostNormalizer hosts_;
  UrlExtractor extractor_;
  CryptoScanner crypto_;
};

}  // namespace lg
