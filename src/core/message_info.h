#pragma once
/// What the mail analyzer tells the engine about one message object, for the checks that need
/// the configuration (authentication results, DKIM, sender consistency, first contact). Plain
/// data: every view points into the message the analyzer was given and is valid only during
/// the Context::message call.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg {

/// One mailbox of an address header ([RFC 5322] 3.4): decoded display name and addr-spec.
struct MessageMailbox {
  std::string display;  // UTF-8, may be empty
  std::string address;  // addr-spec as written, without angle brackets; may be empty
};

/// One header field exactly as written: `name` without the colon, `field` from the first byte
/// of the name to the end of its last folded line (line breaks inside kept, the final one not).
struct RawHeaderField {
  std::string_view name;
  std::string_view field;
};

struct MessageInfo {
  MessageMailbox from;         // the first From mailbox (empty when there is none)
  std::size_t from_count = 0;  // mailboxes in From (more than one needs a Sender)
  std::vector<MessageMailbox> reply_to;
  std::string return_path;  // addr-spec of the first Return-Path, empty when absent or "<>"
  MessageMailbox sender;    // the Sender field's mailbox, empty when absent
  std::vector<MessageMailbox> recipients;  // To and Cc, in order
  /// Unfolded values of the mailing-list fields, in order: List-Id ([RFC 2919]), List-Post,
  /// List-Unsubscribe, List-Help ([RFC 2369]) and the older Mailing-List.
  std::vector<std::string> list_fields;
  /// Unfolded values, in header order (topmost first), of these fields.
  std::vector<std::string> authentication_results;  // [RFC 8601] 2.2
  std::vector<std::string> received_spf;            // [RFC 7208] 9.1
  /// Every header field as written, in order: DKIM ([RFC 6376] 5.4.2) signs raw fields.
  std::vector<RawHeaderField> headers;
  ByteView raw_header;          // the header section from its first field to the blank line
  ByteView raw_body;            // everything after the blank line
  std::size_t attachments = 0;  // attachment children handed over for this message
};

}  // namespace lg
