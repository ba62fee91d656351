#pragma once
/// Sender consistency checks on one message ([RFC 5322] 3.6.2 originator fields): Reply-To,
/// Return-Path and Sender in another organization than From, display names that show an
/// address or a configured executive's name, free-mail senders that claim a company.
/// Immutable after construction and safe to share between threads.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"
#include "core/message_info.h"
#include "detect/host.h"

namespace lg {

struct SenderPolicy {
  /// People whose names an impostor would borrow ("Jane Doe", "佐藤 太郎"); matched against
  /// display names ignoring case, punctuation and spacing.
  std::vector<std::string> executives;
  /// The organization's own domains: an executive's name from one of these is no impostor.
  /// Empty: every use of an executive's name is reported.
  std::vector<std::string> internal_domains;
  /// Free-mail providers; default_freemail_domains() unless configured.
  std::vector<std::string> freemail_domains;

  static std::vector<std::string> default_freemail_domains();
};

class SenderChecks {
 public:
  explicit SenderChecks(const SenderPolicy& policy);

  /// Reports SENDER_REPLY_TO_MISMATCH, SENDER_RETURN_PATH_MISMATCH (Return-Path or Sender),
  /// SENDER_DISPLAY_NAME_ADDRESS, SENDER_EXECUTIVE_IMPERSONATION and SENDER_FREEMAIL_COMPANY.
  /// `from_org` is the organizational domain of the From address ("" when it has none).
  /// Replies and bounces to a domain the mailing-list fields name (List-Id, List-Post, ...)
  /// are the list's, not a mismatch.
  void check(const MessageInfo& info, std::string_view from_org, Context& ctx) const;

  /// True when `address` is at a free-mail provider.
  [[nodiscard]] bool is_freemail(std::string_view address) const;

  [[nodiscard]] const HostNormalizer& hosts() const { return hosts_; }

 private:
  void check_display_name(const MessageInfo& info, std::string_view from_org, bool list_rewrite,
                          Context& ctx) const;

  HostNormalizer hosts_;
  std::vector<std::string> executives_;          // normalized (see normalize_name in the .cpp)
  std::set<std::string, std::less<>> internal_;  // organizational domains
  std::set<std::string, std::less<>> freemail_;  // domains as configured, normalized
};

}  // namespace lg
