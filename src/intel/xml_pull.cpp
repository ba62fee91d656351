#include "intel/xml_pull.h"
#include "core/utf8.h"

#include <cstdint>

namespace lg {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local_name(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::string XmlPull::decode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    auto semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view ent = raw.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      std::uint32_t cp = 0;
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      bool ok = ent.size() > (hex ? 2u : 1u);
      for (char c : ent.substr(hex ? 2 : 1)) {
        int d = (c >= '0' && c <= '9')                          ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                : -1;
        if (d < 0)
          ok = false;
        else
          cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (!ok) {
        out += '&';
        continue;
      }
      append_utf8(out, cp == 0 ? 0xFFFD : cp);  // no NULs in text
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

XmlPull::Event XmlPull::next() {
  if (pending_end_) {
    pending_end_ = false;
    return Event::kEnd;
  }
  while (pos_ < xml_.size()) {
    if (xml_[pos_] != '<') {
      auto lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos) lt = xml_.size();
      std::string_view raw = xml_.substr(pos_, lt - pos_);
      pos_ = lt;
      bool blank = true;
      for (char c : raw) blank = blank && is_space(c);
      if (blank) continue;
      text_ = decode(raw);
      return Event::kText;
    }
    std::string_view rest = xml_.substr(pos_);
    if (rest.starts_with("<!--")) {  // comment
      auto end = xml_.find("-->", pos_ + 4);
      pos_ = end == std::string_view::npos ? xml_.size() : end + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      auto end = xml_.find("]]>", pos_ + 9);
      std::size_t stop = end == std::string_view::npos ? xml_.size() : end;
      text_ = std::string(xml_.substr(pos_ + 9, stop - pos_ - 9));
      pos_ = end == std::string_view::npos ? xml_.size() : end + 3;
      return Event::kText;
    }
    if (rest.starts_with("<?")) {  // processing instruction
      auto end = xml_.find("?>", pos_ + 2);
      pos_ = end == std::string_view::npos ? xml_.size() : end + 2;
      continue;
    }
    if (rest.starts_with("<!")) {  // DOCTYPE, with any internal subset in [...]: skipped
      std::size_t i = pos_ + 2;
      int depth = 0;
      char quote = 0;
      for (; i < xml_.size(); ++i) {
        char c = xml_[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[') {
          ++depth;
        } else if (c == ']') {
          depth = depth > 0 ? depth - 1 : 0;
        } else if (c == '>' && depth == 0) {
          break;
        }
      }
      pos_ = i < xml_.size() ? i + 1 : xml_.size();
      continue;
    }
    // A tag. Quoted attribute values may hold '>', so scan quotes.
    std::size_t i = pos_ + 1;
    char quote = 0;
    while (i < xml_.size() && (quote || xml_[i] != '>')) {
      if (quote && xml_[i] == quote)
        quote = 0;
      else if (!quote && (xml_[i] == '"' || xml_[i] == '\''))
        quote = xml_[i];
      ++i;
    }
    std::string_view tag = xml_.substr(pos_ + 1, i - pos_ - 1);
    pos_ = i < xml_.size() ? i + 1 : xml_.size();
    bool closing = !tag.empty() && tag.front() == '/';
    bool empty = !tag.empty() && tag.back() == '/';
    if (closing) tag.remove_prefix(1);
    if (empty) tag.remove_suffix(1);
    std::size_t n = 0;
    while (n < tag.size() && !is_space(tag[n])) ++n;
    name_ = local_name(tag.substr(0, n));
    attrs_ = tag.substr(n);
    if (closing) return Event::kEnd;
    pending_end_ = empty;
    return Event::kStart;
  }
  return Event::kDone;
}

std::string XmlPull::attribute(std::string_view key) const {
  std::size_t i = 0;
  while (i < attrs_.size()) {
    while (i < attrs_.size() && is_space(attrs_[i])) ++i;
    std::size_t k = i;
    while (i < attrs_.size() && attrs_[i] != '=' && !is_space(attrs_[i])) ++i;
    std::string_view attr = local_name(attrs_.substr(k, i - k));
    while (i < attrs_.size() && (is_space(attrs_[i]) || attrs_[i] == '=')) ++i;
    if (i >= attrs_.size()) break;
    char q = attrs_[i];
    if (q != '"' && q != '\'') {
      ++i;
      continue;
    }
    auto end = attrs_.find(q, i + 1);
    if (end == std::string_view::npos) break;
    if (attr == key) return decode(attrs_.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return {};
}

}  // namespace lg
