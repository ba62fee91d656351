#pragma once
/// Judges the authentication results a message carries: only Authentication-Results fields
/// whose authserv-id, and Received-SPF fields whose receiver, the configuration names as its
/// own ([RFC 8601] 5, 7.1: anyone can write these fields; only those added by one's own
/// border hosts mean anything).
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"
#include "core/message_info.h"
#include "detect/host.h"

namespace lg {

struct AuthPolicy {
  /// authserv-ids (and Received-SPF receivers) to trust, compared case-insensitively. Empty:
  /// trust none.
  std::vector<std::string> trusted_authserv_ids;
};

/// Reports, for the trusted fields of `info`: facts "auth_results" (one line per trusted
/// field) and, when fields were present but not trusted, "auth_results_ignored" saying why;
/// findings AUTH_SPF_FAIL, AUTH_SPF_SOFTFAIL, AUTH_DKIM_FAIL, AUTH_DMARC_FAIL (any policy),
/// AUTH_NONE (none for SPF, DKIM or DMARC and no pass for any of them) and AUTH_PASS_ALIGNED
/// (a DMARC pass whose header.from is the From domain's organization, `from_org`).
void check_authentication_results(const MessageInfo& info, const AuthPolicy& policy,
                                  std::string_view from_org, const HostNormalizer& hosts,
                                  Context& ctx);

}  // namespace lg
