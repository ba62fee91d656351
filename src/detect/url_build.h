#pragma once
/// Pieces shared by the text scanner and the href parser to write a normalized URL
/// (RFC 3986 6.2.2 syntax-based normalization, limited to scheme, host and port).
#include <optional>
#include <string>
#include <string_view>

#include "detect/host.h"

namespace lg::url_build {

/// ASCII lower case copy.
std::string lower(std::string_view s);

/// The port as it belongs in a normalized URL: "" when absent or the scheme's default
/// (RFC 3986 6.2.3), leading zeros dropped; nullopt when not a port (over 5 digits, > 65535).
std::optional<std::string> normalize_port(std::string_view scheme, std::string_view digits);

/// scheme "://" userinfo host [":" port] rest, cut to `max_bytes` on a UTF-8 boundary.
/// `scheme` lower case (may be empty for a network-path reference "//host"); `userinfo_at`
/// is "user:pass@" as written or empty; `rest` is path, query and fragment as written.
std::string build(std::string_view scheme, std::string_view userinfo_at, const Host& host,
                  std::string_view port, std::string_view rest, std::size_t max_bytes);

/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void truncate_utf8(std::string& s, std::size_t max_bytes);

}  // namespace lg::url_build
