#pragma once
/// Parsers for the header fields in which receiving hosts record authentication results:
/// Authentication-Results ([RFC 8601] 2.2) and Received-SPF ([RFC 7208] 9.1). They only read;
/// which fields to believe is the caller's decision (detect/auth_check.h).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace lg {

/// ptype.property=pvalue ([RFC 8601] 2.2 propspec); ptype "" for a bare key=value that some
/// writers add ("action=none").
struct AuthProperty {
  std::string ptype;     // lower case: smtp, header, body, policy
  std::string property;  // lower case: mailfrom, from, d, i, s, ...
  std::string value;     // as written (quoted strings unquoted)
};

/// One resinfo: method=result with its reason and properties.
struct AuthMethodResult {
  std::string method;   // lower case: spf, dkim, dmarc, arc, iprev, auth, ...
  std::string version;  // method-version, "" when absent
  std::string result;   // lower case: pass, fail, softfail, neutral, none, ...
  std::string reason;
  std::vector<AuthProperty> properties;

  /// The value of ptype.property, or "" when absent.
  [[nodiscard]] std::string_view property(std::string_view ptype, std::string_view name) const;
};

struct AuthenticationResults {
  std::string authserv_id;  // as written (compare case-insensitively: it is a host name mostly)
  int version = 1;
  bool no_result = false;  // "; none": no authentication was done
  std::vector<AuthMethodResult> results;
};

/// Parses an unfolded Authentication-Results value ([RFC 8601] 2.2) with comments ([RFC 5322]
/// 3.2.2 CFWS, nested at most kMaxCommentDepth) anywhere CFWS may be. At most kMaxResinfo
/// results and kMaxProperties properties each are kept. Tolerant where writers commonly are
/// sloppy (trailing ";", bare key=value); an authserv-id that is missing, or a resinfo that
/// cannot be read, is an error. Linear in the input.
Result<AuthenticationResults> parse_authentication_results(std::string_view value);

/// A Received-SPF field ([RFC 7208] 9.1).
struct ReceivedSpf {
  std::string result;   // lower case: pass, fail, softfail, neutral, none, temperror, permerror
  std::string comment;  // the first comment, without its parentheses
  std::vector<std::pair<std::string, std::string>> pairs;  // key lower case, value as written

  /// The value of `key` (lower case), or "" when absent.
  [[nodiscard]] std::string_view get(std::string_view key) const;
  /// The host that added the field: receiver= or, failing that, the host name opening the
  /// comment ("mybox.example.org: domain of ..."). "" when neither names one.
  [[nodiscard]] std::string receiver() const;
};

/// Parses an unfolded Received-SPF value. An unknown result keyword is an error.
Result<ReceivedSpf> parse_received_spf(std::string_view value);

constexpr std::size_t kMaxCommentDepth = 32;
constexpr std::size_t kMaxResinfo = 64;
constexpr std::size_t kMaxProperties = 32;

}  // namespace lg
