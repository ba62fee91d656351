// Object scanning: ISO 32000-1 7.3.10 (indirect objects), 7.3.8 (streams), 7.5.4 (xref
// table), 7.5.5 (trailer), 7.5.6 (incremental updates), 7.5.7 (object streams), 7.5.8 (xref
// streams). Every search runs forward from a position that only grows, so a scan is linear.
#include "analyzers/pdf/pdf_document.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace lg {
namespace {

constexpr std::size_t kMaxRefChain = 32;        // references followed by resolve()
constexpr std::size_t kMaxHeaderSearch = 1024;  // %PDF- may follow some junk (7.5.2)
constexpr std::size_t kMaxSpaceRun = 64;        // white space inside "N G obj"
constexpr std::size_t kMaxObjStmObjects = 1u << 16;
constexpr std::size_t kMaxTrailers = 4096;
constexpr std::size_t kMaxXrefEntries = 1u << 20;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_white(char c) { return PdfLexer::is_white(static_cast<unsigned char>(c)); }

struct ObjHeader {
  std::uint32_t num = 0;
  std::uint32_t gen = 0;
  std::size_t start = 0;
};

// Walks back from the "obj" at `p` over "N G " (bounded runs). nullopt when it is not a header.
std::optional<ObjHeader> object_header(std::string_view s, std::size_t p) {
  std::size_t i = p;
  auto back_space = [&](std::size_t min) {
    std::size_t k = 0;
    while (i > 0 && k < kMaxSpaceRun && is_white(s[i - 1])) --i, ++k;
    return k >= min;
  };
  auto back_digits = [&](std::size_t max, std::uint64_t* v) {
    const std::size_t end = i;
    while (i > 0 && end - i < max && is_digit(s[i - 1])) --i;
    if (i == end || (i > 0 && is_digit(s[i - 1]))) return false;
    *v = 0;
    for (std::size_t k = i; k < end; ++k) *v = *v * 10 + std::uint64_t(s[k] - '0');
    return true;
  };
  std::uint64_t gen = 0, num = 0;
  if (!back_space(0) || !back_digits(5, &gen) || !back_space(1) || !back_digits(10, &num)) {
    return std::nullopt;
  }
  if (i > 0 && PdfLexer::is_regular(static_cast<unsigned char>(s[i - 1]))) return std::nullopt;
  if (num > 0xFFFFFFFFu || gen > 0xFFFF) return std::nullopt;
  return ObjHeader{static_cast<std::uint32_t>(num), static_cast<std::uint32_t>(gen), i};
}

// True when `kw` at `p` stands alone (not part of a longer regular run).
bool keyword_at(std::string_view s, std::size_t p, std::string_view kw) {
  if (s.substr(p, kw.size()) != kw) return false;
  const std::size_t e = p + kw.size();
  return e >= s.size() || !PdfLexer::is_regular(static_cast<unsigned char>(s[e]));
}

// True when the object header at `off` starts with the number `num` (bounded look: white
// space, then at most 10 digits), so an xref check never lexes a long token.
bool number_at(std::string_view s, std::int64_t off, std::uint64_t num) {
  if (off < 0 || static_cast<std::uint64_t>(off) >= s.size()) return false;
  std::size_t i = static_cast<std::size_t>(off);
  for (std::size_t k = 0; i < s.size() && k < kMaxSpaceRun && is_white(s[i]); ++k) ++i;
  std::uint64_t v = 0;
  std::size_t digits = 0;
  for (; i < s.size() && digits < 10 && is_digit(s[i]); ++i, ++digits) v = v * 10 + (s[i] - '0');
  return digits > 0 && v == num;
}

}  // namespace

