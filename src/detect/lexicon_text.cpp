#include "detect/lexicon_text.h"

#include <array>
#include <bit>
#include <cstring>

#include "core/charset.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_filename_separator(unsigned char c) { return c == '_' || c == '-' || c == '.' || c == '+'; }

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

std::uint64_t load8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

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

// For the 3-byte UTF-8 characters (U+0800..U+FFFF), per block of 64 code points (the lead
// byte's low 4 bits and the second byte's low 6 bits): 1 when stable_cp holds for the whole
// block, 2 when for part of it, 0 when for none.
constexpr auto kStableBlocks = [] {
  std::array<std::uint8_t, 1024> t{};
  for (char32_t block = 0; block < 1024; ++block) {
    int stable = 0;
    for (char32_t cp = block * 64; cp < block * 64 + 64; ++cp) stable += stable_cp(cp) ? 1 : 0;
    t[block] = stable == 64 ? 1 : stable == 0 ? 0 : 2;
  }
  return t;
}();

// True when NFKC_Casefold changes `line` only by lowercasing its ASCII letters (done below):
// well-formed UTF-8 whose other characters are all nfkc_casefold_stable. None of those
// combines with a neighbour, so the line's form is the characters' own forms.
bool folds_as_ascii(std::string_view line) {
  const std::size_t n = line.size();
  std::size_t i = 0;
  while (i < n) {  // bounded: i grows by at least 1 each turn
    if (i + 8 <= n && (load8(line.data() + i) & kHighBits) == 0) {  // eight ASCII bytes
      i += 8;
      continue;
    }
    const auto b = static_cast<unsigned char>(line[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xE0 && b <= 0xEF && i + 3 <= n) {
      // Every stable character is a 3-byte sequence. An overlong form or a surrogate decodes
      // here to a value no stable range holds, so it is refused as decode_utf8 refuses it.
      const auto b1 = static_cast<unsigned char>(line[i + 1]),
                 b2 = static_cast<unsigned char>(line[i + 2]);
      if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
      const std::size_t block = (std::size_t{b & 0x0Fu} << 6) | (b1 & 0x3Fu);
      if (kStableBlocks[block] == 0) return false;
      if (kStableBlocks[block] == 2 && !stable_cp(static_cast<char32_t>(block << 6 | (b2 & 0x3Fu))))
        return false;
      i += 3;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = text_chars::decode_utf8(line, i, cp);
    if (len == 0 || !nfkc_casefold_stable(cp)) return false;
    i += len;
  }
  return true;
}

// The first position at or after `i` holding a byte <= 0x20, or s.size(); eight bytes a step
// (the first flagged byte of a word is exact: bytes before it borrow nothing).
std::size_t next_space_or_control(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= n; i += 8) {
      const std::uint64_t x = load8(s.data() + i);
      if (const std::uint64_t t = (x - 0x2121212121212121ull) & ~x & kHighBits)
        return i + static_cast<std::size_t>(__builtin_ctzll(t)) / 8;
    }
  }
  while (i<n&& static_cast<unsigned char>(s[i])> 0x20) ++i;
  return i;
}

// Copies `n` bytes to `out` with ASCII A-Z lowercased (other bytes as they are); returns the
// end of the copy. Eight bytes a step: a byte's flag is computed from its low seven bits,
// which cannot carry into the next byte.
char* lower_copy(const char* in, std::size_t n, char* out) {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full, kOnes = 0x0101010101010101ull;
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const std::uint64_t x = load8(in + k), low = x & kLow7;
    const std::uint64_t ge_a = low + kOnes * (0x80 - 'A');      // high bit: low >= 'A'
    const std::uint64_t gt_z = low + kOnes * (0x80 - 'Z' - 1);  // high bit: low > 'Z'
    const std::uint64_t upper = ge_a & ~gt_z & ~x & kHighBits;  // and the byte is ASCII
    const std::uint64_t y = x | (upper >> 2);                   // 0x80 >> 2 = 0x20
    std::memcpy(out + k, &y, 8);
  }
  for (; k < n; ++k) out[k] = text_chars::to_lower(in[k]);
  return out + n;
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

