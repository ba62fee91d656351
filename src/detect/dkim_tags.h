#pragma once
/// DKIM tag lists ([RFC 6376] 3.2), the DKIM-Signature field ([RFC 6376] 3.5, [RFC 8463]) and
/// the key record ([RFC 6376] 3.6.1): parsing only, no cryptography.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg {

constexpr std::size_t kMaxDkimTags = 64;            // tags in one tag list
constexpr std::size_t kMaxDkimSignedHeaders = 256;  // names in one h=

/// A tag list as (name, value) pairs in order; values have their FWS trimmed at both ends
/// (inner FWS is kept: b=, bh=, p= and h= strip it themselves). A repeated tag name, a bad
/// tag name or more than kMaxDkimTags tags is an error.
Result<std::vector<std::pair<std::string, std::string>>> parse_dkim_tag_list(std::string_view s);

enum class DkimAlgorithm { kRsaSha256, kEd25519Sha256 };
enum class DkimCanon { kSimple, kRelaxed };

struct DkimSignature {
  DkimAlgorithm algorithm = DkimAlgorithm::kRsaSha256;
  DkimCanon header_canon = DkimCanon::kSimple;
  DkimCanon body_canon = DkimCanon::kSimple;
  std::string domain;                        // d=, lower case
  std::string selector;                      // s=
  std::string identity;                      // i=, "@d" by default
  std::vector<std::string> signed_headers;   // h=, as written (compare case-insensitively)
  Bytes signature;                           // b=, decoded
  Bytes body_hash;                           // bh=, decoded
  std::optional<std::uint64_t> body_length;  // l=
  std::optional<std::uint64_t> timestamp;    // t=
  std::optional<std::uint64_t> expiration;   // x=
};

/// Parses a DKIM-Signature value ([RFC 6376] 3.5) and checks what 6.1.1 asks before any
/// lookup: v=1, the required tags, a supported a= (rsa-sha256, ed25519-sha256), c=, h=
/// including From, i= within d=, q=dns/txt, x= not before t=. rsa-sha1 is refused ([RFC 8301]).
Result<DkimSignature> parse_dkim_signature(std::string_view value);

/// A DKIM key record ([RFC 6376] 3.6.1, [RFC 8463] 4).
struct DkimKeyRecord {
  std::string key_type = "rsa";     // k=: rsa or ed25519
  Bytes public_key;                 // p=, decoded; empty: the key was revoked
  bool testing = false;             // t=y
  bool strict = false;              // t=s: i= must be d= exactly
  std::vector<std::string> hashes;  // h=, empty: any
};

/// Parses a key record's TXT text. v= other than DKIM1, a missing p=, a service type without
/// email or *, or an unparsable list is an error.
Result<DkimKeyRecord> parse_dkim_key_record(std::string_view txt);

/// Base64 of a tag value with its FWS removed; nullopt for characters outside the alphabet.
std::optional<Bytes> dkim_base64(std::string_view value);

}  // namespace lg
