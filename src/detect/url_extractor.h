#pragma once
/// Finds URLs, e-mail addresses, bare domain names and IPv4 addresses in UTF-8 text, in one
/// linear pass, and normalizes hyperlink targets. Hand-written scanner, no regular expressions:
/// every byte is looked at a bounded number of times, whatever the input.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/host.h"

namespace lg {

enum class ExtractKind { kUrl, kEmail, kDomain, kIp };

struct Extracted {
  ExtractKind kind = ExtractKind::kUrl;
  /// kUrl: normalized URL (scheme and host lower case, host in ASCII, default port dropped,
  /// userinfo, path, query and fragment as written, percent-encoding untouched, at most
  /// UrlExtractor::kMaxUrlBytes). kEmail: local@ascii-domain. kDomain: ASCII name. kIp: text.
  std::string value;
  /// The host (URL host, e-mail domain, the domain or IP itself); empty `ascii` when the URL
  /// has none (file:///..., data:, javascript:).
  Host host;
  /// Where the item was written in the scanned text: [begin, end).
  std::size_t begin = 0, end = 0;
};

struct ExtractOptions {
  /// Report bare names with a known TLD ("example.com"). Off for program source, where
  /// "document.open" and "WScript.Shell" are everywhere.
  bool bare_domains = true;
  /// Stop after this many items per text (a crafted text cannot make the output explode).
  std::size_t max_items = 20'000;
};

class UrlExtractor {
 public:
  static constexpr std::size_t kMaxUrlBytes = 2048;  // longer URLs are truncated
  static constexpr std::size_t kMaxAuthorityBytes = 1024;

  /// Keeps a reference: `hosts` must outlive the extractor.
  explicit UrlExtractor(const HostNormalizer& hosts) : hosts_(hosts) {}

  /// Appends what `text` holds to `out`, in text order. Finds scheme URLs (http, https, ftp,
  /// ftps, sftp, ws, wss, smb, file, data: with its media type only, mailto: as an e-mail),
  /// URLs inside other URLs' paths and queries, "www." names without a scheme, e-mail
  /// addresses (RFC 5322 3.4.1 dot-atom local parts), bare names with a known TLD, dotted
  /// IPv4 addresses that are not part of a longer number, and IPv6 literals in URL brackets.
  /// A URL ends at whitespace, at a character RFC 3986 does not allow (<>"{}|\^`), at CJK
  /// letters and punctuation, and sheds trailing punctuation (.,;:!?'") and unbalanced ) ].
  void extract(std::string_view text, const ExtractOptions& options,
               std::vector<Extracted>& out) const;

  /// Normalizes a hyperlink target (an HTML href, a PDF /URI). Absolute URLs with an authority
  /// get a host; mailto: gives kEmail; javascript:, data:, vbscript: and other schemes give a
  /// kUrl without a host (data: keeps only its media type). Relative references, fragments
  /// ("#top"), tel: and sms: give nullopt.
  [[nodiscard]] std::optional<Extracted> parse_href(std::string_view href) const;

 private:
  class Scan;
  const HostNormalizer& hosts_;
};

}  // namespace lg
