#include "detect/bip39.h"

#include <algorithm>
#include <array>

#include "core/charset.h"
#include "core/hash.h"
#include "detect/text_chars.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lg {
namespace {

constexpr Bip39Language kLanguageList[] = {Bip39Language::kEnglish, Bip39Language::kJapanese,
                                           Bip39Language::kKorean};
constexpr std::size_t kMaxWordBytes = 32;  // longest listed word is 8 letters or 18 bytes NFC

constexpr std::array<bool, 256> make_separator_table() {
  std::array<bool, 256> t{};
  for (int c = 0; c <= 0x20; ++c) t[c] = true;
  for (unsigned char c : std::string_view(",;|\"'()[]{}<>/\x7f")) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kSeparator = make_separator_table();

inline bool is_separator_ascii(unsigned char c) { return kSeparator[c]; }

// Length of a multi-byte separator at `i` (spaces and punctuation: U+00A0, U+3000 the
// ideographic space, 、。, full-width ：，), or 0.
// Called for the bytes that may lead a separator.
std::size_t separator_utf8(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (!text_chars::may_lead_stop_cp(lead)) return 0;
  // Lead 0xE3 is U+3000..U+3FFF: only U+3000..U+303F (second byte 0x80) can stop; kana, the
  // bulk of Japanese text, need no decoding.
  if (lead == 0xE3 && (i + 1 >= s.size() || static_cast<unsigned char>(s[i + 1]) != 0x80)) return 0;
  char32_t cp = 0;
  std::size_t len = text_chars::decode_utf8(s, i, cp);
  return len && text_chars::is_stop_cp(cp) ? len : 0;
}

std::size_t packed_slot(std::uint64_t packed) {
  return static_cast<std::size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 51);  // 13 bits
}

// 15 bits of the same hash: the filter's bit for a packed word.
std::size_t packed_filter_bit(std::uint64_t packed) {
  return static_cast<std::size_t>((packed * 0x9E3779B97F4A7C15ULL) >> 49);
}

// 15 bits of an FNV-1a hash of a Japanese or Korean word: its bit in the list's filter.
std::size_t word_filter_bit(std::string_view w) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> 49);
}

// The low 16 bits of the code point of a 3-byte UTF-8 sequence at the start of `w`.
std::uint32_t first_char_bits(std::string_view w) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(w[0]) & 0x0F) << 12) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(w[1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(w[2]) & 0x3F);
}

// Decomposed text (a combining kana voicing mark U+3099/U+309A, or conjoining Hangul jamo
// U+1100..U+11FF) needs NFC before lookup; precomposed text, the usual case, does not.
bool needs_nfc(std::string_view w) {
  for (std::size_t i = 0; i + 2 < w.size(); ++i) {
    auto a = static_cast<unsigned char>(w[i]), b = static_cast<unsigned char>(w[i + 1]),
         c = static_cast<unsigned char>(w[i + 2]);
    if (a == 0xE3 && b == 0x82 && (c == 0x99 || c == 0x9A)) return true;
    if (a == 0xE1 && b >= 0x84 && b <= 0x87) return true;
  }
  return false;
}

// A token: [begin, end) of the text between separators, without leading numbering and
// stray punctuation ("1.", "12)", "-") and trailing '.' or ':'.
struct Token {
  std::size_t begin = 0, end = 0;
};

// Numbering and punctuation a word may be written after; tokens made only of them neither
// count nor break a run.
bool is_numbering(char c) {
  return (c >= '0' && c <= '9') || c == '.' || c == ')' || c == ':' || c == '-';
}

// Where the tokens of a text are: for each 64-byte block, a bit for every byte that belongs
// to a separator and one for every byte that starts a token. A block is worked out at once
// (16 bytes a step with SSE2); only the bytes that can lead a multi-byte separator, and the
// ASCII punctuation, are looked at one by one. Blocks are computed on first use and the last
// few are kept, so looking back a few tokens costs nothing.
class TokenMap {
 public:
  static constexpr std::size_t kBlock = 64;

  explicit TokenMap(std::string_view s) : s_(s) {}

