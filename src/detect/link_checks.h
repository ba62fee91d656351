#pragma once
/// Checks on one link or URL, apart from where its domain points (detect/lookalike.h does
/// that): raw-IP hosts, shorteners, data: and file: URLs, user information before the host,
/// and links to code hosts or file-sharing sites. Pure functions over constant tables.
#include <functional>  // std::equal_to<>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/symbol.h"
#include "detect/url_extractor.h"
#include "detect/view_hash.h"

namespace lg {

enum class HostService { kNone, kShortener, kCodeHost, kFileSharing };

/// Which hosts are URL shorteners (bit.ly ...), code hosts or package registries (github.com,
/// raw.githubusercontent.com, npmjs.com, pypi.org ...) and file-sharing or paste sites
/// (drive.google.com, dropbox.com, mega.nz, 1drv.ms, wetransfer.com, pastebin.com ...): the
/// built-in lists, each replaceable from the config ([links]). Immutable once made.
class HostServices {
 public:
  /// The built-in lists.
  static HostServices builtin();
  /// The built-in domains of `kind` (none for kNone).
  static std::vector<std::string> builtin_domains(HostService kind);

  /// Makes `domains` (lower-cased) the whole list of `kind`.
  void replace(HostService kind, const std::vector<std::string>& domains);

  /// The service `ascii_host` (normalized, lower case) belongs to: the host or one of its
  /// parent domains ("raw.githubusercontent.com" -> "githubusercontent.com") is listed.
  [[nodiscard]] HostService of(std::string_view ascii_host) const;

 private:
  std::unordered_map<std::string, HostService, ViewHash, std::equal_to<>> table_;
};

/// True for an IP address that routes on the Internet: not private (RFC 1918, RFC 4193),
/// loopback, link-local, shared (RFC 6598), documentation (RFC 5737, RFC 3849), multicast or
/// unspecified. `ip` is the canonical text of HostNormalizer.
[[nodiscard]] bool is_public_ip(std::string_view ip, HostKind kind);

struct LinkIssue {
  Symbol symbol;
  std::string detail;
};

/// The issues of one extracted URL (kind kUrl; other kinds give none). `is_href`: the URL is
/// a link target (an HTML href, a PDF /URI) rather than text, so any data: URL counts; in
/// text only data: URLs of HTML, SVG, script or program types do.
/// `services` says which hosts are shorteners, code hosts and file-sharing sites.
void check_link(const Extracted& url, bool is_href, const HostServices& services,
                std::vector<LinkIssue>& out);

}  // namespace lg
