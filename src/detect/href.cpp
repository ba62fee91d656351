// UrlExtractor::parse_href: normalization of a hyperlink target given whole (an HTML href
// after entity decoding, a PDF /URI), split per RFC 3986 3 rather than searched for.
#include <algorithm>

#include "detect/text_chars.h"
#include "detect/url_build.h"
#include "detect/url_extractor.h"

namespace lg {
namespace {

constexpr std::size_t kMaxHrefBytes = 64 * 1024;
constexpr std::size_t kMaxMediaType = 100;

bool is_space_or_control(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 3.1); returns its length
// before ':' or 0.
std::size_t scheme_length(std::string_view s) {
  if (s.empty() || !text_chars::is_alpha(static_cast<unsigned char>(s[0]))) return 0;
  std::size_t k = 1;
  while (k < s.size() && k <= 32 &&
         (text_chars::is_alnum(static_cast<unsigned char>(s[k])) || s[k] == '+' || s[k] == '-' ||
          s[k] == '.'))
    ++k;
  return k < s.size() && s[k] == ':' ? k : 0;
}

}  // namespace

std::optional<Extracted> UrlExtractor::parse_href(std::string_view href) const {
  while (!href.empty() && is_space_or_control(href.front())) href.remove_prefix(1);
  while (!href.empty() && is_space_or_control(href.back())) href.remove_suffix(1);
  href = href.substr(0, kMaxHrefBytes);
  if (href.empty() || href.front() == '#') return std::nullopt;

  std::size_t k = scheme_length(href);
  std::string scheme = url_build::lower(href.substr(0, k));
  std::string_view rest = k == 0 ? href : href.substr(k + 1);
  bool network_path = rest.substr(0, 2) == "//";
  if (k == 0 && !network_path) return std::nullopt;  // relative reference: no host

  Extracted e;
  e.kind = ExtractKind::kUrl;
  e.end = href.size();
  if (scheme == "tel" || scheme == "sms" || scheme == "callto" || scheme == "cid" ||
      scheme == "mid")
    return std::nullopt;
  if (scheme == "mailto") {
    // mailto:addr1,addr2?subject=... (RFC 6068 2); the first address is recorded.
    std::string_view to = rest.substr(0, rest.find_first_of("?,"));
    std::vector<Extracted> found;
    extract(to, ExtractOptions{false, 4}, found);
    for (Extracted& f : found)
      if (f.kind == ExtractKind::kEmail) return std::move(f);
    return std::nullopt;
  }
  if (scheme == "data") {
    // At most kMaxMediaType bytes of the media type, never part of a character.
    const std::size_t end = std::min(rest.find_first_of(";,"), rest.size());
    e.value = "data:" + url_build::lower(rest.substr(0, std::min(end, kMaxMediaType + 1)));
    url_build::truncate_utf8(e.value, 5 + kMaxMediaType);
    return e;
  }
  if (scheme == "javascript" || scheme == "vbscript") {
    e.value = scheme + ":";  // the code itself is text for the script detectors, not a URL
    return e;
  }
  if (!network_path) {  // ms-word:ofe|u|..., search-ms:..., about:blank: kept as written
    e.value = scheme + ":";
    e.value.append(rest.substr(0, kMaxUrlBytes));
    url_build::truncate_utf8(e.value, kMaxUrlBytes);
    return e;
  }

  // authority = [ userinfo "@" ] host [ ":" port ] (RFC 3986 3.2)
  std::string_view after = rest.substr(2);
  std::size_t auth_len = std::min(after.find_first_of("/?#\\"), after.size());
  std::string_view authority = after.substr(0, auth_len);
  std::string_view path = after.substr(auth_len);
  std::size_t at = authority.rfind('@');
  std::string_view userinfo = at == std::string_view::npos ? "" : authority.substr(0, at + 1);
  std::string_view hostport = at == std::string_view::npos ? authority : authority.substr(at + 1);
  std::string_view raw_host = hostport, port_digits;
  std::size_t colon = hostport.rfind(':');
  std::size_t close = hostport.rfind(']');
  if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
    raw_host = hostport.substr(0, colon);
    port_digits = hostport.substr(colon + 1);
  }
  std::optional<Host> host;
  if (!raw_host.empty()) host = hosts_.normalize(raw_host);
  auto port = url_build::normalize_port(scheme, port_digits);
  if (!host || !port) {
    // Not a host we can name (or file:///): keep the target as written, without a host.
    e.value = scheme.empty() ? std::string() : scheme + ":";
    e.value.append(rest.substr(0, kMaxUrlBytes));
    url_build::truncate_utf8(e.value, kMaxUrlBytes);
    return e;
  }
  e.value = url_build::build(scheme, userinfo, *host, *port, path, kMaxUrlBytes);
  e.host = std::move(*host);
  return e;
}

}  // namespace lg