  // The first position at or after `p` that is (`separator`) or is not part of a separator;
  // the text's size when there is none.
  std::size_t find(std::size_t p, bool separator) {
    while (p < s_.size()) {
      const Block& b = block(p);
      const std::uint64_t m = (separator ? b.sep : ~b.sep) >> (p - b.base);
      if (m != 0) return std::min(s_.size(), p + static_cast<std::size_t>(__builtin_ctzll(m)));
      p = b.base + kBlock;
    }
    return s_.size();
  }

  // Writes the starts of the next `count` tokens at or after `p` (a separator position, a
  // token start or 0) to `out`; returns how many there are, at most `count`.
  std::size_t starts(std::size_t p, std::size_t count, std::size_t* out) {
    std::size_t got = 0;
    while (p < s_.size() && got < count) {
      const Block& b = block(p);
      std::uint64_t m = b.starts & ~bits_below(p - b.base);
      for (; m != 0 && got < count; m &= m - 1)
        out[got++] = b.base + static_cast<std::size_t>(__builtin_ctzll(m));
      p = b.base + kBlock;
    }
    return got;
  }

  // The token starting at `b` (a token start): its end (the separator after it, or the end
  // of the text) and, in `t`, its stripped form. False when it is numbering only.
  bool token_at(std::size_t b, std::size_t& end, Token& t) {
    std::size_t e = end = find(b, true);
    while (b < e && is_numbering(s_[b])) ++b;
    while (e > b && (s_[e - 1] == '.' || s_[e - 1] == ':')) --e;
    t = Token{b, e};
    return b < e;
  }

 private:
  struct Block {
    std::size_t base = std::string_view::npos;
    std::uint64_t sep = 0, starts = 0;
  };

  static std::uint64_t bits_below(std::size_t k) {
    return k >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << k) - 1;
  }

  const Block& block(std::size_t p) {
    const std::size_t base = p - p % kBlock;
    Block& b = cache_[(base / kBlock) % kCached];
    if (b.base != base) load(base, b);
    return b;
  }

  // True when s_[q] belongs to a separator (one that starts at most 3 bytes before it).
  bool separator_byte(std::size_t q) const {
    const auto c = static_cast<unsigned char>(s_[q]);
    if (c < 0x80) return is_separator_ascii(c);
    for (std::size_t r = q >= 3 ? q - 3 : 0; r <= q; ++r)
      if (text_chars::may_lead_stop_cp(static_cast<unsigned char>(s_[r])) &&
          r + separator_utf8(s_, r) > q)
        return true;
    return false;
  }

  void load(std::size_t base, Block& out) const {
    const std::size_t n = s_.size();
    // One byte more than the block is read (the byte after a 0xE3 lead).
    char pad[kBlock + 16] = {};
    const char* p = s_.data() + base;
    if (n - base < kBlock + 16) {
      std::copy(p, s_.data() + n, pad);
      p = pad;
    }
    std::uint64_t sep = 0, punct = 0, lead = 0;
#if defined(__SSE2__)
    for (std::size_t k = 0; k < kBlock; k += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
      // Controls and space are separators; other ASCII bytes that are neither letters nor
      // digits are looked up below.
      const __m128i space = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x20)), v);
      const __m128i printable = _mm_cmpgt_epi8(v, _mm_set1_epi8(0x20));  // 0x21..0x7F
      const __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
      const __m128i letter =
          _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);  // A-Z a-z
      const __m128i digit0 = _mm_sub_epi8(v, _mm_set1_epi8('0'));
      const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(digit0, _mm_set1_epi8(9)), digit0);
      const __m128i other = _mm_andnot_si128(_mm_or_si128(letter, digit), printable);
      sep |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(space))) << k;
      punct |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(other))) << k;
      if (_mm_movemask_epi8(v) == 0) continue;
      // Text other than ASCII: the leads of multi-byte separators. Those of U+3000..U+303F
      // are 0xE3 0x80; other kana are not decoded.
      const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k + 1));
      const __m128i kana = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xE3')),
                                         _mm_cmpeq_epi8(after, _mm_set1_epi8('\x80')));
      const __m128i leads = _mm_or_si128(
          kana, text_chars::equal_any<'\xC2', '\xC3', '\xE2', '\xEE', '\xEF', '\xF0'>(v));
      lead |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(leads))) << k;
    }
