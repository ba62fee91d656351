#include "detect/host.h"

#include <arpa/inet.h>
#include <libpsl.h>
#include <unicode/uidna.h>

#include <array>
#include <cstring>
#include <string>

#include "detect/flat_index.h"

namespace lg {
namespace {

constexpr std::size_t kMaxHostBytes = 253;      // RFC 1035 2.3.4, without the trailing dot
constexpr std::size_t kMaxLabelBytes = 63;      // RFC 1035 2.3.4
constexpr std::size_t kMaxRawHostBytes = 1024;  // UTF-8 input; the ASCII result is checked too

// UTS #46 errors that browsers do not enforce for host names seen in URLs: hyphen placement
// (CheckHyphens=false in the WHATWG URL Standard's "domain to ASCII").
constexpr uint32_t kIgnoredErrors =
    UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// LDH labels (RFC 5890 2.3.1) plus '_', which real host names carry (DKIM selectors, SRV names)
// and which UTS #46 allows without UseSTD3ASCIIRules. Lower-cases in place.
bool check_ascii_name(std::string& s, bool& has_a_label) {
  if (s.empty() || s.size() > kMaxHostBytes) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      if (label == 0 || label > kMaxLabelBytes) return false;
      std::size_t start = i - label;
      if (label >= 4 && s.compare(start, 4, "xn--") == 0) has_a_label = true;
      label = 0;
      continue;
    }
    char& c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
    ++label;
  }
  return true;
}

// One ICU conversion; `to_ascii` picks the direction. nullopt on any error that matters.
std::optional<std::string> idna_convert(const UIDNA* idna, std::string_view in, bool to_ascii) {
  std::array<char, 1024> buf;
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t n = to_ascii ? uidna_nameToASCII_UTF8(idna, in.data(), static_cast<int32_t>(in.size()),
                                                buf.data(), buf.size(), &info, &status)
                       : uidna_nameToUnicodeUTF8(idna, in.data(), static_cast<int32_t>(in.size()),
                                                 buf.data(), buf.size(), &info, &status);
  if (U_FAILURE(status) || n < 0 || static_cast<std::size_t>(n) > buf.size()) return std::nullopt;
  if ((info.errors & ~kIgnoredErrors) != 0) return std::nullopt;
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

// psl_registrable_domain's walk (libpsl 0.21, psl.c): from the left, the first tail of the
// host that is a public suffix (PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) ends the walk, and the
// registered domain is the tail one label longer; none when the host itself is one, or is a
// single label. Each lookup costs libpsl a few hundred nanoseconds, and every new host name
// ends in one of a few suffixes ("com", "co.jp"): their answers are kept per thread, so a new
// host costs one lookup, of itself. Returns the registered domain's offset in the host (0 when
// there is none: the host is returned whole). The registered_domain test compares the walk with
// psl_registrable_domain.
std::size_t registrable_offset(const psl_ctx_t* psl, const char* host, std::size_t size) {
  constexpr int kType = PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE;
  constexpr std::size_t kMaxCachedSuffixes = 1024;
  thread_local FlatCache<bool> suffixes(kMaxCachedSuffixes);
  if (size == 0 || host[0] == '.') return 0;
  auto is_public_suffix = [&](const char* tail) {
    if (tail == host) return psl_is_public_suffix2(psl, tail, kType) != 0;
    const std::string_view key(tail, size - static_cast<std::size_t>(tail - host));
    const std::uint32_t h = FlatIndex::hash(key);
    if (const bool* known = suffixes.find(key, h)) return *known;
    const bool is = psl_is_public_suffix2(psl, tail, kType) != 0;
    suffixes.put(key, h, is);
    return is;
  };
  const char* tail = host;
  const char* registrable = nullptr;
  while (!is_public_suffix(tail)) {
    const char* dot = std::strchr(tail, '.');
    if (dot == nullptr) break;
    registrable = tail;
    tail = dot + 1;
  }
  return registrable == nullptr ? 0 : static_cast<std::size_t>(registrable - host);
}

}  // namespace

void HostNormalizer::Closer::operator()(UIDNA* p) const { uidna_close(p); }

HostNormalizer::HostNormalizer() {
  UErrorCode status = U_ZERO_ERROR;
  // UTS #46 section 4, nontransitional (ß and ς kept, as IDNA2008 and current browsers do);
  // CheckBidi and CheckJoiners as RFC 5893 and RFC 5892 Appendix A require.
  UIDNA* p = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE |
                                 UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ,
                             &status);
  if (U_SUCCESS(status)) idna_.reset(p);
}

