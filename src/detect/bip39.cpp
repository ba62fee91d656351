#include "detect/bip39.h"

#include <algorithm>
#include <array>

#include "core/charset.h"
#include "core/hash.h"
#include "detect/text_chars.h"

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

// What a byte inside a token may be: nothing to look at (0, most bytes), an ASCII separator,
// a lead byte of a separator (U+0080..U+00FF, U+2000.., U+E000.., U+10000..), or 0xE3, whose
// separators (U+3000..U+303F) all have 0x80 as their second byte.
constexpr std::uint8_t kSeparatorByte = 1, kMayLead = 2, kKanaLead = 3;
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const auto b = static_cast<unsigned char>(c);
    if (kSeparator[b]) t[b] = kSeparatorByte;
    if (text_chars::may_lead_stop_cp(b)) t[b] = b == 0xE3 ? kKanaLead : kMayLead;
  }
  return t;
}();

// Called for every byte of every text: one table look-up.
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

// Decomposed text (a combining kana voicing mark U+3099/U+309A, or conjoining Hangul jamo
// U+1100..U+11FF) needs NFC before lookup; precomposed text, the usual case, does not.
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

bool needs_nfc(std::string_view w) {
  for (std::size_t i = 0; i + 2 < w.size(); ++i) {
    auto a = static_cast<unsigned char>(w[i]), b = static_cast<unsigned char>(w[i + 1]),
         c = static_cast<unsigned char>(w[i + 2]);
    if (a == 0xE3 && b == 0x82 && (c == 0x99 || c == 0x9A)) return true;
    if (a == 0xE1 && b >= 0x84 && b <= 0x87) return true;
  }
  return false;
}

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

// Bounded: every turn of the loops below consumes at least one byte.
void Bip39Detector::find(std::string_view text, std::vector<MnemonicMatch>& out,
                         std::size_t max_items) const {
  Run run;
  std::string key;
  std::size_t i = 0;
  const std::size_t n = text.size();
  bool full = out.size() >= max_items;  // kept in a local: `out` is only written by flush
  auto flush = [&] {
    if (run.indices.empty()) return;
    if (run.indices.size() >= 12) {
      finish_run(run, out, max_items);
      full = out.size() >= max_items;
    }
    run.indices.clear();
    run.spans.clear();
    run.language = -1;
  };
  auto separator_at = [&](std::size_t at) {
    auto b = static_cast<unsigned char>(text[at]);
    return b < 0x80 ? is_separator_ascii(b) : separator_utf8(text, at) != 0;
  };
  while (i < n && !full) {
    auto c = static_cast<unsigned char>(text[i]);
    if (is_separator_ascii(c)) {
      ++i;
      continue;
    }
    if (std::size_t sep = c < 0x80 ? 0 : separator_utf8(text, i)) {
      i += sep;
      continue;
    }
    const std::size_t start = i;
    int lang = -1;
    std::uint16_t index = 0;
    std::size_t word_begin = start, word_len = 0;
    // Fast path, most tokens: ASCII letters (then at most a '.' or ':'), packed as read.
    std::uint64_t packed = 0;
    while (i < n && text_chars::is_alpha(static_cast<unsigned char>(text[i]))) {
      packed = (packed << 8) | static_cast<unsigned char>(text_chars::to_lower(text[i]));
      ++i;
    }
    word_len = i - start;
    std::size_t after = i;
    while (after < n && (text[after] == '.' || text[after] == ':')) ++after;
    if (word_len > 0 && (after == n || separator_at(after))) {
      i = after;
      if (word_len >= 3 && word_len <= 8)
        if (int at = find_packed(packed); at >= 0) {
          lang = 0;
          index = static_cast<std::uint16_t>(at);
        }
    } else {
      // To the next separator. Continuation bytes and the leads no separator has are passed
      // with one test each; of the kana leads (0xE3) only those of U+3000..U+303F are decoded.
      while (i < n) {
        if (const std::uint8_t k = kByteClass[static_cast<unsigned char>(text[i])]) {
          if (k == kSeparatorByte) break;
          if ((k == kMayLead || (i + 1 < n && static_cast<unsigned char>(text[i + 1]) == 0x80)) &&
              separator_utf8(text, i) != 0)
            break;
        }
        ++i;
      }
      std::string_view token = text.substr(start, i - start);
      // Numbering and stray punctuation ("1.", "12)", "-") neither count nor break a run.
      std::size_t skip = 0;
      while (skip < token.size() &&
             ((token[skip] >= '0' && token[skip] <= '9') || token[skip] == '.' ||
              token[skip] == ')' || token[skip] == ':' || token[skip] == '-'))
        ++skip;
      word_begin = start + skip;
      token.remove_prefix(skip);
      while (!token.empty() && (token.back() == '.' || token.back() == ':')) token.remove_suffix(1);
      word_len = token.size();
      if (token.empty()) continue;
      lookup(token, key, lang, index);
    }
    if (lang < 0 || (run.language >= 0 && lang != run.language) ||
        run.indices.size() >= kMaxRunWords)
      flush();
    if (lang < 0) continue;
    run.language = lang;
    run.indices.push_back(index);
    run.spans.emplace_back(word_begin, word_begin + word_len);
  }
  flush();
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