#else
    for (std::size_t k = 0; k < kBlock; ++k) {
      const auto c = static_cast<unsigned char>(p[k]);
      if (c <= 0x20) sep |= std::uint64_t{1} << k;
      if (c > 0x20 && c < 0x80 && !text_chars::is_alnum(c)) punct |= std::uint64_t{1} << k;
      if (text_chars::may_lead_stop_cp(c)) lead |= std::uint64_t{1} << k;
    }
#endif
    for (; punct != 0; punct &= punct - 1) {  // without a branch: it would be mispredicted
      const auto k = static_cast<std::size_t>(__builtin_ctzll(punct));
      sep |= static_cast<std::uint64_t>(is_separator_ascii(static_cast<unsigned char>(p[k]))) << k;
    }
    const std::uint64_t inside = bits_below(n - base);
    sep |= ~inside;  // past the end of the text
    // A multi-byte separator that began before the block, then those that begin in it.
    for (std::size_t r = base >= 3 ? base - 3 : 0; r < base; ++r)
      if (text_chars::may_lead_stop_cp(static_cast<unsigned char>(s_[r])))
        if (const std::size_t end = r + separator_utf8(s_, r); end > base)
          sep |= bits_below(end - base);
    for (lead &= inside; lead != 0; lead &= lead - 1) {
      const auto k = static_cast<std::size_t>(__builtin_ctzll(lead));
      if (const std::size_t len = separator_utf8(s_, base + k))
        sep |= bits_below(k + len) & ~bits_below(k);
    }
    // A token starts at a byte outside separators after one inside (or at the text's start).
    const std::uint64_t before = base > 0 && !separator_byte(base - 1) ? 1 : 0;
    out.base = base;
    out.sep = sep;
    out.starts = ~sep & ~((~sep << 1) | before);
  }

  static constexpr std::size_t kCached = 4;
  std::string_view s_;
  std::array<Block, kCached> cache_{};
};

}  // namespace

struct Bip39Detector::Run {
  int language = -1;
  std::vector<std::uint16_t> indices;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end) of each word
};

