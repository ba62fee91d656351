#include "detect/lexicon_text.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/charset.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_filename_separator(unsigned char c) { return c == '_' || c == '-' || c == '.' || c == '+'; }

// nfkc_casefold_stable, inlined into the loops below.
constexpr bool stable_cp(char32_t cp) {
  return (cp >= 0x3001 && cp <= 0x3002) ||  // 、。
         (cp >= 0x3008 && cp <= 0x3011) ||  // 〈〉《》「」『』【】
         (cp >= 0x3041 && cp <= 0x3096) ||  // hiragana (not the voicing marks)
         (cp >= 0x30A1 && cp <= 0x30FA) ||  // katakana
         cp == 0x30FC ||                    // ー
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7A3);    // Hangul syllables
}

// stable_cp for U+0000..U+FFFF, one bit per code point (8 KB).
constexpr auto kStableBits = [] {
  std::array<std::uint64_t, 1024> t{};
  for (char32_t cp = 0; cp < 0x10000; ++cp)
    if (stable_cp(cp)) t[cp >> 6] |= std::uint64_t{1} << (cp & 63);
  return t;
}();

// The code point of the well-formed 3-byte UTF-8 sequence at `p` (with at least 3 bytes)
// when it is stable_cp, else 0. Every stable character is a 3-byte sequence; an overlong form
// or a surrogate decodes to a value no stable range holds, so it is refused as decode_utf8
// refuses it.
inline char32_t stable3(const char* p) {
  const auto b0 = static_cast<unsigned char>(p[0]), b1 = static_cast<unsigned char>(p[1]),
             b2 = static_cast<unsigned char>(p[2]);
  if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
  const char32_t cp = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
  return (kStableBits[cp >> 6] >> (cp & 63)) & 1 ? cp : 0;
}

// The stable characters that are Hangul/CJK (is_cjk_or_hangul): all but the punctuation.
constexpr bool stable_is_cjk(char32_t cp) { return cp >= 0x3040; }

// Whether the 3-byte sequence at `p`, known to be well-formed, is stable_cp (no branch).
inline std::uint64_t stable3_bit(const char* p) {
  const char32_t cp = (char32_t{static_cast<unsigned char>(p[0]) & 0x0Fu} << 12) |
                      (char32_t{static_cast<unsigned char>(p[1]) & 0x3Fu} << 6) |
                      (static_cast<unsigned char>(p[2]) & 0x3Fu);
  return (kStableBits[cp >> 6] >> (cp & 63)) & 1;
}

// The end of the run of stable characters from `p` (which starts one) up to `end`.
const char* stable_run_end(const char* p, const char* end) {
#if defined(__SSE2__)
  // Five characters (15 bytes) a step: the lead and continuation bytes where a run of 3-byte
  // sequences has them, then each code point's bit.
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto lead = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xF0))),
                                         _mm_set1_epi8(static_cast<char>(0xE0)))));
    const auto cont = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))),
                                         _mm_set1_epi8(static_cast<char>(0x80)))));
    if ((lead & 0x7FFF) != 0x1249 || (cont & 0x7FFF) != 0x6DB6) break;
    if ((stable3_bit(p) & stable3_bit(p + 3) & stable3_bit(p + 6) & stable3_bit(p + 9) &
         stable3_bit(p + 12)) == 0)
      break;
    p += 15;
  }
#endif
  while (end - p >= 3 && stable3(p) != 0) p += 3;  // bounded by end
  return p;
}

// The ASCII character NFKC_Casefold gives for the character at `p` when it gives one that
// combines with nothing (`len` gets the character's length), else 0: full-width ASCII, the
// no-break and ideographic spaces, and the typographic apostrophes, which lexicon text takes
// as "'" (see put_folded).
unsigned char ascii_form(const char* p, const char* end, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 == 0xC2) {
    if (end - p < 2 || static_cast<unsigned char>(p[1]) != 0xA0) return 0;
    len = 2;
    return ' ';  // U+00A0
  }
  if (end - p < 3) return 0;
  const auto b1 = static_cast<unsigned char>(p[1]), b2 = static_cast<unsigned char>(p[2]);
  len = 3;
  if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) return b2 - 0x60;  // U+FF01..FF3F
  if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) return b2 - 0x20;  // U+FF40..FF5E
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return ' ';                      // U+3000
  if (b0 == 0xE2 && b1 == 0x80 && (b2 == 0x98 || b2 == 0x99)) return '\'';     // U+2018/9
  return 0;
}

// True when `s` (well-formed UTF-8) ends with a Hangul/CJK character.
bool ends_cjk(std::string_view s) {
  if (s.empty() || static_cast<unsigned char>(s.back()) < 0x80) return false;
  std::size_t i = s.size() - 1;  // back to the lead byte (at most 3 steps)
  for (int k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k) --i;
  char32_t cp = 0;
  return text_chars::decode_utf8(s, i, cp) != 0 && is_cjk_or_hangul(cp);
}

