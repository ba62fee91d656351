// [RFC 2047] 2 (syntax), 4.1 ("B"), 4.2 ("Q"), 5 (where words may appear), 6.2 (display:
// whitespace between adjacent words ignored); [RFC 2231] 5 (language suffix in the charset).
#include "analyzers/mail/encoded_word.h"

#include <algorithm>

#include "analyzers/mail/header.h"
#include "core/bytes.h"
#include "core/charset.h"
#include "core/transfer_encoding.h"

namespace lg {
namespace {

// Words longer than this are not encoded words; [RFC 2047] 2 says 75, real mail goes beyond.
constexpr std::size_t kMaxEncodedWord = 4096;
constexpr std::size_t kMaxCharsetName = 64;

struct EncodedWord {
  std::string_view charset;  // without language
  char encoding = 'B';       // 'B' or 'Q'
  std::string_view text;
  std::size_t end = 0;  // offset just after "?="
};

bool is_charset_char(char c) {
  return c > 32 && c < 127 && c != '?' && c != '(' && c != ')' && c != '<' && c != '>' &&
         c != '"' && c != ',' && c != ';' && c != ':' && c != '\\';
}

// Parses "=?charset?X?text?=" at `pos` (where "=?" is). False when it is not a valid word.
// `*next_end` caches the position of the next "?=" so that many "=?" without an end stay
// linear: the positions asked for only grow.
bool parse_word(std::string_view s, std::size_t pos, std::size_t* next_end, EncodedWord* w) {
  std::size_t i = pos + 2;
  const std::size_t cs_begin = i;
  while (i < s.size() && i - cs_begin <= kMaxCharsetName && is_charset_char(s[i])) ++i;
  if (i == cs_begin || i >= s.size() || s[i] != '?' || i - cs_begin > kMaxCharsetName) {
    return false;
  }
  const std::string_view charset = s.substr(cs_begin, i - cs_begin);
  ++i;
  if (i + 1 >= s.size() || s[i + 1] != '?') return false;
  const char enc = s[i];
  if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') return false;
  i += 2;
  // The encoded text holds no '?' ([RFC 2047] 4.2 (3)), so it ends at the first "?=". Spaces
  // inside it are a common violation that is tolerated.
  if (*next_end != std::string_view::npos && *next_end < i) *next_end = s.find("?=", i);
  const std::size_t j = *next_end;
  if (j == std::string_view::npos || j - i > kMaxEncodedWord) return false;
  w->charset = strip_charset_language(charset);
  w->encoding = (enc == 'B' || enc == 'b') ? 'B' : 'Q';
  w->text = s.substr(i, j - i);
  w->end = j + 2;
  return !w->charset.empty();
}

bool all_wsp(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

class Decoder {
 public:
  Decoder(HeaderText* out, std::string_view fallback) : out_(out), fallback_(fallback) {}

  void literal(std::string_view text) {
    flush();
    if (text.empty()) return;
    if (is_ascii(text) || is_valid_utf8(text)) {  // [RFC 6532] 3.2: raw UTF-8 is allowed
      out_->utf8.append(text);
      return;
    }
    if (!fallback_.empty()) {
      Result<std::string> r = convert_to_utf8(as_bytes(text), fallback_);
      if (r) {
        out_->utf8.append(*r);
        return;
      }
    }
    Decoded d = decode_text(as_bytes(text), "");
    if (d.guessed) out_->guessed.emplace_back();
    out_->utf8.append(d.utf8);
  }

  void word(const EncodedWord& w) {
    out_->had_encoded_words = true;
    if (!iequals(w.charset, charset_)) {
      flush();
      charset_.assign(w.charset);
    }
    Decoding d = w.encoding == 'B' ? decode_base64(w.text) : decode_q_encoding(w.text);
    pending_.insert(pending_.end(), d.data.begin(), d.data.end());
    if (d.damaged) out_->malformed = true;
  }

  void flush() {
    if (charset_.empty()) return;
    Decoded d = decode_text(pending_, charset_);
    if (d.guessed) out_->guessed.push_back(charset_);
    out_->utf8.append(d.utf8);
    pending_.clear();
    charset_.clear();
  }

 private:
  HeaderText* out_;
  std::string_view fallback_;
  std::string charset_;  // charset of the pending bytes; empty when none pending
  Bytes pending_;
};

}  // namespace

std::string_view strip_charset_language(std::string_view charset) {
  const std::size_t star = charset.find('*');
  return star == std::string_view::npos ? charset : charset.substr(0, star);
}

HeaderText decode_header_text(std::string_view s, std::string_view fallback) {
  HeaderText out;
  if (s.find("=?") == std::string_view::npos) {
    Decoder(&out, fallback).literal(s);
    return out;
  }
  Decoder dec(&out, fallback);
  std::size_t i = 0;         // start of the pending literal
  std::size_t search = 0;    // where to look for the next "=?"
  bool after_word = false;   // the last thing emitted was an encoded word
  std::size_t next_end = 0;  // cached position of the next "?="
  while (i < s.size()) {
    const std::size_t q = s.find("=?", search);
    if (q == std::string_view::npos) break;
    EncodedWord w;
    if (!parse_word(s, q, &next_end, &w)) {
      out.malformed = true;
      search = q + 1;
      continue;
    }
    const std::string_view between = s.substr(i, q - i);
    // [RFC 2047] 6.2: linear whitespace between two encoded words is not displayed.
    if (!(after_word && all_wsp(between))) dec.literal(between);
    dec.word(w);
    after_word = true;
    i = search = w.end;
  }
  dec.literal(s.substr(std::min(i, s.size())));
  return out;
}

}  // namespace lg