PdfDocument::PdfDocument(ByteView data) : text_(as_chars(data)) {
  const std::size_t h = text_.substr(0, kMaxHeaderSearch).find("%PDF-");
  if (h != std::string_view::npos) {
    header_offset = h;
    std::size_t e = h + 5;
    while (e < text_.size() && e < h + 12 && (is_digit(text_[e]) || text_[e] == '.')) ++e;
    version = std::string(text_.substr(h + 5, e - h - 5));
  }
  for (std::size_t p = text_.find("%%EOF"); p != std::string_view::npos;
       p = text_.find("%%EOF", p + 5)) {
    ++eof_markers;
  }
  work += text_.size();  // the %%EOF search: one pass
  scan_objects();
  scan_trailers();
  check_xref_tables();
}

void PdfDocument::add(PdfIndirect e) {
  ++definitions;
  auto it = objects_.find(e.ref.num);
  if (it != objects_.end()) {
    if (it->second.offset > e.offset) return;  // an older definition than the one we hold
    ++overridden;
    it->second = std::move(e);
    return;
  }
  if (objects_.size() >= kPdfMaxIndirectObjects) {
    too_many_objects = true;
    return;
  }
  objects_.emplace(e.ref.num, std::move(e));
}

void PdfDocument::scan_objects() {
  const std::string_view s = text_;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t p = s.find("obj", pos);
    work += (p == std::string_view::npos ? s.size() : p + 3) - pos;
    if (p == std::string_view::npos) break;
    pos = p + 3;
    if (!keyword_at(s, p, "obj")) continue;
    const auto hdr = object_header(s, p);
    if (!hdr) continue;
    PdfLexer lex(s, p + 3);
    ParsedObject po = parse_pdf_object(lex);
    work += (p - hdr->start) + (lex.pos() - (p + 3));
    escaped_names += lex.escaped_names();
    too_deep = too_deep || po.too_deep;
    pos = std::max(pos, lex.pos());
    PdfIndirect e;
    e.ref = {hdr->num, hdr->gen};
    e.offset = hdr->start;
    e.object = std::move(po.object);
    lex.skip_space();
    if (e.object.is_dict() && keyword_at(s, lex.pos(), "stream")) {
      // 7.3.8.1: "stream" then CRLF or LF (a lone CR is tolerated).
      std::size_t start = lex.pos() + 6;
      if (start < s.size() && s[start] == '\r') ++start;
      if (start < s.size() && s[start] == '\n') ++start;
      std::optional<std::size_t> end;
      if (const PdfObject* len = e.object.get("Length")) {
        const auto n = len->as_int();
        if (n && *n >= 0 && static_cast<std::uint64_t>(*n) <= s.size() - start) {
          std::size_t k = start + static_cast<std::size_t>(*n);
          std::size_t j = k;
          while (j < s.size() && j - k < kMaxSpaceRun && is_white(s[j])) ++j;
          if (s.substr(j, 9) == "endstream") end = k;
        }
      }
      std::size_t resume = 0;
      if (end) {
        resume = *end;
      } else {
        std::size_t f = std::string_view::npos;
        if (start < no_endstream_after_) {
          f = s.find("endstream", start);
          work += (f == std::string_view::npos ? s.size() : f + 9) - start;
          if (f == std::string_view::npos) no_endstream_after_ = start;
        }
        if (f == std::string_view::npos) {
          ++unterminated_streams;
          end = s.size();
        } else {
          std::size_t k = f;  // the EOL before "endstream" belongs to the syntax
          if (k > start && s[k - 1] == '\n') --k;
          if (k > start && s[k - 1] == '\r') --k;
          end = k;
        }
        resume = *end;
      }
      e.has_stream = true;
      e.raw_stream = as_bytes(s.substr(start, *end - start));
      ++streams;
      pos = std::max(pos, resume);
    }
    add(std::move(e));
  }
}

