// HTML to reader-visible text. A single forward pass modelled on the tokenizer states of
// [HTML Living Standard] 13.2.5 (data, tag open, tag name, attribute name/value, comment,
// bogus comment, RAWTEXT/RCDATA/script data end tags), without a tree: every construct either
// finds its terminator (and the scan moves past it) or runs to the end of input, as the spec's
// EOF rules do, so the whole pass is linear in the input on any markup.
#include <algorithm>
#include <array>

#include "core/ascii.h"
#include "core/html_entities.h"
#include "core/html_text.h"

namespace lg {
namespace {

constexpr std::size_t kMaxLinks = 10000;
constexpr std::size_t kMaxHref = 64 * 1024;
constexpr std::size_t kMaxVisibleText = 2048;
constexpr std::size_t kMaxTagName = 16;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements whose start and end become a line break (HTML LS 15.3 "display: block" and kin).
bool is_block(std::string_view tag) {
  using namespace std::string_view_literals;
  static constexpr std::array kBlocks = {
      "address"sv, "article"sv, "aside"sv,    "blockquote"sv, "body"sv,   "caption"sv,
      "center"sv,  "dd"sv,      "details"sv,  "dialog"sv,     "dir"sv,    "div"sv,
      "dl"sv,      "dt"sv,      "fieldset"sv, "figcaption"sv, "figure"sv, "footer"sv,
      "form"sv,    "frame"sv,   "frameset"sv, "h1"sv,         "h2"sv,     "h3"sv,
      "h4"sv,      "h5"sv,      "h6"sv,       "header"sv,     "hgroup"sv, "hr"sv,
      "html"sv,    "legend"sv,  "li"sv,       "listing"sv,    "main"sv,   "menu"sv,
      "nav"sv,     "ol"sv,      "option"sv,   "p"sv,          "pre"sv,    "section"sv,
      "summary"sv, "table"sv,   "tbody"sv,    "tfoot"sv,      "thead"sv,  "tr"sv,
      "ul"sv};
  static_assert(std::is_sorted(kBlocks.begin(), kBlocks.end()));
  return std::binary_search(kBlocks.begin(), kBlocks.end(), tag);
}

// Elements whose content a reader never sees (raw text or inert), dropped with their content.
bool is_dropped(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "title" || tag == "template" ||
         tag == "iframe" || tag == "noembed" || tag == "noframes" || tag == "object";
}

// Collapsing text sink: runs of whitespace become one space, block boundaries one newline.
class TextSink {
 public:
  explicit TextSink(std::size_t reserve) { out_.reserve(reserve); }

  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (is_ws(c)) {
        pending_space_ = true;
      } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        pending_space_ = true;  // U+00A0 NO-BREAK SPACE reads as a space
        ++i;
      } else {
        if (pending_space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
        pending_space_ = false;
        out_.push_back(c);
      }
    }
  }
  void space() { pending_space_ = true; }
  void block() {
    pending_space_ = false;
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
  }
  void line_break() {
    pending_space_ = false;
    const std::size_t n = out_.size();
    if (n == 0 || (n >= 2 && out_[n - 1] == '\n' && out_[n - 2] == '\n')) return;
    out_.push_back('\n');
  }
  std::size_t size() const { return out_.size(); }
  std::string_view view() const { return out_; }
  std::string take() {
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

// A URL attribute value as a browser takes it: references decoded, ASCII whitespace at the
// ends stripped, and tab/newline inside removed ([URL Standard] 4.4, basic URL parser).
std::string clean_url(std::string_view raw) {
  std::string v = html_detail::decode_all(raw.substr(0, kMaxHref), true);
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  std::size_t b = 0, e = out.size();
  while (b < e && (out[b] == ' ' || out[b] == '\f' || static_cast<unsigned char>(out[b]) < 0x20)) {
    ++b;
  }
  while (e > b && (out[e - 1] == ' ' || out[e - 1] == '\f' ||
                   static_cast<unsigned char>(out[e - 1]) < 0x20)) {
    --e;
  }
  return out.substr(b, e - b);
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

class Converter {
 public:
  Converter(std::string_view html, std::vector<HtmlElement>* elements)
      : in_(html), sink_(html.size() / 2 + 16), elements_(elements) {}

  HtmlText run() {
    const std::size_t n = in_.size();
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i;
      while (j < n && in_[j] != '<' && in_[j] != '&') ++j;
      if (j > i) sink_.text(in_.substr(i, j - i));
      if (j == n) break;
      i = in_[j] == '&' ? reference(j) : markup(j);
    }
    close_anchor();
    HtmlText r;
    r.text = sink_.take();
    r.links = std::move(links_);
    return r;
  }

 private:
  std::size_t reference(std::size_t i) {
    scratch_.clear();
    const std::size_t used = html_detail::decode_reference(in_.substr(i), false, scratch_);
    if (used == 0) {
      sink_.text("&");
      return i + 1;
    }
    sink_.text(scratch_);
    return i + used;
  }

  // Text with references but no markup (RCDATA: textarea).
  void rcdata(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      const std::size_t amp = s.find('&', i);
      if (amp == std::string_view::npos) {
        sink_.text(s.substr(i));
        return;
      }
      sink_.text(s.substr(i, amp - i));
      scratch_.clear();
      const std::size_t used = html_detail::decode_reference(s.substr(amp), false, scratch_);
      sink_.text(used == 0 ? std::string_view("&") : std::string_view(scratch_));
      i = amp + (used == 0 ? 1 : used);
    }
  }

  // Position just past the '>' of the first "</name" (any case) at or after `from`, with
  // `content_end` set to where that end tag starts; the end of input when there is none.
  std::size_t skip_to_end_tag(std::size_t from, std::string_view name, std::size_t& content_end) {
    std::size_t p = from;
    while (true) {
      const std::size_t q = in_.find("</", p);
      if (q == std::string_view::npos) break;
      const std::size_t after = q + 2 + name.size();
      if (after <= in_.size() && iequals(in_.substr(q + 2, name.size()), name) &&
          (after == in_.size() || is_ws(in_[after]) || in_[after] == '/' || in_[after] == '>')) {
        content_end = q;
        const std::size_t gt = in_.find('>', after);
        return gt == std::string_view::npos ? in_.size() : gt + 1;
      }
      p = q + 2;
    }
    content_end = in_.size();
    return in_.size();
  }

  // '<' at `i`: comment, bogus comment, end tag, start tag, or a literal '<'.
  std::size_t markup(std::size_t i) {
    const std::string_view rest = in_.substr(i);
    if (rest.starts_with("<!--")) return comment(i + 4);
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t e = in_.find("]]>", i + 9);
      return e == std::string_view::npos ? in_.size() : e + 3;
    }
    if (rest.starts_with("<!") || rest.starts_with("<?") ||
        (rest.starts_with("</") && rest.size() > 2 && !is_alpha(rest[2]) && rest[2] != '>')) {
      const std::size_t e = in_.find('>', i + 2);  // bogus comment (13.2.5.41)
      return e == std::string_view::npos ? in_.size() : e + 1;
    }
    if (rest.starts_with("</>")) return i + 3;
    if (rest.size() >= 3 && rest[1] == '/' && is_alpha(rest[2])) return tag(i + 2, true);
    if (rest.size() >= 2 && is_alpha(rest[1])) return tag(i + 1, false);
    sink_.text("<");
    return i + 1;
  }

