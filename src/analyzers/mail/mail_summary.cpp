// Message summary from the top-level header ([RFC 5322] 3.6: originator, destination,
// identification and informational fields).
#include "analyzers/mail/mail_summary.h"

#include <algorithm>
#include <string>

#include "analyzers/mail/address.h"
#include "analyzers/mail/encoded_word.h"
#include "analyzers/mail/message_info.h"
#include "analyzers/mail/mime_params.h"

namespace lg {
namespace {

constexpr std::size_t kMaxFactBytes = 64 * 1024;  // one header fact, after decoding

std::string capped(std::string s) {
  if (s.size() > kMaxFactBytes) {
    std::size_t n = kMaxFactBytes;
    // Cut on a UTF-8 character boundary.
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
  }
  return s;
}

// All fields of this name joined: several From or To fields happen in spam and in attacks.
std::string joined_value(const HeaderBlock& hb, std::string_view name, bool* present) {
  std::string out;
  *present = false;
  for (const auto& f : hb.fields) {
    if (!iequals(f.name, name)) continue;
    if (*present) out += ", ";
    out += f.value();
    *present = true;
  }
  return out;
}

constexpr std::size_t kCharsetHintWindow = 64 * 1024;

constexpr std::size_t kMaxMailboxesPerFact = 256;

void address_fact(const HeaderBlock& hb, std::string_view field, std::string_view key,
                  bool names_as_text, std::string_view fallback, Context& ctx,
                  ParsedAddressFields* parsed) {
  bool present = false;
  const HeaderField* only = nullptr;  // the field, when it occurs once
  for (const auto& f : hb.fields) {
    if (!iequals(f.name, field)) continue;
    only = present ? nullptr : &f;
    present = true;
  }
  if (!present) return;
  // One field: its value is the joined value, and its parse is kept for the caller.
  AddressList list = parse_address_list(only ? only->value() : joined_value(hb, field, &present),
                                        kMaxMailboxesPerFact, fallback);
  report_guessed_charsets(list.guessed, field, ctx);
  std::string formatted = capped(format_mailboxes(list.mailboxes));
  // Display names are read by people (brands, colleagues' names); addresses are observables.
  if (names_as_text) ctx.text(TextKind::kHeader, formatted);
  ctx.fact(key, std::move(formatted));
  if (only && parsed) parsed->lists.emplace_back(only, std::move(list));
}

void text_fact(const HeaderBlock& hb, std::string_view field, std::string_view key,
               std::string_view fallback, Context& ctx) {
  const HeaderField* f = hb.find(field);
  if (!f) return;
  HeaderText t = decode_header_text(f->value(), fallback);
  report_guessed_charsets(t.guessed, field, ctx);
  ctx.fact(key, capped(std::move(t.utf8)));
}

}  // namespace

void report_guessed_charsets(const std::vector<std::string>& guessed, std::string_view where,
                             Context& ctx) {
  for (const auto& cs : guessed) {
    ctx.finding(Symbol::MAIL_CHARSET_MISMATCH,
                {cs.empty() ? std::string("(undeclared 8-bit)") : cs,
                 "charset did not fit the bytes in " + std::string(where)});
  }
}

std::string body_charset_hint(const HeaderBlock& hb, std::string_view message) {
  if (const HeaderField* f = hb.find("Content-Type")) {
    ContentHeader ct = parse_content_header(f->value());
    if (const std::string* cs = ct.param("charset"); cs && !cs->empty()) return *cs;
  }
  std::string_view body = message.substr(std::min(hb.body_offset, message.size()));
  body = body.substr(0, kCharsetHintWindow);
  std::size_t pos = body.find("harset=");  // "charset=" and "Charset="
  if (pos == std::string_view::npos) return {};
  pos += 7;
  if (pos < body.size() && body[pos] == '"') ++pos;
  std::size_t end = pos;
  while (end < body.size() && end - pos < 40) {
    const char c = body[end];
    if (c == '"' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
    ++end;
  }
  return std::string(body.substr(pos, end - pos));
}

void report_message_summary(const HeaderBlock& hb, std::string_view fallback, Context& ctx,
                            ParsedAddressFields* parsed) {
  ctx.fact("headers", static_cast<std::int64_t>(hb.fields.size()));
  address_fact(hb, "From", "from", true, fallback, ctx, parsed);
  address_fact(hb, "To", "to", true, fallback, ctx, parsed);
  address_fact(hb, "Cc", "cc", true, fallback, ctx, parsed);
  address_fact(hb, "Reply-To", "reply_to", true, fallback, ctx, parsed);
  address_fact(hb, "Return-Path", "return_path", false, fallback, ctx, parsed);
  if (const HeaderField* f = hb.find("Subject")) {
    HeaderText t = decode_header_text(f->value(), fallback);
    report_guessed_charsets(t.guessed, "Subject", ctx);
    std::string subject = capped(std::move(t.utf8));
    if (!subject.empty()) ctx.text(TextKind::kSubject, subject);
    ctx.fact("subject", std::move(subject));
  }
  text_fact(hb, "Date", "date", fallback, ctx);
  text_fact(hb, "Message-ID", "message_id", fallback, ctx);
}

}  // namespace lg
