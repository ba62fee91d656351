// The PDF analyzer: scanning (PdfDocument), the standard security handler (ISO 32000-1
// 7.6), stream decoding with caps (7.4), features (pdf_features.cpp), page text (9.4).
#include "analyzers/pdf/pdf_analyzer.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "analyzers/pdf/pdf_document.h"
#include "analyzers/pdf/pdf_features.h"
#include "analyzers/pdf/pdf_pages.h"
#include "analyzers/pdf/pdf_security.h"
#include "analyzers/pdf/pdf_text.h"

namespace lg {
namespace {

constexpr std::size_t kMinStreamCap = 1u << 20;   // a small stream may still inflate to 1 MiB
constexpr std::size_t kMaxContentStreams = 4096;  // content streams read for page text

std::string cipher_name(PdfCipher c) {
  switch (c) {
    case PdfCipher::kNone:
      return "Identity";
    case PdfCipher::kRc4:
      return "RC4";
    case PdfCipher::kAes128:
      return "AESV2";
    case PdfCipher::kAes256:
      return "AESV3";
  }
  return "?";
}

class PdfRun {
 public:
  PdfRun(ByteView data, Context& ctx) : doc_(data), ctx_(ctx) {
    budget_ = ctx.limits().max_total_bytes;
  }

  void run() {
    facts_and_anomalies();
    security();
    doc_.expand_object_streams([this](const PdfIndirect& e) { return decode(e); });
    if (doc_.escaped_names > 0) {
      ctx_.finding(Symbol::PDF_OBFUSCATED_NAMES, {std::to_string(doc_.escaped_names) + " names",
                                                  "names that spell plain letters as #xx escapes"});
    }
    filters_seen();
    PdfFeatureSummary s;
    report_pdf_features(
        doc_, [this](const PdfIndirect& e) { return decode(e); }, ctx_, &s);
    ctx_.fact("has_js", s.has_js);
    ctx_.fact("has_acroform", s.has_acroform);
    if (!s.open_action.empty()) ctx_.fact("open_action", s.open_action);
    embedded(s);
    pages();
    ctx_.fact("objects", static_cast<std::int64_t>(doc_.objects().size()));
    ctx_.fact("definitions", static_cast<std::int64_t>(doc_.definitions));
    ctx_.fact("object_streams", static_cast<std::int64_t>(doc_.object_streams));
  }

 private:
  void facts_and_anomalies() {
    if (!doc_.version.empty()) ctx_.fact("version", doc_.version);
    if (doc_.version.empty()) ctx_.anomaly("pdf: no %PDF- header in the first 1 KiB");
    if (doc_.header_offset > 0) ctx_.anomaly("pdf: data before the %PDF- header");
    ctx_.fact("streams", static_cast<std::int64_t>(doc_.streams));
    ctx_.fact("incremental_updates",
              static_cast<std::int64_t>(doc_.eof_markers > 0 ? doc_.eof_markers - 1 : 0));
    if (doc_.xref_mismatches > 0) {
      ctx_.anomaly("pdf: " + std::to_string(doc_.xref_mismatches) +
                   " xref entries do not point at their objects");
    }
    if (!doc_.startxref_ok) ctx_.anomaly("pdf: startxref does not point at cross-reference data");
    if (doc_.unterminated_streams > 0) ctx_.anomaly("pdf: stream without endstream");
    if (doc_.too_deep) {
      ctx_.anomaly("pdf: object nesting beyond the cap was cut");
      ctx_.finding(Symbol::PARSE_ANOMALY, {"nesting", "PDF objects nested beyond the cap"});
    }
    if (doc_.too_many_objects) {
      ctx_.finding(Symbol::LIMIT_EXCEEDED, {"pdf objects", "indirect objects beyond the cap"});
    }
  }

