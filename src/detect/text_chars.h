#pragma once
/// Byte and code point classes for the text scanners. ASCII is decided from the byte alone;
/// only bytes >= 0x80 are decoded.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lg::text_chars {

constexpr bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

constexpr std::array<bool, 256> kAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = is_alnum(static_cast<unsigned char>(c));
  return t;
}();

#if defined(__SSE2__)
/// The lanes of `v` equal to one of `Bytes` (0xFF) or not (0).
template <char... Bytes>
inline __m128i equal_any(__m128i v) {
  __m128i hit = _mm_setzero_si128();
  ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Bytes)))), ...);
  return hit;
}
#endif

/// The first position at or after `from` holding one of `Bytes`, or s.size(): the scanners
/// jump between the few bytes that can start what they look for. Sixteen bytes a step where
/// the target has SSE2 (every x86-64), one at a time otherwise.
template <char... Bytes>
inline std::size_t find_any_of(std::string_view s, std::size_t from) {
  const std::size_t n = s.size();
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    if (const int bits = _mm_movemask_epi8(equal_any<Bytes...>(v)))
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
  }
#endif
  for (; i < n; ++i)
    if (((s[i] == Bytes) || ...)) return i;
  return n;
}

/// [begin, end) of a maximal run of ASCII letters and digits.
struct Run {
  std::size_t begin = 0, end = 0;
  [[nodiscard]] std::size_t size() const { return end - begin; }
};

/// Bit k set when s[base + k] is an ASCII letter or digit, for the 64 bytes from `base`
/// (bytes past the end count as neither).
inline std::uint64_t alnum_mask(std::string_view s, std::size_t base) {
  const std::size_t n = s.size();
  std::uint64_t m = 0;
#if defined(__SSE2__)
  if (n - base >= 64) {
    for (std::size_t k = 0; k < 64; k += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + base + k));
      const __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
      const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);
      const __m128i digit0 = _mm_sub_epi8(v, _mm_set1_epi8('0'));
      const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(digit0, _mm_set1_epi8(9)), digit0);
      m |= static_cast<std::uint64_t>(
               static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit))))
           << k;
    }
    return m;
  }
#endif
  for (std::size_t k = 0; k < 64 && base + k < n; ++k)
    m |= static_cast<std::uint64_t>(kAlnum[static_cast<unsigned char>(s[base + k])]) << k;
  return m;
}

/// Appends the maximal letter-digit runs of `s` at least `min_len` long, in text
/// order: the one pass the address and key finders share (their shortest candidate is far
/// longer than most words, so few runs survive). The letters and digits of each 64-byte
/// block are found as a bit mask; runs inside a block that are long enough are found by
/// shifting and ANDing the mask, so ordinary words cost no work of their own.
inline void long_alnum_runs(std::string_view s, std::size_t min_len, std::vector<Run>& out) {
  const std::size_t n = s.size(), len = std::clamp<std::size_t>(min_len, 1, 64);
  std::size_t open = std::string_view::npos;  // begin of a run reaching the block's end
  for (std::size_t base = 0; base < n; base += 64) {
    std::uint64_t m = alnum_mask(s, base);
    if (open != std::string_view::npos) {
      if (~m == 0) continue;  // the whole block goes on with the run
      const auto end = base + static_cast<std::size_t>(__builtin_ctzll(~m));
      if (end - open >= min_len) out.push_back(Run{open, end});
      open = std::string_view::npos;
      m &= ~((std::uint64_t{1} << (end - base)) - 1);
    }
    // A run reaching the top bit may go on in the next block: it is finished there.
    if (m >> 63) {
      const std::size_t top = ~m == 0 ? 64 : static_cast<std::size_t>(__builtin_clzll(~m));
      open = base + 64 - top;
      m = top == 64 ? 0 : m & ((std::uint64_t{1} << (64 - top)) - 1);
    }
    // Bit k of `x` set when bits k..k+len-1 of m are: a run at least len long starts at or
    // before k.
    std::uint64_t x = m;
    std::size_t covered = 1;
    for (; covered * 2 <= len; covered *= 2) x &= x >> covered;
    if (covered < len) x &= x >> (len - covered);
    while (x != 0) {
      const auto k = static_cast<std::size_t>(__builtin_ctzll(x));
      const auto end = k + static_cast<std::size_t>(__builtin_ctzll(~(m >> k)));
      if (end - k >= min_len) out.push_back(Run{base + k, base + end});
      x &= end >= 64 ? 0 : ~((std::uint64_t{1} << end) - 1);
    }
  }
  if (open != std::string_view::npos && n - open >= min_len) out.push_back(Run{open, n});
}

/// Decodes one UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
/// Returns its length, or 0 for an ill-formed sequence; `cp` gets the code point.
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  std::size_t len;
  char32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/// Non-ASCII code points that end any name or URL: spaces, punctuation and symbols (Latin-1
/// punctuation, General Punctuation, arrows and symbols, CJK Symbols and Punctuation such as
/// 。、「」『』【】, full-width ASCII punctuation such as ）！？, specials, private use, emoji).
inline bool is_stop_cp(char32_t cp) {
  if (cp < 0x80) return false;
  if (cp <= 0xBF) return true;                    // C1 controls, NBSP, « » § ...
  if (cp == 0xD7 || cp == 0xF7) return true;      // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return true;  // punctuation, arrows, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return true;  // CJK symbols and punctuation
  if (cp >= 0xE000 && cp <= 0xF8FF) return true;  // private use
  if (cp >= 0xFE30 && cp <= 0xFE4F) return true;  // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return true;  // full-width ！＂＃ ... ／
  if (cp >= 0xFF1A && cp <= 0xFF20) return true;  // ：；＜＝＞？＠
  if (cp >= 0xFF3B && cp <= 0xFF40) return true;  // ［＼］＾＿｀
  if (cp >= 0xFF5B && cp <= 0xFF65) return true;  // ｛｜｝～ and half-width ｡｢｣､･
  if (cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF)) return true;  // BOM, specials, U+FFFD
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;                  // emoji and pictographs
  return false;
}

/// True for the lead bytes of the UTF-8 sequences is_stop_cp may accept (U+0080..U+00FF,
/// U+2000..U+3FFF, U+E000..U+FFFF, U+10000..U+1FFFF): no other sequence needs decoding to be
/// ruled out.
constexpr bool may_lead_stop_cp(unsigned char b) {
  return b == 0xC2 || b == 0xC3 || b == 0xE2 || b == 0xE3 || b == 0xEE || b == 0xEF || b == 0xF0;
}

/// CJK letters (Hangul, kana, ideographs). They may form IDN labels ("日本語.jp"), but in a
/// URL path they end the URL: Japanese and Korean prose runs on without spaces
/// ("詳細はhttps://example.co.jp/abcを参照").
inline bool is_cjk_letter(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0x31F0 && cp <= 0x31FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF66 && cp <= 0xFFDC) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/// ASCII characters RFC 3986 allows in a URI (unreserved, gen-delims, sub-delims) and '%'.
/// Excluded, and so ending a URL in text: controls, space, " < > \ ^ ` { | } and DEL.
inline bool is_uri_ascii(unsigned char c) {
  if (is_alnum(c)) return true;
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':  // unreserved
    case ':':
    case '/':
    case '?':
    case '#':
    case '[':
    case ']':
    case '@':  // gen-delims
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':  // sub-delims
    case '+':
    case ',':
    case ';':
    case '=':
    case '%':
      return true;
    default:
      return false;
  }
}

}  // namespace lg::text_chars