  // Comment body from `p` (13.2.5.43-52): ends at "-->", "--!>", or abruptly at "<!-->".
  std::size_t comment(std::size_t p) {
    if (p < in_.size() && in_[p] == '>') return p + 1;
    if (in_.substr(p).starts_with("->")) return p + 2;
    while (true) {
      const std::size_t d = in_.find("--", p);
      if (d == std::string_view::npos) return in_.size();
      if (d + 2 < in_.size() && in_[d + 2] == '>') return d + 3;
      if (in_.substr(d + 2).starts_with("!>")) return d + 4;
      p = d + 1;
    }
  }

  // Tag name starting at `p`; returns the position after the tag's '>' (or the end).
  std::size_t tag(std::size_t p, bool end_tag) {
    std::array<char, kMaxTagName> buf{};
    std::size_t len = 0;
    while (p < in_.size() && !is_ws(in_[p]) && in_[p] != '/' && in_[p] != '>') {
      if (len < kMaxTagName) buf[len] = ascii_lower(in_[p]);
      ++len;
      ++p;
    }
    const std::string_view name =
        len <= kMaxTagName ? std::string_view(buf.data(), len) : std::string_view();
    // Which attribute, if any, this tag's link lives in.
    std::string_view wanted;
    if (!end_tag) {
      if (name == "a" || name == "area") wanted = "href";
      if (name == "form") wanted = "action";
    }
    std::string_view value;
    bool has_value = false;
    bool complete = false;
    HtmlElement* element = nullptr;
    if (!end_tag && elements_ != nullptr && !name.empty() && elements_->size() < kMaxHtmlElements) {
      element = &elements_->emplace_back();
      element->name = name;
    }
    p = attributes(p, wanted, value, has_value, complete, element);
    if (!complete) return in_.size();  // EOF inside a tag drops it (13.2.5.32 and kin)
    if (end_tag) {
      if (name == "a") close_anchor();
      if (is_block(name) || name == "br") sink_.block();
      if (name == "td" || name == "th") sink_.space();
      return p;
    }
    if (name == "a") {
      close_anchor();
      if (has_value && links_.size() < kMaxLinks) {
        links_.push_back({clean_url(value), {}});
        anchor_ = links_.size() - 1;
        anchor_start_ = sink_.size();
      }
    } else if ((name == "area" || name == "form") && has_value && links_.size() < kMaxLinks) {
      links_.push_back({clean_url(value), {}});
    }
    if (name == "br") {
      sink_.line_break();
    } else if (is_block(name)) {
      sink_.block();
    } else if (name == "td" || name == "th") {
      sink_.space();
    } else if (is_dropped(name)) {
      std::size_t content_end = 0;
      const std::size_t after = skip_to_end_tag(p, name, content_end);
      if (element != nullptr && (name == "script" || name == "object")) {
        element->content = in_.substr(p, content_end - p);
      }
      return after;
    } else if (name == "textarea" || name == "xmp") {
      std::size_t content_end = 0;
      const std::size_t after = skip_to_end_tag(p, name, content_end);
      if (name == "xmp") {
        sink_.text(in_.substr(p, content_end - p));
      } else {
        rcdata(in_.substr(p, content_end - p));
      }
      return after;
    } else if (name == "plaintext") {
      sink_.text(in_.substr(p));  // 13.2.5.6: the rest of the input is text
      return in_.size();
    }
    return p;
  }