HostNormalizer::~HostNormalizer() = default;
HostNormalizer::HostNormalizer(HostNormalizer&&) noexcept = default;
HostNormalizer& HostNormalizer::operator=(HostNormalizer&&) noexcept = default;

std::optional<Host> HostNormalizer::normalize(std::string_view raw) const {
  if (raw.size() > kMaxRawHostBytes) return std::nullopt;
  if (raw.size() >= 2 && raw.front() == '[' && raw.back() == ']') {
    auto v6 = parse_ipv6(raw.substr(1, raw.size() - 2));
    if (!v6) return std::nullopt;
    return Host{*v6, *v6, HostKind::kIpv6};
  }
  // A fully qualified name's trailing dot is the root label, not part of the name.
  while (!raw.empty() && raw.back() == '.') raw.remove_suffix(1);
  if (raw.empty()) return std::nullopt;
  if (auto v4 = parse_ipv4(raw)) return Host{*v4, *v4, HostKind::kIpv4};

  if (is_ascii(raw)) {
    std::string ascii(raw);
    bool has_a_label = false;
    if (!check_ascii_name(ascii, has_a_label)) return std::nullopt;
    if (!has_a_label) return Host{ascii, ascii, HostKind::kName};
    if (!idna_) return Host{ascii, ascii, HostKind::kName};
    // Punycode labels must decode (RFC 3492) and be valid U-labels (RFC 5891 5.4).
    auto unicode = idna_convert(idna_.get(), ascii, false);
    if (!unicode) return std::nullopt;
    return Host{std::move(ascii), std::move(*unicode), HostKind::kName};
  }
  if (!idna_) return std::nullopt;
  auto ascii = idna_convert(idna_.get(), raw, true);
  if (!ascii) return std::nullopt;
  bool has_a_label = false;
  std::string checked = *ascii;
  if (!check_ascii_name(checked, has_a_label)) return std::nullopt;
  auto unicode = idna_convert(idna_.get(), checked, false);
  if (!unicode) return std::nullopt;
  return Host{std::move(checked), std::move(*unicode), HostKind::kName};
}

std::optional<std::string> parse_ipv4(std::string_view s) {
  if (s.size() < 7 || s.size() > 15) return std::nullopt;
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    unsigned value = 0;
    while (i < s.size() && i - start < 4 && s[i] >= '0' && s[i] <= '9')
      value = value * 10 + static_cast<unsigned>(s[i++] - '0');
    std::size_t len = i - start;
    if (len == 0 || len > 3 || value > 255 || (len > 1 && s[start] == '0')) return std::nullopt;
    ++parts;
    if (i == s.size()) break;
    if (s[i] != '.' || parts == 4) return std::nullopt;
    ++i;
  }
  if (parts != 4) return std::nullopt;
  return std::string(s);
}

std::optional<std::string> parse_ipv6(std::string_view s) {
  char in[INET6_ADDRSTRLEN];
  if (s.empty() || s.size() >= sizeof(in)) return std::nullopt;
  std::memcpy(in, s.data(), s.size());
  in[s.size()] = '\0';
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, in, bytes) != 1) return std::nullopt;
  char out[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, bytes, out, sizeof(out)) == nullptr) return std::nullopt;
  return std::string(out);
}

std::string_view registered_domain(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostBytes || host.front() == '[' ||
      host.find(':') != std::string_view::npos || parse_ipv4(host))
    return host;
  // The Public Suffix List as libpsl compiles it in (Debian's publicsuffix data), with its
  // ICANN and private sections: "evil.github.io" is a registered domain of its own. Hosts
  // reach here in their ASCII form; the built-in list holds the A-label form of every IDN
  // rule ("xn--p1ai"), so punycode hosts match too.
  const psl_ctx_t* psl = psl_builtin();
  if (psl == nullptr) return host;
  // The same few hosts recur in every message (links, senders, relays): the offset of the
  // registered domain in each is kept per thread, the table emptied when it fills.
  constexpr std::size_t kMaxCachedHosts = 4096;
  thread_local FlatCache<std::size_t> cache(kMaxCachedHosts);
  const std::uint32_t h = FlatIndex::hash(host);
  if (const std::size_t* offset = cache.find(host, h)) return host.substr(*offset);
  char buf[kMaxHostBytes + 1];
  std::memcpy(buf, host.data(), host.size());
  buf[host.size()] = '\0';
  const std::size_t offset = registrable_offset(psl, buf, host.size());
  cache.put(host, h, offset);
  return host.substr(offset);
}

}  // namespace lg
