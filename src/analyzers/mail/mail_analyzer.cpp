// MIME structure walk: [RFC 2045] 5 (Content-Type), 6 (Content-Transfer-Encoding),
// [RFC 2046] 4.1 (text), 5.1 (multipart), 5.2 (message), [RFC 2183] (Content-Disposition),
// [RFC 6532] 3.7 (message/global). Iterative with an explicit stack: nesting in the input
// never becomes recursion here.
#include "analyzers/mail/mail_analyzer.h"

#include <optional>
#include <string>
#include <vector>

#include "analyzers/mail/header.h"
#include "analyzers/mail/mail_summary.h"
#include "analyzers/mail/message_info.h"
#include "analyzers/mail/mime_params.h"
#include "analyzers/mail/multipart.h"
#include "core/charset.h"
#include "core/html_text.h"
#include "core/transfer_encoding.h"

namespace lg {
namespace {

constexpr std::size_t kMaxMimeDepth = 40;        // multipart nesting inside one message
constexpr std::size_t kMaxEmbeddedFiles = 64;    // uuencode/BinHex blocks per text part
constexpr std::size_t kMaxLinksPerPart = 10000;  // links passed on from one HTML part

struct Entity {
  std::string_view bytes;  // header and body
  std::size_t depth = 0;
  bool digest = false;  // inside multipart/digest: the default type is message/rfc822
};

enum class Cte { kIdentity, kBase64, kQuotedPrintable, kUuencode, kUnknown };

Cte parse_cte(std::string_view value, std::string* name) {
  // Tolerate "base64;" and "7bit (comment)".
  std::string v = ascii_lower(trim_ws(value));
  const std::size_t cut = v.find_first_of("; \t(");
  if (cut != std::string::npos) v.resize(cut);
  *name = v;
  if (v.empty() || v == "7bit" || v == "8bit" || v == "binary") return Cte::kIdentity;
  if (v == "base64") return Cte::kBase64;
  if (v == "quoted-printable") return Cte::kQuotedPrintable;
  if (v == "x-uuencode" || v == "uuencode" || v == "x-uue") return Cte::kUuencode;
  return Cte::kUnknown;
}

// True when `data` is ASCII text that needs no conversion: the charset is absent or an ASCII
// superset, and no ESC (ISO-2022 escapes) or NUL (UTF-16) byte hides another encoding.
bool plain_ascii(std::string_view data, std::string_view charset) {
  if (!charset.empty() && !iequals(charset, "us-ascii") && !iequals(charset, "utf-8") &&
      !iequals(charset, "iso-8859-1") && !iequals(charset, "windows-1252")) {
    return false;
  }
  return is_ascii(data) && data.find('\x1b') == std::string_view::npos &&
         data.find('\0') == std::string_view::npos;
}

// Cuts UTF-8 text to at most `max` bytes on a character boundary.
std::string_view cap_text(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

class Walker {
 public:
  explicit Walker(Context& ctx) : ctx_(ctx) {}

  void run(std::string_view message) {
    std::vector<Entity> stack;
    stack.push_back({message, 0, false});
    bool top = true;
    while (!stack.empty()) {
      if (ctx_.should_stop()) {
        ctx_.anomaly("mail: stopped (deadline or cancel)");
        break;
      }
      if (parts_ >= ctx_.limits().max_mime_parts) {
        ctx_.finding(Symbol::LIMIT_EXCEEDED,
                     {"max_mime_parts", "MIME parts beyond the cap skipped"});
        ctx_.anomaly("mail: MIME part limit reached");
        break;
      }
      const Entity e = stack.back();
      stack.pop_back();
      ++parts_;
      HeaderBlock hb = parse_header_block(e.bytes, ctx_.limits().max_headers);
      if (top) {
        const std::string charset = body_charset_hint(hb, e.bytes);
        ParsedAddressFields parsed;
        report_message_summary(hb, charset, ctx_, &parsed);
        info_ = collect_message_info(hb, e.bytes, charset, &parsed);
        top = false;
      }
      if (!hb.blank_line && hb.body_offset < e.bytes.size()) {
        ctx_.anomaly("mail: header section ends without its blank line");
      }
      if (hb.bad_lines > 0) ctx_.anomaly("mail: malformed header lines skipped");
      if (hb.truncated) {
        ctx_.finding(Symbol::LIMIT_EXCEEDED,
                     {"max_headers", "header fields beyond the cap skipped"});
        ctx_.anomaly("mail: header field limit reached");
      }
      entity(e, hb, &stack);
    }
    ctx_.fact("mime_parts", static_cast<std::int64_t>(parts_));
    ctx_.fact("attachments", static_cast<std::int64_t>(attachments_));
    if (info_) {
      // After the walk, so the checks know what the message carries.
      info_->attachments = attachments_;
      ctx_.message(*info_);
    }
  }

 private:
  void malformed(std::string value, std::string detail) {
    ctx_.anomaly("mail: " + detail + (value.empty() ? "" : ": " + value));
    ctx_.finding(Symbol::MIME_MALFORMED, {std::move(value), std::move(detail)});
  }

  void entity(const Entity& e, const HeaderBlock& hb, std::vector<Entity>* stack) {
    const std::string_view body = e.bytes.substr(std::min(hb.body_offset, e.bytes.size()));
    ContentHeader ct;
    if (const HeaderField* f = hb.find("Content-Type")) ct = parse_content_header(f->value());
    report_guessed_charsets(ct.guessed, "Content-Type", ctx_);
    if (ct.value.empty()) {
      ct.value = e.digest ? "message/rfc822" : "text/plain";  // [RFC 2045] 5.2, [RFC 2046] 5.1.5
    } else if (ct.value.find('/') == std::string::npos) {
      malformed(ct.value, "Content-Type without a subtype");
      ct.value = ct.value == "text" ? "text/plain" : "application/octet-stream";
    }
    ContentHeader cd;
    if (const HeaderField* f = hb.find("Content-Disposition")) {
      cd = parse_content_header(f->value());
    }
    report_guessed_charsets(cd.guessed, "Content-Disposition", ctx_);

    if (ct.value.starts_with("multipart/")) {
      multipart(e, body, ct, stack);
      return;
    }
    std::string name = file_name(ct, cd);
    std::string cte_name;
    const HeaderField* cte_field = hb.find("Content-Transfer-Encoding");
    const Cte cte = parse_cte(cte_field ? cte_field->value() : std::string(), &cte_name);
    if (ct.value == "message/rfc822" || ct.value == "message/global") {
      emit_child("message", std::move(name), ct.value, decode_body(body, cte, cte_name),
                 body.size());
      return;
    }
    const bool is_text = ct.value.starts_with("text/");
    const bool attachment = cd.value == "attachment";
    if (!is_text || attachment || !name.empty()) {
      emit_child("attachment", std::move(name), ct.value, decode_body(body, cte, cte_name),
                 body.size());
      return;
    }
    const std::string* charset = ct.param("charset");
    const std::string cs = charset ? *charset : std::string();
    const bool html = ct.value == "text/html";
    if (cte == Cte::kIdentity && body.size() <= ctx_.limits().max_object_bytes) {
      text_part(as_bytes(body), cs, html);  // no copy for 7bit/8bit text
    } else {
      const Bytes data = decode_body(body, cte, cte_name);
      text_part(data, cs, html);
    }
  }

  void multipart(const Entity& e, std::string_view body, const ContentHeader& ct,
                 std::vector<Entity>* stack) {
    if (e.depth + 1 > kMaxMimeDepth) {
      ctx_.finding(Symbol::LIMIT_EXCEEDED, {"mime depth", "multipart nesting beyond the cap"});
      malformed(ct.value, "multipart nesting too deep");
      return;
    }
    const std::string* declared = ct.param("boundary");
    std::string_view boundary = declared ? trim_ws(*declared) : std::string_view();
    const std::size_t room =
        ctx_.limits().max_mime_parts - std::min<std::size_t>(parts_, ctx_.limits().max_mime_parts);
    MultipartBody mb = split_multipart(body, boundary, room + 1);
    if (!mb.found) {
      malformed(declared ? std::string(boundary) : std::string(),
                declared ? "multipart boundary never occurs" : "multipart without a boundary");
      const std::string_view guess = guess_boundary(body);
      if (!guess.empty()) mb = split_multipart(body, guess, room + 1);
      if (!mb.found) {
        // No structure at all: read the body as plain text so nothing is hidden.
        text_part(as_bytes(body), {}, false);
        return;
      }
    }
    if (!mb.closed && !mb.truncated) malformed(ct.value, "multipart without its close delimiter");
    const bool digest = ct.value == "multipart/digest";
    // Push in reverse so that parts come off the stack in order.
    for (auto it = mb.parts.rbegin(); it != mb.parts.rend(); ++it) {
      stack->push_back({*it, e.depth + 1, digest});
    }
  }

  static std::string file_name(const ContentHeader& ct, const ContentHeader& cd) {
    // [RFC 2183] 2.3 filename; the older Content-Type name ([RFC 1341]) is what many write.
    for (const std::string* n :
         {cd.param("filename"), ct.param("name"), cd.param("name"), ct.param("filename")}) {
      if (n && !n->empty()) return *n;
    }
    return {};
  }

  Bytes decode_body(std::string_view body, Cte cte, const std::string& cte_name) {
    const std::size_t max = ctx_.limits().max_object_bytes;
    switch (cte) {
      case Cte::kBase64: {
        Decoding d = decode_base64(body, max);
        if (d.damaged) malformed("base64", "damaged base64 body");
        return std::move(d.data);
      }
      case Cte::kQuotedPrintable: {
        Decoding d = decode_quoted_printable(body, max);
        if (d.damaged) malformed("quoted-printable", "damaged quoted-printable body");
        return std::move(d.data);
      }
      case Cte::kUuencode: {
        std::vector<EmbeddedFile> files = find_embedded_files(body, 1, max);
        if (!files.empty()) return std::move(files.front().data);
        malformed(cte_name, "uuencoded body without a uuencode block");
        break;
      }
      case Cte::kUnknown:
        malformed(cte_name, "unknown Content-Transfer-Encoding, read as 7bit");
        break;
      case Cte::kIdentity:
        break;
    }
    return to_bytes(body.substr(0, std::min<std::size_t>(body.size(), max)));
  }

  void text_part(ByteView data, const std::string& charset, bool html) {
    std::string_view utf8;
    std::string converted;
    if (plain_ascii(as_chars(data), charset)) {
      utf8 = as_chars(data);  // [RFC 2045] 5.2: us-ascii by default; read in place
    } else {
      Decoded d = decode_text(data, charset);
      if (d.guessed) {
        ctx_.finding(Symbol::MAIL_CHARSET_MISMATCH,
                     {charset.empty() ? std::string("(undeclared)") : charset,
                      "body decoded as " + d.charset});
      }
      converted = std::move(d.utf8);
      utf8 = converted;
    }
    const std::size_t max_text = ctx_.limits().max_text_bytes;
    if (html) {
      HtmlText h = html_to_text(utf8);
      ctx_.text(TextKind::kBody, cap_text(h.text, max_text));
      std::size_t n = 0;
      for (const auto& l : h.links) {
        if (++n > kMaxLinksPerPart) break;
        ctx_.link(l.href, l.visible_text);
      }
      return;
    }
    ctx_.text(TextKind::kBody, cap_text(utf8, max_text));
    // Old in-body encodings: uuencode and BinHex blocks are files too.
    std::vector<EmbeddedFile> files =
        find_embedded_files(as_chars(data), kMaxEmbeddedFiles, ctx_.limits().max_object_bytes);
    for (auto& f : files) {
      if (f.damaged) malformed(f.encoding, "damaged " + f.encoding + " block");
      const std::uint64_t encoded = f.end >= f.begin ? f.end - f.begin : 0;
      emit_child("attachment", std::move(f.name), "", std::move(f.data), encoded);
    }
  }

  void emit_child(std::string relation, std::string name, std::string type, Bytes data,
                  std::uint64_t encoded) {
    if (children_refused_) return;
    if (relation == "attachment") ++attachments_;
    ChildInfo info{std::move(relation), std::move(name), std::move(type), encoded};
    if (!ctx_.child(std::move(info), std::move(data)).is_ok()) children_refused_ = true;
  }

  Context& ctx_;
  std::optional<MessageInfo> info_;  // the top-level header's, views into the message
  std::size_t parts_ = 0;
  std::size_t attachments_ = 0;
  bool children_refused_ = false;
};

}  // namespace

Status MailAnalyzer::analyze(ByteView object, Context& ctx) {
  Walker(ctx).run(as_chars(object));
  return Status::ok();
}

}  // namespace lg
