#pragma once
/// Where DKIM public keys come from ([RFC 6376] 3.6.2: the TXT record at
/// selector._domainkey.domain). Production asks DNS (DnsKeyResolver); tests and offline use
/// give the records in a map or a file (MapKeyResolver). Resolvers are immutable once made and
/// safe to share between threads.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lg {

struct KeyLookup {
  enum class Outcome {
    kFound,      // `record` holds the TXT text (its strings concatenated)
    kNotFound,   // no such name or no TXT record: the key does not exist
    kTempError,  // the lookup could not be done now (timeout, server failure)
  };
  Outcome outcome = Outcome::kNotFound;
  std::string record;
};

class DkimKeyResolver {
 public:
  virtual ~DkimKeyResolver() = default;
  /// The TXT record at `name` (ASCII, no trailing dot), e.g. "sel._domainkey.example.com".
  [[nodiscard]] virtual KeyLookup lookup(std::string_view name) const = 0;
};

/// Records held in memory, by lower-case name.
class MapKeyResolver final : public DkimKeyResolver {
 public:
  void add(std::string_view name, std::string record);
  [[nodiscard]] KeyLookup lookup(std::string_view name) const override;
  [[nodiscard]] std::size_t size() const { return records_.size(); }

  /// Reads a key file: one record a line, "NAME RECORD" ("sel._domainkey.example.com
  /// v=DKIM1; k=rsa; p=MIIB..."), the record being the rest of the line; a record may also be
  /// written as zone-file strings ("\"v=DKIM1; \" \"p=...\"", concatenated). Blank lines and
  /// lines starting with '#' are skipped. At most kMaxKeyFileBytes are read.
  static Result<MapKeyResolver> load_file(const std::string& path);

  static constexpr std::size_t kMaxKeyFileBytes = 16u << 20;

 private:
  std::map<std::string, std::string, std::less<>> records_;
};

/// A DNS server asked instead of those /etc/resolv.conf names: an IPv4 address and a port.
struct Nameserver {
  std::array<unsigned char, 4> address{};  // network order
  std::uint16_t port = 53;
};

/// "127.0.0.1" or "127.0.0.1:5353" (an IPv4 dotted quad, then an optional port 1-65535).
Result<Nameserver> parse_nameserver(std::string_view text);

/// TXT lookups through the system resolver (glibc libresolv, res_nquery; /etc/resolv.conf, or
/// the one `nameserver` given), one short-lived resolver state per lookup so that threads never
/// share one. Each lookup is bounded: kRetransSeconds per try, kRetries tries (UDP, then TCP
/// when the answer is truncated), answers of at most kMaxAnswerBytes.
class DnsKeyResolver final : public DkimKeyResolver {
 public:
  DnsKeyResolver() = default;
  explicit DnsKeyResolver(std::optional<Nameserver> nameserver) : nameserver_(nameserver) {}
  [[nodiscard]] KeyLookup lookup(std::string_view name) const override;

  static constexpr int kRetransSeconds = 2;  // per try; the scan deadline bounds the message
  static constexpr int kRetries = 1;
  static constexpr std::size_t kMaxAnswerBytes = 8192;

 private:
  std::optional<Nameserver> nameserver_;
};

}  // namespace lg
