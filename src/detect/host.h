#pragma once
/// Host names and IP literals: validation, lower-casing, IDNA in both directions, and the
/// registered domain a host belongs to.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct UIDNA;  // ICU's opaque IDNA object (unicode/uidna.h)

namespace lg {

enum class HostKind { kName, kIpv4, kIpv6 };

struct Host {
  std::string ascii;    // lower case; A-labels (punycode) for IDNs; IPs in canonical text form
  std::string unicode;  // U-labels (equal to `ascii` for plain ASCII names and IPs)
  HostKind kind = HostKind::kName;
};

/// Normalizes host names per UTS #46 (nontransitional processing, the IDNA2008-compatible
/// mode browsers use; RFC 5890-5891). Immutable after construction and safe to share between
/// threads (ICU's UTS #46 object is immutable). Movable, not copyable.
class HostNormalizer {
 public:
  HostNormalizer();
  ~HostNormalizer();
  HostNormalizer(HostNormalizer&&) noexcept;
  HostNormalizer& operator=(HostNormalizer&&) noexcept;

  /// `raw` is a host as written: a name (UTF-8, any case, trailing dots allowed), a dotted
  /// IPv4 address, or an IPv6 literal in brackets ("[2001:db8::1]", RFC 3986 3.2.2).
  /// Returns nullopt for anything that is not a valid host: empty labels, labels over 63
  /// octets, names over 253 octets, characters UTS #46 disallows, bad punycode.
  [[nodiscard]] std::optional<Host> normalize(std::string_view raw) const;

 private:
  struct Closer {
    void operator()(UIDNA* p) const;
  };
  std::unique_ptr<UIDNA, Closer> idna_;
};

/// Strict dotted-quad IPv4 (RFC 3986 3.2.2 IPv4address): four decimal octets 0-255 without
/// leading zeros (a leading zero means octal to some parsers; we refuse the ambiguity).
[[nodiscard]] std::optional<std::string> parse_ipv4(std::string_view s);

/// IPv6 text form (RFC 4291 2.2, without brackets or zone id), returned in the canonical form
/// of RFC 5952 (lower case, longest zero run compressed).
[[nodiscard]] std::optional<std::string> parse_ipv6(std::string_view s);

/// The registered domain of a normalized ASCII host: its public suffix and the label before
/// it ("www.coinbase.com" -> "coinbase.com", "a.b.example.co.jp" -> "example.co.jp"), per the
/// Public Suffix List (libpsl's built-in copy, ICANN and private sections). IP addresses,
/// single labels and public suffixes themselves ("co.uk") are returned unchanged; the result
/// is a view into `ascii_host`.
[[nodiscard]] std::string_view registered_domain(std::string_view ascii_host);

}  // namespace lg
