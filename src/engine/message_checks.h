#pragma once
/// The configured checks the engine runs on each message object (Context::message): trusted
/// authentication results ([auth]), DKIM ([dkim]), sender consistency ([sender]), and first
/// contact against a ContactHistory. Built once per engine, immutable, shared by all scans.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/message_info.h"
#include "detect/auth_check.h"
#include "detect/dkim_keys.h"
#include "detect/link_checks.h"
#include "detect/sender_checks.h"
#include "engine/config.h"
#include "engine/history.h"

namespace lg {

class MessageChecks {
 public:
  /// `keys` may be null: DKIM body hashes are checked, signatures are not.
  MessageChecks(const Config& config, std::unique_ptr<const DkimKeyResolver> keys);

  /// The key resolver [dkim] asks for: null for "none", the system resolver for "dns", the
  /// key file for "file" (an unreadable file is an error naming it).
  static Result<std::unique_ptr<const DkimKeyResolver>> make_key_resolver(const Config::Dkim& dkim);

  /// Authentication results, DKIM and sender checks on one message; reports through `ctx`.
  void check(const MessageInfo& info, Context& ctx) const;

  /// A sender-domain-to-recipient pair of one message, recorded once the scan is done.
  struct Contact {
    std::string sender_domain;
    std::string recipient;
  };
  /// A link of the message to a code host or a file-sharing site (TextScanner::host_service).
  struct ServiceLink {
    std::string url;
    std::string host;
    HostService service = HostService::kNone;
  };
  /// True when the From address's organizational domain is outside the organisation's own
  /// (Config::own_domains: [brands] own and [sender] internal_domains); false when it is
  /// inside, when none is configured, or when From has no domain.
  [[nodiscard]] bool sender_external(const MessageInfo& info) const;

  /// Looks the message's pairs up in `history` and reports FIRST_CONTACT, or
  /// FIRST_CONTACT_WITH_PAYLOAD when `carries_payload` (an attachment or a link), when a
  /// recipient never had mail from the sender's organization; then each of `service_links`
  /// (the first kMaxServiceLinkFindings) as FIRST_CONTACT_CODE_OR_FILE_LINK. Returns the pairs
  /// to record.
  std::vector<Contact> first_contact(const MessageInfo& info, bool carries_payload,
                                     const std::vector<ServiceLink>& service_links,
                                     const ContactHistory& history, Context& ctx) const;

  static constexpr std::size_t kMaxServiceLinkFindings = 8;

 private:
  std::string from_org(const MessageInfo& info) const;

  AuthPolicy auth_;
  std::unique_ptr<const DkimKeyResolver> keys_;
  SenderChecks sender_;
  std::set<std::string, std::less<>> own_orgs_;  // organizational domains of both lists
};

}  // namespace lg
