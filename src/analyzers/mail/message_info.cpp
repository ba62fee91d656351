#include "analyzers/mail/message_info.h"

#include <algorithm>
#include <iterator>

#include "analyzers/mail/address.h"

namespace lg {
namespace {

constexpr std::size_t kMaxMailboxesPerField = 256;
constexpr std::size_t kMaxRecipients = 1024;

MessageMailbox to_mailbox(Mailbox m) { return {std::move(m.display), std::move(m.address)}; }

// The mailboxes of every field of this name, in order, at most `cap`.
std::vector<MessageMailbox> mailboxes(const HeaderBlock& hb, std::string_view name,
                                      std::string_view fallback, std::size_t cap,
                                      const ParsedAddressFields* parsed) {
  std::vector<MessageMailbox> out;
  for (const auto& f : hb.fields) {
    if (!iequals(f.name, name)) continue;
    if (const AddressList* known = parsed ? parsed->find(&f) : nullptr) {
      for (const auto& m : known->mailboxes) {
        if (out.size() >= cap) return out;
        out.push_back({m.display, m.address});
      }
      continue;
    }
    AddressList list = parse_address_list(f.value(), kMaxMailboxesPerField, fallback);
    for (auto& m : list.mailboxes) {
      if (out.size() >= cap) return out;
      out.push_back(to_mailbox(std::move(m)));
    }
  }
  return out;
}

}  // namespace

MessageInfo collect_message_info(const HeaderBlock& hb, std::string_view message,
                                 std::string_view fallback, const ParsedAddressFields* parsed) {
  MessageInfo info;
  auto from = mailboxes(hb, "From", fallback, kMaxMailboxesPerField, parsed);
  info.from_count = from.size();
  if (!from.empty()) info.from = std::move(from.front());
  info.reply_to = mailboxes(hb, "Reply-To", fallback, kMaxMailboxesPerField, parsed);
  auto sender = mailboxes(hb, "Sender", fallback, 1, parsed);
  if (!sender.empty()) info.sender = std::move(sender.front());
  auto return_path = mailboxes(hb, "Return-Path", fallback, 1, parsed);
  if (!return_path.empty()) info.return_path = std::move(return_path.front().address);
  info.recipients = mailboxes(hb, "To", fallback, kMaxRecipients, parsed);
  auto cc = mailboxes(hb, "Cc", fallback, kMaxRecipients - info.recipients.size(), parsed);
  std::move(cc.begin(), cc.end(), std::back_inserter(info.recipients));

  info.headers.reserve(hb.fields.size());
  for (const auto& f : hb.fields) {
    const std::size_t length =
        static_cast<std::size_t>(f.raw.data() + f.raw.size() - f.name.data());
    info.headers.push_back({f.name, std::string_view(f.name.data(), length)});
    if (iequals(f.name, "Authentication-Results"))
      info.authentication_results.push_back(f.value());
    else if (iequals(f.name, "Received-SPF"))
      info.received_spf.push_back(f.value());
    else if (iequals(f.name, "List-Id") || iequals(f.name, "List-Post") ||
             iequals(f.name, "List-Unsubscribe") || iequals(f.name, "List-Help") ||
             iequals(f.name, "Mailing-List"))
      info.list_fields.push_back(f.value());
  }
  const std::size_t body = std::min(hb.body_offset, message.size());
  const std::size_t head =
      hb.fields.empty() ? body
                        : static_cast<std::size_t>(hb.fields.front().name.data() - message.data());
  info.raw_header = as_bytes(message.substr(head, body - std::min(head, body)));
  info.raw_body = as_bytes(message.substr(body));
  return info;
}

}  // namespace lg