void PdfDocument::scan_trailers() {
  // Trailer dictionaries (7.5.5) and cross-reference stream dictionaries (7.5.8), in file
  // order; a later one (an incremental update) overrides the keys of an earlier one.
  std::vector<std::pair<std::size_t, const PdfObject*>> parts;
  std::vector<PdfObject> trailers;
  trailers.reserve(kMaxTrailers);
  std::size_t p = text_.find("trailer");
  while (p != std::string_view::npos && trailers.size() < kMaxTrailers) {
    std::size_t resume = p + 7;
    if (keyword_at(text_, p, "trailer")) {
      PdfLexer lex(text_, p + 7);
      ParsedObject po = parse_pdf_object(lex);
      work += lex.pos() - (p + 7);
      resume = std::max(resume, lex.pos());  // never parse the same bytes twice
      if (po.ok && po.object.is_dict()) {
        trailers.push_back(std::move(po.object));
        parts.emplace_back(p, &trailers.back());
      }
    }
    const std::size_t next = text_.find("trailer", resume);
    work +=
        (next == std::string_view::npos ? text_.size() : next + 7) - std::min(resume, text_.size());
    p = next;
  }
  for (const auto& [num, e] : objects_) {
    const PdfObject* type = e.object.get("Type");
    if (type && type->is_name("XRef")) parts.emplace_back(e.offset, &e.object);
  }
  std::sort(parts.begin(), parts.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  trailer_ = PdfObject();
  trailer_.kind = PdfObject::Kind::kDict;
  std::map<std::string, std::size_t> index;  // key -> slot in trailer_
  for (const auto& [off, d] : parts) {
    for (std::size_t i = 0; i < d->keys.size() && i < d->items.size(); ++i) {
      const std::string& k = d->keys[i];
      auto [it, fresh] = index.emplace(k, trailer_.keys.size());
      if (fresh) {
        trailer_.keys.push_back(k);
        trailer_.items.push_back(d->items[i]);
      } else {
        trailer_.items[it->second] = d->items[i];
      }
    }
  }
}

void PdfDocument::check_xref_tables() {
  // 7.5.4: "xref", subsections "first count", then 20-byte entries "oooooooooo ggggg n".
  std::size_t resume = 0;
  for (std::size_t p = text_.find("xref"); p != std::string_view::npos;
       p = text_.find("xref", std::max(p + 4, resume))) {
    if (!keyword_at(text_, p, "xref") ||
        (p > 0 && PdfLexer::is_regular(static_cast<unsigned char>(text_[p - 1])))) {
      continue;
    }
    PdfLexer lex(text_, p + 4);
    for (;;) {
      const Token first = lex.next();
      const Token count = lex.next();
      if (first.type != TokenType::kInteger || count.type != TokenType::kInteger ||
          first.integer < 0 || count.integer < 0) {
        break;
      }
      for (std::int64_t k = 0; k < count.integer && xref_entries < kMaxXrefEntries; ++k) {
        const Token off = lex.next();
        const Token gen = lex.next();
        const Token kind = lex.next();
        if (off.type != TokenType::kInteger || gen.type != TokenType::kInteger ||
            kind.type != TokenType::kKeyword) {
          break;
        }
        if (kind.text != "n") continue;
        ++xref_entries;
        const std::uint64_t num = static_cast<std::uint64_t>(first.integer + k);
        if (!number_at(text_, off.integer, num)) ++xref_mismatches;
      }
      if (xref_entries >= kMaxXrefEntries) break;
    }
    work += lex.pos() - (p + 4);
    resume = lex.pos();
  }
  work += text_.size();  // the "xref" search: forward only
  const std::size_t sx = text_.rfind("startxref");
  if (sx != std::string_view::npos) {
    PdfLexer lex(text_, sx + 9);
    const Token off = lex.next();
    if (off.type == TokenType::kInteger && off.integer >= 0 &&
        static_cast<std::uint64_t>(off.integer) < text_.size()) {
      const auto o = static_cast<std::size_t>(off.integer);
      PdfLexer at(text_, o);
      at.skip_space();
      if (keyword_at(text_, at.pos(), "xref")) {
        startxref_ok = true;
      } else {  // a cross-reference stream: an object that is /Type /XRef
        for (const auto& [num, e] : objects_) {
          if (e.offset == at.pos()) {
            const PdfObject* type = e.object.get("Type");
            startxref_ok = type && type->is_name("XRef");
            break;
          }
        }
      }
    }
  }
}

void PdfDocument::expand_object_streams(const std::function<Bytes(const PdfIndirect&)>& decode) {
  std::vector<std::uint32_t> holders;
  for (const auto& [num, e] : objects_) {
    const PdfObject* type = e.object.get("Type");
    if (e.has_stream && type && type->is_name("ObjStm")) holders.push_back(num);
  }
  for (const std::uint32_t h : holders) {
    const PdfIndirect* holder = find(h);
    if (holder == nullptr) continue;
    ++object_streams;
    const std::size_t at = holder->offset;
    const std::int64_t n =
        holder->object.get("N") ? holder->object.get("N")->as_int().value_or(0) : 0;
    const std::int64_t first =
        holder->object.get("First") ? holder->object.get("First")->as_int().value_or(0) : 0;
    const Bytes data = decode(*holder);
    const std::string_view s = as_chars(data);
    if (n <= 0 || first < 0 || static_cast<std::uint64_t>(first) > s.size()) continue;
    PdfLexer head(s);
    std::size_t parsed_to = 0;  // offsets overlapping a parsed object are skipped: linear
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(n), kMaxObjStmObjects);
    for (std::size_t k = 0; k < count; ++k) {
      const Token num = head.next();
      const Token off = head.next();
      if (num.type != TokenType::kInteger || off.type != TokenType::kInteger || num.integer < 0 ||
          num.integer > 0xFFFFFFFFll || off.integer < 0 ||
          static_cast<std::uint64_t>(off.integer) > s.size() - static_cast<std::size_t>(first)) {
        break;
      }
      const auto start = static_cast<std::size_t>(first + off.integer);
      if (start < parsed_to) continue;
      PdfLexer lex(s, start);
      ParsedObject po = parse_pdf_object(lex);
      parsed_to = lex.pos();
      escaped_names += lex.escaped_names();
      too_deep = too_deep || po.too_deep;
      if (!po.ok) continue;
      PdfIndirect e;
      e.ref = {static_cast<std::uint32_t>(num.integer), 0};
      e.object = std::move(po.object);
      e.offset = at;
      e.in_object_stream = true;
      add(std::move(e));
    }
  }
}

