#pragma once
/// Address fields ([RFC 5322] 3.4) parsed enough for the report: each mailbox's decoded
/// display name and its addr-spec.
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct Mailbox {
  std::string display;  // decoded UTF-8 display name (or the old "(comment)" name), may be empty
  std::string address;  // addr-spec as written, without angle brackets; may be empty
};

struct AddressList {
  std::vector<Mailbox> mailboxes;
  std::vector<std::string> guessed;  // charsets that did not fit (see HeaderText::guessed)
};

/// Parses an unfolded address-list value: quoted strings, comments, angle addresses with
/// obs-route, groups ("Team: a@b, c@d;"), and [RFC 2047] words in phrases, also inside quoted
/// strings (a common violation). At most `max_mailboxes` are kept.
/// `fallback_charset` as for decode_header_text.
AddressList parse_address_list(std::string_view value, std::size_t max_mailboxes = 256,
                               std::string_view fallback_charset = {});

/// "Name <addr>" (or "addr" without a name, or "Name" without an address).
std::string format_mailbox(const Mailbox& m);
/// The mailboxes formatted and joined with ", ".
std::string format_mailboxes(const std::vector<Mailbox>& list);

}  // namespace lg
