#pragma once
/// Domains of mail addresses, normalized, and their organizational domain ([RFC 7489] 3.2:
/// relaxed alignment compares registered domains).
#include <optional>
#include <string>
#include <string_view>

#include "detect/host.h"

namespace lg {

/// The domain of an addr-spec or of a bare domain ("Jane@Example.COM", "@example.com",
/// "example.com."), normalized by `hosts` (lower case, A-labels); nullopt when there is none,
/// it is an address literal ("[192.0.2.1]") or it is not a valid host name.
std::optional<std::string> mail_domain(const HostNormalizer& hosts, std::string_view address);

/// registered_domain() of mail_domain(); "" when there is no valid domain.
std::string organizational_domain(const HostNormalizer& hosts, std::string_view address);

}  // namespace lg