  // Attributes from `p` to the closing '>' (13.2.5.32-39); captures the value of `wanted`,
  // and every attribute into `element` when there is one.
  std::size_t attributes(std::size_t p, std::string_view wanted, std::string_view& value,
                         bool& has_value, bool& complete, HtmlElement* element) {
    const std::size_t n = in_.size();
    while (p < n) {
      while (p < n && (is_ws(in_[p]) || in_[p] == '/')) ++p;
      if (p >= n) break;
      if (in_[p] == '>') {
        complete = true;
        return p + 1;
      }
      const std::size_t name_start = p++;  // a leading '=' belongs to the name (13.2.5.33)
      while (p < n && !is_ws(in_[p]) && in_[p] != '/' && in_[p] != '>' && in_[p] != '=') ++p;
      const std::string_view attr = in_.substr(name_start, p - name_start);
      while (p < n && is_ws(in_[p])) ++p;
      if (p >= n || in_[p] != '=') {
        keep_attribute(element, attr, {});
        continue;
      }
      ++p;
      while (p < n && is_ws(in_[p])) ++p;
      if (p >= n) break;
      std::string_view v;
      if (in_[p] == '"' || in_[p] == '\'') {
        const std::size_t close = in_.find(in_[p], p + 1);
        if (close == std::string_view::npos) return n;  // EOF in a quoted value
        v = in_.substr(p + 1, close - p - 1);
        p = close + 1;
      } else {
        const std::size_t start = p;
        while (p < n && !is_ws(in_[p]) && in_[p] != '>') ++p;
        v = in_.substr(start, p - start);
      }
      keep_attribute(element, attr, v);
      // The first occurrence of an attribute wins (13.2.5.33, duplicate attributes).
      if (!wanted.empty() && !has_value && iequals(attr, wanted)) {
        value = v;
        has_value = true;
      }
    }
    return n;
  }

  static void keep_attribute(HtmlElement* element, std::string_view attr, std::string_view v) {
    if (element == nullptr || element->attributes.size() >= kMaxHtmlAttributes) return;
    std::string lower(attr);
    for (char& c : lower) c = ascii_lower(c);
    element->attributes.emplace_back(std::move(lower), html_detail::decode_all(v, true));
  }

  void close_anchor() {
    if (anchor_ == kNone) return;
    std::string_view t = sink_.view().substr(std::min(anchor_start_, sink_.size()));
    std::string vis;
    vis.reserve(std::min(t.size(), kMaxVisibleText));
    for (char c : cut_utf8(t, kMaxVisibleText)) {
      if (c == '\n') {
        if (!vis.empty() && vis.back() != ' ') vis.push_back(' ');
      } else if (c != ' ' || (!vis.empty() && vis.back() != ' ')) {
        vis.push_back(c);
      }
    }
    while (!vis.empty() && vis.back() == ' ') vis.pop_back();
    links_[anchor_].visible_text = std::move(vis);
    anchor_ = kNone;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::string_view in_;
  TextSink sink_;
  std::vector<HtmlLink> links_;
  std::string scratch_;
  std::size_t anchor_ = kNone;
  std::size_t anchor_start_ = 0;
  std::vector<HtmlElement>* elements_ = nullptr;
};

}  // namespace

HtmlText html_to_text(std::string_view html) { return Converter(html, nullptr).run(); }

HtmlText html_to_text(std::string_view html, std::vector<HtmlElement>& elements) {
  return Converter(html, &elements).run();
}

const std::string* HtmlElement::attribute(std::string_view wanted) const {
  for (const auto& [k, v] : attributes) {
    if (k == wanted) return &v;
  }
  return nullptr;
}

std::string decode_html_entities(std::string_view s) { return html_detail::decode_all(s, false); }

}  // namespace lg
