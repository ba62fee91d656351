#pragma once
/// Fills lg::MessageInfo (core/message_info.h) from a parsed header section.
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/mail/address.h"
#include "analyzers/mail/header.h"
#include "core/message_info.h"

namespace lg {

/// Address fields already parsed (parse_address_list of the field's value, at most 256
/// mailboxes, the same fallback charset), so that collect_message_info need not parse them
/// again. Keyed by the field, which must belong to the same HeaderBlock.
struct ParsedAddressFields {
  std::vector<std::pair<const HeaderField*, AddressList>> lists;
  const AddressList* find(const HeaderField* field) const {
    for (const auto& [f, list] : lists)
      if (f == field) return &list;
    return nullptr;
  }
};

/// Addresses ([RFC 5322] 3.6.2-3.6.3, 3.6.7 Return-Path), List-Id ([RFC 2919]), the raw
/// Authentication-Results ([RFC 8601]), Received-SPF ([RFC 7208] 9.1) values and every field as
/// written. `message` is the buffer `headers` was parsed from; the views in the result point
/// into it. `fallback_charset` as for decode_header_text.
MessageInfo collect_message_info(const HeaderBlock& headers, std::string_view message,
                                 std::string_view fallback_charset,
                                 const ParsedAddressFields* parsed = nullptr);

}  // namespace lg