const PdfIndirect* PdfDocument::find(std::uint32_t num) const {
  auto it = objects_.find(num);
  return it == objects_.end() ? nullptr : &it->second;
}

const PdfObject* PdfDocument::resolve(const PdfObject* o) const {
  for (std::size_t i = 0; o != nullptr && o->kind == PdfObject::Kind::kRef; ++i) {
    if (i >= kMaxRefChain) return nullptr;
    const PdfIndirect* e = find(o->ref.num);
    o = e ? &e->object : nullptr;
  }
  return o;
}

const PdfObject* PdfDocument::get(const PdfObject& dict, std::string_view key) const {
  return resolve(dict.get(key));
}

std::vector<PdfFilter> PdfDocument::filters(const PdfObject& stream_dict) const {
  std::vector<PdfFilter> out;
  const PdfObject* f = get(stream_dict, "Filter");
  const PdfObject* p = get(stream_dict, "DecodeParms");
  if (f == nullptr) return out;
  if (f->kind == PdfObject::Kind::kName) {
    out.push_back({f->str, p && p->is_dict() ? p : nullptr});
    return out;
  }
  if (!f->is_array()) return out;
  for (std::size_t i = 0; i < f->items.size(); ++i) {
    const PdfObject* name = resolve(&f->items[i]);
    if (name == nullptr || name->kind != PdfObject::Kind::kName) continue;
    const PdfObject* parm = nullptr;
    if (p && p->is_array() && i < p->items.size()) parm = resolve(&p->items[i]);
    if (p && p->is_dict() && i == 0) parm = p;
    out.push_back({name->str, parm && parm->is_dict() ? parm : nullptr});
  }
  return out;
}

}  // namespace lg