void normalize_lexicon_text(std::string_view utf8, TextKind kind, NormalizedText& norm) {
  norm.joins.clear();
  const bool filename = kind == TextKind::kFilename;
  std::string& out = norm.text;
  out.clear();
  char* base = out.data();
  char* o = base;
  bool pending_space = false;
  std::string folded;
  std::size_t pos = 0;
  // One line at a time, so only the lines with non-ASCII characters go through ICU
  // (NFKC_Casefold of ASCII is lowercasing, done below, and nothing composes across a line
  // break).
  while (pos < utf8.size()) {  // bounded: each turn consumes one line
    const auto nl = utf8.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? utf8.size() : nl + 1;
    std::string_view s = utf8.substr(pos, end - pos);
    pos = end;
    // In a line that folds as ASCII, a non-ASCII character is neither a space nor an
    // apostrophe: the fast path below copies it as it is.
    const bool stable = folds_as_ascii(s);
    const unsigned char fast_limit = stable ? 0xFF : 0x7F;
    if (!stable) {
      folded = normalize_nfkc_casefold(s);
      s = folded;
    }
    // Room for the line: the output never grows more than the line (spaces only shrink).
    const auto used = static_cast<std::size_t>(o - base);
    out.resize(used + s.size());
    base = out.data();
    o = base + used;
    std::size_t i = 0;
    while (i < s.size()) {  // bounded: i grows by at least 1 each turn
      // Fast path: a run of ASCII letters, digits and punctuation (lowercased on the way),
      // and in a stable line its other characters too.
      if (!pending_space && stable && !filename) {
        // The same for a stable line, a word at a time: up to the next space or control
        // character, then one lowercasing copy, eight bytes a step.
        const std::size_t start = i;
        i = next_space_or_control(s, i);
        o = lower_copy(s.data() + start, i - start, o);
        if (i == s.size()) break;
      } else if (!pending_space) {
        while (i < s.size()) {
          const auto b = static_cast<unsigned char>(s[i]);
          if (b <= ' ' || b > fast_limit || (filename && is_filename_separator(b))) break;
          *o++ = text_chars::to_lower(static_cast<char>(b));
          ++i;
        }
        if (i == s.size()) break;
      }
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        ++i;
        if (is_ascii_space(c) || (filename && is_filename_separator(c))) {
          pending_space = o != base;
          continue;
        }
        if (pending_space) *o++ = ' ';
        pending_space = false;
        *o++ = text_chars::to_lower(static_cast<char>(c));
        continue;
      }
      char32_t cp = 0;
      std::size_t len = text_chars::decode_utf8(s, i, cp);
      if (len == 0) {  // cannot happen after normalization; keep the byte as it is
        len = 1;
        cp = 0xFFFD;
      }
      if (is_other_space(cp)) {
        pending_space = o != base;
        i += len;
        continue;
      }
      const bool cjk = is_cjk_or_hangul(cp);
      if (pending_space) {
        // Every character is copied as it is (ASCII lowercased, U+2018/U+2019 as '), so
        // the output so far ends with a CJK character exactly when the text before the space
        // did: looked at only here, where it decides.
        if (cjk && ends_cjk(std::string_view(base, static_cast<std::size_t>(o - base))))
          norm.joins.push_back(static_cast<std::uint32_t>(o - base));
        else
          *o++ = ' ';
      }
      pending_space = false;
      if (cp == 0x2018 || cp == 0x2019) {
        *o++ = '\'';
      } else {
        std::memcpy(o, s.data() + i, len);
        o += len;
      }
      i += len;
    }
  }
  out.resize(static_cast<std::size_t>(o - base));
}

}  // namespace lg
