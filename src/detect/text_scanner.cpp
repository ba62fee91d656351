#include "detect/text_scanner.h"

#include <vector>

#include "detect/defang.h"
#include "detect/link_checks.h"
#include "detect/text_chars.h"
#include "detect/url_build.h"

namespace lg {
namespace {

constexpr std::size_t kMaxVisibleTextBytes = 1024;  // kept with a link observable

// True when `s` holds a byte any indicator needs: '.', ':' or '@', or a bracket that may start
// a defanged "[dot]"/"[at]". Most text has one, but a quick pass rules out short fields.
bool worth_scanning(std::string_view s) {
  return text_chars::find_any_of<'.', ':', '@', '[', '(', '{'>(s, 0) < s.size();
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Evidence brand_evidence(const BrandMatch& m, std::string_view domain, std::string_view unicode) {
  std::string value(domain);
  if (!unicode.empty() && unicode != domain) value = std::string(unicode) + " (" + value + ")";
  return Evidence{std::move(value), m.detail};
}

TextScanner::TextScanner(const SanctionsList* sanctions, const LookalikeChecker* lookalike,
                         const TreasuryChecker* treasury, HostServices services)
    : extractor_(hosts_),
      crypto_(sanctions, treasury),
      lookalike_(lookalike),
      services_(std::move(services)) {}

std::vector<BrandMatch> TextScanner::check_domain(std::string_view domain) const {
  if (lookalike_ == nullptr) return {};
  return lookalike_->check_domain(domain);
}

std::optional<BrandMatch> TextScanner::check_display_name(std::string_view display_name,
                                                          std::string_view address_domain) const {
  if (lookalike_ == nullptr) return std::nullopt;
  return lookalike_->check_display_name(display_name, address_domain);
}

void TextScanner::record(const Extracted& e, bool defanged, bool is_href,
                         std::string_view visible_text, DetectorSink& sink) const {
  Observables& obs = sink.observables();
  int object_id = sink.object_id();
  bool new_url = false;
  switch (e.kind) {
    case ExtractKind::kUrl: {
      if (obs.has_url(e.value)) break;  // a repeat: nothing to build
      UrlObservable u;
      u.url = e.value;
      u.host = e.host.ascii;
      u.host_unicode = e.host.unicode;
      u.visible_text = std::string(visible_text);
      url_build::truncate_utf8(u.visible_text, kMaxVisibleTextBytes);
      u.defanged = defanged;
      u.object_id = object_id;
      new_url = obs.add_url(std::move(u));
      break;
    }
    case ExtractKind::kEmail:
      if (!obs.has_email(e.value)) obs.add_email(e.value, object_id);
      break;
    case ExtractKind::kDomain:
    case ExtractKind::kIp:
      break;
  }
  if (new_url && !defanged) {
    std::vector<LinkIssue> issues;
    check_link(e, is_href, services_, issues);
    for (LinkIssue& i : issues) sink.finding(i.symbol, Evidence{e.value, std::move(i.detail)});
  }
  if (e.host.ascii.empty()) return;
  if (e.host.kind != HostKind::kName) {
    if (!obs.has_ip(e.host.ascii)) obs.add_ip(e.host.ascii, object_id);
    return;
  }
  // The observables are the per-input cache: a domain is checked the first time it is seen.
  if (obs.has_domain(e.host.ascii) ||
      !obs.add_domain(DomainObservable{e.host.ascii, e.host.unicode, object_id}))
    return;
  if (lookalike_ == nullptr || defanged) return;
  for (const BrandMatch& m : lookalike_->check_host(e.host))
    sink.finding(m.symbol, brand_evidence(m, e.host.ascii, e.host.unicode));
}

void TextScanner::scan_text(TextKind kind, std::string_view utf8, DetectorSink& sink) const {
  if (utf8.empty()) return;
  crypto_.scan(kind, utf8, sink);
  if (!worth_scanning(utf8)) return;
  Refanged refanged;
  bool defanged = refanged.refang(utf8);
  std::string_view text = defanged ? refanged.text() : utf8;

  ExtractOptions options;
  options.bare_domains = kind != TextKind::kScript && kind != TextKind::kMacro;
  std::vector<Extracted> found;
  extractor_.extract(text, options, found);

  bool reported = false;
  for (const Extracted& e : found) {
    bool was_defanged = defanged && refanged.has_edit(e.begin, e.end);
    record(e, was_defanged, false, {}, sink);
    if (was_defanged && !reported) {
      reported = true;
      std::string written(refanged.original(utf8, e.begin, e.end));
      url_build::truncate_utf8(written, UrlExtractor::kMaxUrlBytes);
      sink.finding(Symbol::URL_DEFANGED,
                   Evidence{std::move(written), "defanged, reads as " + e.value});
    }
  }
}

void TextScanner::scan_link(std::string_view href, std::string_view visible_text,
                            DetectorSink& sink) const {
  auto target = extractor_.parse_href(href);
  if (!target) return;
  visible_text = trim(visible_text);
  record(*target, false, true, visible_text, sink);
  if (target->host.ascii.empty() || visible_text.empty()) return;

  // What the reader is shown: URLs and domain names, or for a mailto: link, addresses.
  std::vector<Extracted> shown;
  extractor_.extract(visible_text.substr(0, kMaxVisibleTextBytes), ExtractOptions{true, 64}, shown);
  bool mail = target->kind == ExtractKind::kEmail;
  std::string_view goes_to = registered_domain(target->host.ascii);
  for (const Extracted& e : shown) {
    bool comparable = mail ? e.kind == ExtractKind::kEmail
                           : e.kind == ExtractKind::kUrl || e.kind == ExtractKind::kDomain ||
                                 e.kind == ExtractKind::kIp;
    if (!comparable || e.host.ascii.empty()) continue;
    if (registered_domain(e.host.ascii) == goes_to) continue;
    std::string href_value = mail ? "mailto:" + target->value : target->value;
    sink.finding(Symbol::URL_TEXT_MISMATCH,
                 Evidence{std::move(href_value),
                          "text shows " + e.host.ascii + ", link goes to " + target->host.ascii});
    return;  // once per link
  }
}

}  // namespace lg
