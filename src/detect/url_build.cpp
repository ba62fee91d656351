#include "detect/url_build.h"

#include <algorithm>

namespace lg::url_build {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::optional<std::string> normalize_port(std::string_view scheme, std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  if (digits.empty()) return std::string();
  if (digits.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535) return std::nullopt;
  struct Default {
    std::string_view scheme;
    unsigned port;
  };
  static constexpr Default kDefaults[] = {{"http", 80}, {"https", 443}, {"ws", 80},   {"wss", 443},
                                          {"ftp", 21},  {"ftps", 990},  {"sftp", 22}, {"smb", 445}};
  for (const Default& d : kDefaults)
    if (d.scheme == scheme && d.port == value) return std::string();
  return std::string(digits);
}

void truncate_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  // Back up over continuation bytes so that no sequence is split.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

std::string build(std::string_view scheme, std::string_view userinfo_at, const Host& host,
                  std::string_view port, std::string_view rest, std::size_t max_bytes) {
  std::string url;
  url.reserve(std::min(max_bytes, scheme.size() + userinfo_at.size() + host.ascii.size() +
                                      port.size() + rest.size() + 6));
  url.append(scheme);
  url.append(scheme.empty() ? "//" : "://");
  url.append(userinfo_at);
  if (host.kind == HostKind::kIpv6) {
    url.push_back('[');
    url.append(host.ascii);
    url.push_back(']');
  } else {
    url.append(host.ascii);
  }
  if (!port.empty()) {
    url.push_back(':');
    url.append(port);
  }
  url.append(rest.substr(0, max_bytes));  // bounded copy before the exact cut below
  truncate_utf8(url, max_bytes);
  return url;
}

}  // namespace lg::url_build
