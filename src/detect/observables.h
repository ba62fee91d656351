#pragma once
/// Observables: what the text detectors pull out of a message (URLs, domains, addresses, IPs,
/// cryptocurrency addresses),
/// normalized and de-duplicated, with the object they were first seen in.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/flat_index.h"

namespace lg {

struct UrlObservable {
  std::string url;           // normalized: scheme and host lower case, host in ASCII (punycode)
  std::string host;          // ASCII form
  std::string host_unicode;  // Unicode form (differs from host for IDNs)
  std::string visible_text;  // the text a reader saw for the link, when it came from a link
  bool defanged = false;     // written as hxxp://, [.] ...
  int object_id = 0;
};

struct DomainObservable {
  std::string domain;   // ASCII (punycode) form, lower case, no trailing dot
  std::string unicode;  // Unicode form
  int object_id = 0;
};

/// A cryptocurrency address whose checksum holds (detect/crypto_address.h), screened against
/// the loaded sanctions lists.
struct CryptoAddressObservable {
  std::string address;      // normalized (EVM and bech32 lower case, cashaddr with its prefix)
  std::string chain;        // btc, eth, trx, xrp, ltc, bch, doge, dash, zec, btg, xmr, tbtc
  bool checksummed = true;  // false: an all-lower/all-upper EVM address (no EIP-55 checksum)
  bool sanctioned = false;
  std::string list_entry;  // the list entry naming it, "" when none
  int object_id = 0;
};

struct ValueObservable {
  std::string value;
  int object_id = 0;
};

/// Sets in first-seen order; add_* ignore a value already present (by its normalized value:
/// url, domain, address, IP; the first object_id seen is kept) and return whether they added.
/// Each vector holds at most kMaxPerKind entries; later values are dropped.
/// The vectors are what reports read. Filling them directly is allowed: the hash indexes
/// catch up with the vectors on the next add_*.
struct Observables {
  static constexpr std::size_t kMaxPerKind = 10'000;

  std::vector<UrlObservable> urls;
  std::vector<DomainObservable> domains;
  std::vector<ValueObservable> emails;
  std::vector<ValueObservable> ips;
  std::vector<CryptoAddressObservable> crypto_addresses;

  bool add_url(UrlObservable u);
  bool add_domain(DomainObservable d);
  bool add_email(std::string value, int object_id);
  bool add_ip(std::string value, int object_id);
  bool add_crypto_address(CryptoAddressObservable a);

  /// Whether a value is already present (what add_* would turn away as a repeat), so that a
  /// caller builds an observable only for a new value.
  [[nodiscard]] bool has_url(std::string_view url) const;
  [[nodiscard]] bool has_domain(std::string_view domain) const;
  [[nodiscard]] bool has_email(std::string_view value) const;
  [[nodiscard]] bool has_ip(std::string_view value) const;

  /// The vector entries [0, indexed) by key, an implementation detail of add_* and has_*.
  struct Index {
    FlatIndex table;
    std::size_t indexed = 0;
  };

 private:
  mutable Index url_index_, domain_index_, email_index_, ip_index_, crypto_index_;
};

}  // namespace lg