  void security() {
    const PdfObject* enc_ref = doc_.trailer().get("Encrypt");
    const PdfObject* enc = doc_.resolve(enc_ref);
    ctx_.fact("encrypted", enc != nullptr && enc->is_dict());
    if (enc == nullptr || !enc->is_dict()) return;
    std::string id0;
    const PdfObject* id = doc_.resolve(doc_.trailer().get("ID"));
    if (id && id->is_array() && !id->items.empty()) {
      const PdfObject* first = doc_.resolve(&id->items[0]);
      if (first && first->kind == PdfObject::Kind::kString) id0 = first->str;
    }
    PdfEncryptParams params = pdf_encrypt_params(*enc, id0);
    std::vector<std::string> passwords{""};
    for (auto& p : ctx_.candidate_passwords()) passwords.push_back(std::move(p));
    security_ = std::make_unique<PdfSecurity>(params, passwords);
    const std::string desc = params.filter + " V" + std::to_string(params.v) + " R" +
                             std::to_string(params.r) + " " + cipher_name(params.stream_cipher) +
                             " " + std::to_string(params.key_bytes * 8) + "-bit";
    ctx_.fact("encryption", pdf_cut_utf8(repair_ascii(desc), 200));
    ctx_.fact("empty_user_password_opens", security_->password_index() == 0);
    ctx_.fact("opened", security_->opened());
    std::string detail = !security_->supported()            ? "unsupported security handler"
                         : security_->password_index() == 0 ? "opens with the empty user password"
                         : security_->opened()              ? "opened with a candidate password"
                                                            : "no known password opens it";
    ctx_.finding(Symbol::PDF_ENCRYPTED, {pdf_cut_utf8(repair_ascii(desc), 200), detail});
    if (!security_->opened()) return;
    // 7.6.2: strings of every indirect object outside object streams, except the /Encrypt
    // dictionary itself and cross-reference streams, are encrypted with the object's key.
    const std::optional<std::uint32_t> skip = enc_ref && enc_ref->kind == PdfObject::Kind::kRef
                                                  ? std::optional(enc_ref->ref.num)
                                                  : std::nullopt;
    for (auto& [num, e] : doc_.mutable_objects()) {
      if (skip && num == *skip) continue;
      if (exempt(e)) continue;
      std::vector<PdfObject*> stack{&e.object};
      while (!stack.empty()) {
        PdfObject* o = stack.back();
        stack.pop_back();
        if (o->kind == PdfObject::Kind::kString) {
          const Bytes d = security_->decrypt(as_bytes(o->str), e.ref, true);
          o->str.assign(d.begin(), d.end());
        }
        for (PdfObject& c : o->items) stack.push_back(&c);
      }
    }
  }