// White space that NFKC_Casefold leaves as it is (it maps U+00A0, U+2000-U+200A and U+3000 to
// U+0020 already, and removes U+200B and U+FEFF).
bool is_other_space(char32_t cp) { return cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

// The normalization of one text into NormalizedText, a line at a time (nothing composes
// across a line break). A line is defined by what NFKC_Casefold (ICU) makes of it, spaces
// then folded by put_folded(); run() reaches the same result without ICU for the lines of
// ASCII and nfkc_casefold_stable characters (NFKC_Casefold of ASCII is lowercasing, and
// the stable characters stay as they are and combine with no neighbour), and falls back to
// ICU for a line as soon as it meets another character.
class Normalizer {
 public:
  Normalizer(std::string_view in, TextKind kind, NormalizedText& norm)
      : in_(in), filename_(kind == TextKind::kFilename), norm_(norm), out_(norm.text) {
    norm_.joins.clear();
    base_ = o_ = out_.data();
  }

  // Every line through ICU: the definition run() must agree with.
  void run_reference() {
    std::size_t pos = 0;
    while (pos < in_.size()) {  // bounded: each turn consumes one line
      const auto nl = in_.find('\n', pos);
      const std::size_t end = nl == std::string_view::npos ? in_.size() : nl + 1;
      fold_line(in_.substr(pos, end - pos));
      pos = end;
    }
    finish();
  }

  void run();

 private:
  // The output so far.
  [[nodiscard]] std::size_t used() const { return static_cast<std::size_t>(o_ - base_); }

  // Makes room for `more` bytes after o_ (and 16 for whole-block stores).
  void reserve(std::size_t more) {
    const std::size_t at = used(), need = at + more + 16;
    if (out_.size() < need) out_.resize(std::max(need, out_.size() * 2));
    base_ = out_.data();
    o_ = base_ + at;
  }

  void finish() { out_.resize(used()); }

  // A space is pending and `cp` (Hangul/CJK or not) follows: removes the space between two
  // Hangul/CJK characters (noting where), else writes it.
  void put_pending_space(char32_t cp) {
    // Every character is copied as it is (ASCII lowercased, U+2018/U+2019 as '), so the
    // output so far ends with a CJK character exactly when the text before the space did:
    // looked at only here, where it decides.
    if (is_cjk_or_hangul(cp) && ends_cjk(std::string_view(base_, used())))
      norm_.joins.push_back(static_cast<std::uint32_t>(used()));
    else
      *o_++ = ' ';
    pending_space_ = false;
  }

  void fold_line(std::string_view line) {
    const std::string folded = normalize_nfkc_casefold(line);
    reserve(folded.size());  // the output never grows more than its input (spaces only shrink)
    put_folded(folded);
  }

  void put_folded(std::string_view s);

  // Copies the run of stable characters at `p` (the first is `cp`) and the single spaces
  // between them (removed between two Hangul/CJK characters); advances `p` past it.
  void put_stable_run(const char*& p, const char* end, char32_t cp);

  std::string_view in_;
  bool filename_;
  NormalizedText& norm_;
  std::string& out_;
  char* base_;
  char* o_;
  bool pending_space_ = false;
};

void Normalizer::put_stable_run(const char*& p, const char* end, char32_t cp) {
  if (pending_space_) {
    // As put_pending_space, knowing the character: often the output ends with one of the
    // same kind.
    if (!stable_is_cjk(cp)) {
      *o_++ = ' ';
    } else if (used() >= 3 && stable3(o_ - 3) != 0) {
      if (stable_is_cjk(stable3(o_ - 3)))
        norm_.joins.push_back(static_cast<std::uint32_t>(used()));
      else
        *o_++ = ' ';
    } else {
      put_pending_space(cp);
    }
    pending_space_ = false;
  }
  const char* q = p + 3;
  for (;;) {  // bounded: q grows each turn
    q = stable_run_end(q, end);
    // A single space, then a stable character: in the output only when one of the two
    // characters around it is not Hangul/CJK.
    if (end - q < 4 || *q != ' ') break;
    const char32_t next = stable3(q + 1);
    if (next == 0) break;
    if (stable_is_cjk(next) && stable_is_cjk(stable3(q - 3))) {
      std::memcpy(o_, p, static_cast<std::size_t>(q - p));
      o_ += q - p;
      norm_.joins.push_back(static_cast<std::uint32_t>(used()));
      p = q + 1;
    }
    q += 4;
  }
  std::memcpy(o_, p, static_cast<std::size_t>(q - p));
  o_ += q - p;
  p = q;
}

// Writes NFKC_Casefold output `s` with its spaces folded.
void Normalizer::put_folded(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {    // bounded: i grows by at least 1 each turn
    if (!pending_space_) {  // a run of ASCII letters, digits and punctuation, lowercased
      while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b <= ' ' || b > 0x7F || (filename_ && is_filename_separator(b))) break;
        *o_++ = text_chars::to_lower(static_cast<char>(b));
        ++i;
      }
      if (i == s.size()) break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (is_ascii_space(c) || (filename_ && is_filename_separator(c))) {
        pending_space_ = o_ != base_;
        continue;
      }
      if (pending_space_) *o_++ = ' ';
      pending_space_ = false;
      *o_++ = text_chars::to_lower(static_cast<char>(c));
      continue;
    }
    char32_t cp = 0;
    std::size_t len = text_chars::decode_utf8(s, i, cp);
    if (len == 0) {  // cannot happen after normalization; keep the byte as it is
      len = 1;
      cp = 0xFFFD;
    }
    if (is_other_space(cp)) {
      pending_space_ = o_ != base_;
      i += len;
      continue;
    }
    if (pending_space_) put_pending_space(cp);
    if (cp == 0x2018 || cp == 0x2019) {
      *o_++ = '\'';
    } else {
      std::memcpy(o_, s.data() + i, len);
      o_ += len;
    }
    i += len;
  }
}