void Bip39Detector::load_list(std::size_t l) const {
  std::call_once(loaded_[l], [this, l] {
    std::string_view text = bip39_wordlist_text(kLanguageList[l]);
    words_[l].reserve(2048);
    std::size_t pos = 0;
    while (pos < text.size() && words_[l].size() < 2048) {
      auto nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      words_[l].push_back(normalize_nfc(text.substr(pos, nl - pos)));
      pos = nl + 1;
    }
    for (std::size_t i = 0; i < words_[l].size(); ++i) {
      const std::string& w = words_[l][i];
      index_[l].emplace(w, static_cast<std::uint16_t>(i));
      longest_[l] = std::max(longest_[l], w.size());
      if (w.size() >= 3) {
        const std::uint32_t c = first_char_bits(w);
        first_chars_[l][c / 64] |= std::uint64_t{1} << (c % 64);
      }
      const std::size_t bit = word_filter_bit(w);
      word_filter_[l][bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  });
}

Bip39Detector::Bip39Detector() {
  load_list(0);
  packed_keys_.assign(kPackedSlots, 0);
  packed_indices_.assign(kPackedSlots, 0);
  for (std::size_t i = 0; i < words_[0].size(); ++i) {
    const std::string& w = words_[0][i];
    if (w.size() > 8) continue;  // none is: English words are 3-8 letters
    std::uint64_t packed = 0;
    for (char c : w) packed = (packed << 8) | static_cast<unsigned char>(c);
    std::size_t slot = packed_slot(packed);
    while (packed_keys_[slot] != 0) slot = (slot + 1) % kPackedSlots;  // 2048 of 8192 used
    packed_keys_[slot] = packed;
    packed_indices_[slot] = static_cast<std::uint16_t>(i);
    const std::size_t bit = packed_filter_bit(packed);
    packed_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
}

int Bip39Detector::find_packed(std::uint64_t packed) const {
  const std::size_t bit = packed_filter_bit(packed);
  if ((packed_filter_[bit / 64] >> (bit % 64) & 1) == 0) return -1;
  for (std::size_t slot = packed_slot(packed);; slot = (slot + 1) % kPackedSlots) {
    if (packed_keys_[slot] == packed) return packed_indices_[slot];
    if (packed_keys_[slot] == 0) return -1;
  }
}

std::string_view Bip39Detector::word(Bip39Language language, std::uint16_t index) const {
  const auto l = static_cast<std::size_t>(language);
  if (l >= kLanguages) return {};
  load_list(l);
  const auto& list = words_[l];
  return index < list.size() ? std::string_view(list[index]) : std::string_view();
}

bool Bip39Detector::checksum_valid(const std::uint16_t* indices, std::size_t n) {
  if (n < 12 || n > 24 || n % 3 != 0) return false;
  const std::size_t total_bits = n * 11, cs_bits = total_bits / 33,
                    ent_bytes = (total_bits - cs_bits) / 8;
  std::uint8_t bits[33] = {};  // 24 * 11 = 264 bits
  for (std::size_t w = 0; w < n; ++w)
    for (int b = 10; b >= 0; --b) {
      std::size_t pos = w * 11 + static_cast<std::size_t>(10 - b);
      if ((indices[w] >> b) & 1) bits[pos / 8] |= static_cast<std::uint8_t>(0x80 >> (pos % 8));
    }
  const auto hash = sha256(ByteView(bits, ent_bytes));
  // The checksum bits follow the entropy in `bits`; compare them with the hash's first bits.
  for (std::size_t k = 0; k < cs_bits; ++k) {
    std::size_t pos = ent_bytes * 8 + k;
    bool have = (bits[pos / 8] >> (7 - pos % 8)) & 1;
    bool want = (hash[k / 8] >> (7 - k % 8)) & 1;
    if (have != want) return false;
  }
  return true;
}

void Bip39Detector::finish_run(const Run& run, std::vector<MnemonicMatch>& out,
                               std::size_t max_items) const {
  const std::size_t n = run.indices.size();
  std::size_t i = 0;
  while (i + 12 <= n && out.size() < max_items) {
    std::size_t found = 0;
    for (std::size_t len : {24, 21, 18, 15, 12})  // the longest phrase that fits
      if (i + len <= n && checksum_valid(run.indices.data() + i, len)) {
        found = len;
        break;
      }
    if (!found) {
      ++i;
      continue;
    }
    auto lang = kLanguageList[run.language];
    out.push_back(MnemonicMatch{lang, found, std::string(word(lang, run.indices[i])),
                                std::string(word(lang, run.indices[i + found - 1])),
                                run.spans[i].first, run.spans[i + found - 1].second});
    i += found;
  }
}

// Bounded: every turn of the outer loop moves `pos` on by at least one token, and a run is
// followed token by token once, so each token is looked up a bounded number of times.
void Bip39Detector::find(std::string_view text, std::vector<MnemonicMatch>& out,
                         std::size_t max_items) const {
  if (out.size() >= max_items) return;
  TokenMap map(text);
  std::string key;
  auto look_up = [&](const Token& t, int& lang, std::uint16_t& index) {
    lang = -1;
    lookup(text.substr(t.begin, t.end - t.begin), key, lang, index);
  };
  constexpr std::size_t kPhrase = 12;  // the shortest phrase
  std::array<std::size_t, kPhrase> starts{};
  Run run;
  std::size_t pos = 0;  // no run is open at `pos`, a separator position or a token start
  for (;;) {
    // A phrase needs kPhrase list words of one language in a row. Tokens made only of
    // numbering neither count nor break a row; any other token that is not a word of the
    // language of the words after it does: the words before it form a run too short to be a
    // phrase (at most kPhrase - 1 of the tokens from `pos`), so the search goes on after it.
    // The tokens are tried from the kPhrase-th back, as Boyer-Moore does, so in prose most
    // tokens are never looked up at all.
    if (map.starts(pos, kPhrase, starts.data()) < kPhrase) return;
    int lang = -1;
    std::size_t resume = 0;
    bool broken = false;
    for (std::size_t k = kPhrase; k-- > 0;) {
      std::size_t end = 0;
      Token t;
      if (!map.token_at(starts[k], end, t)) continue;
      int l = -1;
      std::uint16_t index = 0;
      look_up(t, l, index);
      if (l < 0 || (lang >= 0 && l != lang)) {
        resume = end;
        broken = true;
        break;
      }
      lang = l;
    }
    if (broken || lang < 0) {
      pos = broken ? resume : map.find(starts[kPhrase - 1], true);
      continue;
    }
    // The tokens from `pos` hold a run that may be a phrase: it is followed token by token
    // until a token that is not a word of its language or kMaxRunWords (bounded work per
    // run), as the contract states it.
    run.language = lang;
    run.indices.clear();
    run.spans.clear();
    for (;;) {
      const std::size_t b = map.find(pos, false);
      if (b >= text.size()) {
        pos = b;
        break;
      }
      std::size_t end = 0;
      Token t;
      if (!map.token_at(b, end, t)) {
        pos = end;
        continue;
      }
      int l = -1;
      std::uint16_t index = 0;
      look_up(t, l, index);
      if (l != lang || run.indices.size() >= kMaxRunWords) {
        // A word of another language, or the word after a cut run, opens the next run.
        pos = l >= 0 ? b : end;
        break;
      }
      run.indices.push_back(index);
      run.spans.emplace_back(t.begin, t.end);
      pos = end;
    }
    if (run.indices.size() >= kPhrase) finish_run(run, out, max_items);
    if (out.size() >= max_items || pos >= text.size()) return;
  }
}

void Bip39Detector::lookup(std::string_view token, std::string& key, int& lang,
                           std::uint16_t& index) const {
  // The lists' scripts tell which one a word can be in: English words are 3-8 ASCII
  // letters, Japanese ones kana (lead byte 0xE3), Korean ones Hangul (0xEA-0xED, or 0xE1
  // for conjoining jamo).
  auto lead = static_cast<unsigned char>(token[0]);
  int candidate = lead < 0x80                                        ? 0
                  : lead == 0xE3                                     ? 1
                  : (lead == 0xE1 || (lead >= 0xEA && lead <= 0xED)) ? 2
                                                                     : -1;
  if (candidate == 0 && (token.size() < 3 || token.size() > 8)) candidate = -1;
  if (candidate == 0) {
    std::uint64_t packed = 0;
    bool letters = true;
    for (char ch : token) {
      letters = letters && text_chars::is_alpha(static_cast<unsigned char>(ch));
      packed = (packed << 8) | static_cast<unsigned char>(text_chars::to_lower(ch));
    }
    if (int at = letters ? find_packed(packed) : -1; at >= 0) {
      lang = 0;
      index = static_cast<std::uint16_t>(at);
    }
  } else if (candidate > 0 && token.size() <= kMaxWordBytes) {
    const auto l = static_cast<std::size_t>(candidate);
    load_list(l);
    std::string_view k = token;
    if (needs_nfc(token)) {
      key = normalize_nfc(token);
      k = key;
    } else {
      // Precomposed (the usual case): the token is its own key; rule out what cannot be a
      // word of the list before hashing it.
      if (token.size() < 3 || token.size() > longest_[l]) return;
      const std::uint32_t c = first_char_bits(token);
      if ((first_chars_[l][c / 64] >> (c % 64) & 1) == 0) return;
    }
    const std::size_t bit = word_filter_bit(k);
    if ((word_filter_[l][bit / 64] >> (bit % 64) & 1) == 0) return;
    const auto& index_of = index_[l];
    if (auto it = index_of.find(k); it != index_of.end()) {
      lang = candidate;
      index = it->second;
    }
  }
}

}  // namespace lg
