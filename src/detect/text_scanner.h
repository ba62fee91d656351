#pragma once
/// The text detectors, run by the engine once over every piece of text and every link that
/// the analyzers report. Immutable after construction; shared by all scanning threads.
#include <string_view>

#include "core/analyzer.h"
#include "detect/crypto_scanner.h"
#include "detect/host.h"
#include "detect/link_checks.h"
#include "detect/lookalike.h"
#include "detect/observables.h"
#include "detect/treasury.h"
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
  /// `sanctions`, `lookalike` and `treasury` (each may be null: that check is off) are kept
  /// by pointer and must outlive the scanner.
  /// `services` classifies link hosts (shorteners, code hosts, file sharing).
  explicit TextScanner(const SanctionsList* sanctions = nullptr,
                       const LookalikeChecker* lookalike = nullptr,
                       const TreasuryChecker* treasury = nullptr,
                       HostServices services = HostServices::builtin());
  TextScanner(const TextScanner&) = delete;  // the extractor refers to hosts_
  TextScanner& operator=(const TextScanner&) = delete;

  /// Extracts URLs (plain, defanged), domains, e-mail addresses and IPs from `utf8` into
  /// sink.observables(); see UrlExtractor::extract for what counts. Bare domain names are not
  /// taken from script and macro source (kScript, kMacro). A defanged indicator (hxxp, [.])
  /// is normalized, marked, and reported once per text as URL_DEFANGED. The crypto
  /// detectors (CryptoScanner) see every text: addresses, screened; recovery phrases; keys.
  /// Each new domain of the input (URL hosts, e-mail domains, bare names) is checked against
  /// the protected brands once (DOMAIN_LOOKALIKE, DOMAIN_BRAND_EMBEDDED, DOMAIN_MIXED_SCRIPT),
  /// and each new URL by check_link (LINK_*); defanged indicators are written to be read, not
  /// followed, and are not checked.
  void scan_text(TextKind kind, std::string_view utf8, DetectorSink& sink) const;
  /// Records a hyperlink (see UrlExtractor::parse_href) with its visible text, and reports
  /// URL_TEXT_MISMATCH when `visible_text` shows a URL or domain whose registered domain
  /// differs from the target's (for mailto: links, an address in another domain).
  /// The target gets the same domain and link checks as a URL in text, with any data: target
  /// counting.
  void scan_link(std::string_view href, std::string_view visible_text, DetectorSink& sink) const;

  /// The brand checks for a sender's domain and display name (lookalike.h), or nothing when
  /// the scanner has no brands. The caller reports them (once per message).
  [[nodiscard]] std::vector<BrandMatch> check_domain(std::string_view domain) const;
  [[nodiscard]] std::optional<BrandMatch> check_display_name(std::string_view display_name,
                                                             std::string_view address_domain) const;
  /// The service a link host belongs to (the same lists the LINK_* checks use).
  [[nodiscard]] HostService host_service(std::string_view ascii_host) const {
    return services_.of(ascii_host);
  }

 private:
  // Records `e` in the observables and runs the domain and link checks on what is new.
  void record(const Extracted& e, bool defanged, bool is_href, std::string_view visible_text,
              DetectorSink& sink) const;

  HostNormalizer hosts_;
  UrlExtractor extractor_;
  CryptoScanner crypto_;
  const LookalikeChecker* lookalike_;
  HostServices services_;
};

/// Evidence for a brand match on `domain` (ASCII form; `unicode` shown too when it differs).
Evidence brand_evidence(const BrandMatch& m, std::string_view domain, std::string_view unicode);

}  // namespace lg
