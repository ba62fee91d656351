#pragma once
/// Checks on one link or URL, apart from where its domain points (detect/lookalike.h does
/// that): raw-IP hosts, shorteners, data: and file: URLs, user information before the host,
/// and links to code hosts or file-sharing sites. Pure functions over constant tables.
#include <string>
#include <string_view>
#include <vector>

#include "core/symbol.h"
#include "detect/url_extractor.h"

namespace lg {

enum class HostService { kNone, kShortener, kCodeHost, kFileSharing };

/// The kind of service `ascii_host` (normalized, lower case) belongs to: the host or one of
/// its parent domains is a URL shortener (bit.ly ...), a code host or package registry
/// (github.com, raw.githubusercontent.com, npmjs.com, pypi.org ...) or a file-sharing or paste
/// site (drive.google.com, dropbox.com, mega.nz, 1drv.ms, wetransfer.com, pastebin.com ...).
[[nodiscard]] HostService host_service(std::string_view ascii_host);

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
void check_link(const Extracted& url, bool is_href, std::vector<LinkIssue>& out);

}  // namespace lg