void Normalizer::run() {
  const char* p = in_.data();
  const char* const end = p + in_.size();
  // Room for all of it: until a line goes through ICU, the output never outgrows the input
  // (a pending space is written for the input byte it stood for).
  reserve(in_.size());
  // Where the current line started, in the input and the output, and the state there: a line
  // met with a character that needs ICU is done again from there.
  const char* line = p;
  std::size_t line_out = 0, line_joins = 0;
  bool line_pending = false;
  while (p < end) {  // bounded: p grows by at least 1 each turn
#if defined(__SSE2__)
    // Sixteen bytes at a time, lowercased and stored whole, of which the run of letters,
    // digits, punctuation and single spaces between those counts (the rest is done below).
    if (!filename_ && end - p >= 16) {
      // A pending space before a letter, digit or punctuation is written as it is.
      const auto first = static_cast<unsigned char>(*p);
      if (pending_space_ && first > ' ' && first < 0x80) {
        *o_++ = ' ';
        pending_space_ = false;
      }
      while (!pending_space_ && end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o_),
                         _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
        // Bytes >= 0x80 are negative to the signed compare, so `low` is exactly <= 0x20.
        const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
        const unsigned low =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)))) &
            ~high;
        const unsigned space =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
        // A space is copied as it is only between two characters of the run (or after what
        // the output ends with, which is no space): not at the output's start, not last,
        // not before another space, a control byte or a non-ASCII character (which may be
        // Hangul/CJK).
        const unsigned special = high | low;
        const unsigned edges = o_ == base_ ? 0x8001u : 0x8000u;
        const unsigned stop = (special & ~space) | (space & ((special >> 1) | edges)) | 0x10000u;
        const auto k = static_cast<std::size_t>(__builtin_ctz(stop));
        p += k;
        o_ += k;
        if (k < 16) break;
      }
      if (p == end) break;
    }
#endif
    auto c = static_cast<unsigned char>(*p);
    std::size_t len = 1;
    if (c >= 0x80) {
      c = ascii_form(p, end, len);
      if (c == 0 && end - p >= 3) {
        if (const char32_t cp = stable3(p)) {
          put_stable_run(p, end, cp);
          continue;
        }
      }
      if (c == 0) {  // a character that needs ICU: the line again, through ICU
        o_ = base_ + line_out;
        norm_.joins.resize(line_joins);
        pending_space_ = line_pending;
        const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        p = nl == nullptr ? end : static_cast<const char*>(nl) + 1;
        fold_line(std::string_view(line, static_cast<std::size_t>(p - line)));
        reserve(static_cast<std::size_t>(end - p) + 1);
        line = p;
        line_out = used();
        line_joins = norm_.joins.size();
        line_pending = pending_space_;
        continue;
      }
    }
    p += len;
    if (is_ascii_space(c) || (filename_ && is_filename_separator(c))) {
      pending_space_ = o_ != base_;
      if (c == '\n') {
        line = p;
        line_out = used();
        line_joins = norm_.joins.size();
        line_pending = pending_space_;
      }
      continue;
    }
    if (pending_space_) *o_++ = ' ';
    pending_space_ = false;
    *o_++ = text_chars::to_lower(static_cast<char>(c));
  }
  finish();
}

}  // namespace

bool nfkc_casefold_stable(char32_t cp) { return stable_cp(cp); }

bool is_cjk_or_hangul(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) ||  // Hangul Jamo
         (cp >= 0x3005 && cp <= 0x3007) ||  // 々 〆 〇
         (cp >= 0x3040 && cp <= 0x30FF) ||  // hiragana, katakana (with ー)
         (cp >= 0x3130 && cp <= 0x318F) ||  // Hangul compatibility Jamo
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7A3) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF);    // CJK compatibility ideographs
}

void normalize_lexicon_text(std::string_view utf8, TextKind kind, NormalizedText& out) {
  Normalizer(utf8, kind, out).run();
}

void normalize_lexicon_text_by_lines(std::string_view utf8, TextKind kind, NormalizedText& out) {
  Normalizer(utf8, kind, out).run_reference();
}

}  // namespace lg