  static std::string repair_ascii(std::string s) {
    for (char& c : s) {
      if (static_cast<unsigned char>(c) >= 0x80 || static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    return s;
  }

  static bool exempt(const PdfIndirect& e) {
    if (e.in_object_stream) return true;
    const PdfObject* t = e.object.get("Type");
    return t && t->is_name("XRef");
  }

  Bytes decode(const PdfIndirect& e) {
    if (!e.has_stream) return {};
    const Limits& lim = ctx_.limits();
    std::size_t cap = static_cast<std::size_t>(std::min<double>(
        static_cast<double>(lim.max_object_bytes),
        std::max<double>(kMinStreamCap, static_cast<double>(e.raw_stream.size()) * lim.max_ratio)));
    cap = std::min<std::size_t>(cap, budget_);
    const std::vector<PdfFilter> chain = doc_.filters(e.object);
    PdfDecoded d;
    if (security_ && security_->opened() && !exempt(e)) {
      const Bytes plain = security_->decrypt(e.raw_stream, e.ref, false);
      d = pdf_decode(plain, chain, cap);
    } else {
      d = pdf_decode(e.raw_stream, chain, cap);
    }
    budget_ -= std::min<std::size_t>(budget_, d.data.size());
    if (d.capped && !cap_reported_) {
      cap_reported_ = true;
      ctx_.finding(Symbol::LIMIT_EXCEEDED,
                   {"pdf stream output", "a stream decoded past its cap (a decompression bomb?)"});
      ctx_.anomaly("pdf: stream output capped");
    }
    if (d.damaged && !damage_reported_) {
      damage_reported_ = true;
      ctx_.anomaly("pdf: damaged stream data");
    }
    return std::move(d.data);
  }

  void filters_seen() {
    for (const auto& [num, e] : doc_.objects()) {
      if (!e.has_stream) continue;
      for (const PdfFilter& f : doc_.filters(e.object)) {
        if (f.name == "JBIG2Decode") {
          ctx_.finding(Symbol::PDF_JBIG2, {"/JBIG2Decode", "object " + std::to_string(num)});
          return;
        }
      }
    }
  }

  void embedded(const PdfFeatureSummary& s) {
    std::int64_t count = 0;
    for (const auto& [num, name] : s.embedded) {
      const PdfIndirect* e = doc_.find(num);
      if (e == nullptr || !e->has_stream) continue;
      ++count;
      ctx_.finding(Symbol::PDF_EMBEDDED_FILE,
                   {name.empty() ? "object " + std::to_string(num) : name, "embedded file stream"});
      ChildInfo info;
      info.relation = "embedded";
      info.name = name;
      info.source_size = e->raw_stream.size();
      if (const PdfObject* sub = doc_.get(e->object, "Subtype");
          sub && sub->kind == PdfObject::Kind::kName) {
        info.declared_type = repair_ascii(sub->str);  // 7.11.4: a MIME type as a name
        std::transform(
            info.declared_type.begin(), info.declared_type.end(), info.declared_type.begin(),
            [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      }
      Bytes data = decode(*e);
      if (!ctx_.child(std::move(info), std::move(data)).is_ok()) break;
    }
    ctx_.fact("embedded_files", count);
  }

  void pages() {
    const std::vector<PdfPage> pages = pdf_pages(doc_);
    ctx_.fact("pages", static_cast<std::int64_t>(pages.size()));
    std::size_t left = ctx_.limits().max_text_bytes;
    std::size_t streams = 0;
    for (const PdfPage& p : pages) {
      if (left == 0 || ctx_.should_stop() || streams >= kMaxContentStreams) break;
      const PdfObject* fonts = p.resources ? doc_.get(*p.resources, "Font") : nullptr;
      auto plain = [&](std::string_view font) {
        if (fonts == nullptr || !fonts->is_dict()) return true;
        return pdf_font_is_plain(doc_, doc_.get(*fonts, font));
      };
      std::vector<const PdfObject*> refs;
      const PdfObject* c = p.page->get("Contents");
      const PdfObject* rc = doc_.resolve(c);
      if (rc && rc->is_array()) {
        for (const PdfObject& x : rc->items) refs.push_back(&x);
      } else if (c) {
        refs.push_back(c);
      }
      std::string content;
      for (const PdfObject* r : refs) {
        if (r->kind != PdfObject::Kind::kRef || streams++ >= kMaxContentStreams) continue;
        const PdfIndirect* e = doc_.find(r->ref.num);
        if (e == nullptr || !e->has_stream) continue;
        const Bytes b = decode(*e);
        content.append(as_chars(b));
        content.push_back('\n');
      }
      const std::string text = pdf_content_text(content, plain, left);
      if (text.find_first_not_of(" \n") == std::string::npos) continue;
      left -= std::min(left, text.size());
      ctx_.text(TextKind::kDocument, text);
    }
  }

  PdfDocument doc_;
  Context& ctx_;
  std::unique_ptr<PdfSecurity> security_;
  std::size_t budget_ = 0;
  bool cap_reported_ = false;
  bool damage_reported_ = false;
};

}  // namespace

Status PdfAnalyzer::analyze(ByteView object, Context& ctx) {
  PdfRun(object, ctx).run();
  return Status::ok();
}

}  // namespace lg
