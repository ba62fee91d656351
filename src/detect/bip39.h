#pragma once
/// BIP-39 mnemonic phrases in text: runs of 12, 15, 18, 21 or 24 words from one of the
/// English, Japanese or Korean lists whose checksum holds (BIP-39 "Generating the mnemonic":
/// the last ENT/32 bits are the first bits of SHA-256 of the entropy). A run of list words
/// that fails its checksum is prose, not a phrase. Immutable after construction; shared.
#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intel/bip39_wordlists.h"

namespace lg {

struct MnemonicMatch {
  Bip39Language language = Bip39Language::kEnglish;
  std::size_t words = 0;
  std::string first_word, last_word;  // as listed (NFC), for masked evidence
  std::size_t begin = 0, end = 0;     // where the phrase was written in the text
};

class Bip39Detector {
 public:
  /// A run of list words longer than this is cut (bounded work per run).
  static constexpr std::size_t kMaxRunWords = 4096;

  /// Builds the English word index from the embedded list; the Japanese and Korean ones are
  /// built on their first use (most text has no word in those scripts). Lists are normalized
  /// to NFC, as text arrives.
  Bip39Detector();

  /// Appends the phrases in `text` to `out`, at most `max_items`. Words may be separated by
  /// whitespace, U+3000 (the ideographic space the Japanese list is written with), commas,
  /// and numbering ("1. abandon 2. ability"); ASCII case is ignored.
  void find(std::string_view text, std::vector<MnemonicMatch>& out,
            std::size_t max_items = 16) const;

  /// True when `indices` (12..24 words, a multiple of 3, each < 2048) carry a valid checksum.
  static bool checksum_valid(const std::uint16_t* indices, std::size_t n);

  /// The word at `index` of `language` (NFC), "" when out of range.
  [[nodiscard]] std::string_view word(Bip39Language language, std::uint16_t index) const;

 private:
  struct Run;
  /// Looks a token up in the list its script points to; sets `lang` and `index` on a hit.
  void lookup(std::string_view token, std::string& key, int& lang, std::uint16_t& index) const;
  void finish_run(const Run& run, std::vector<MnemonicMatch>& out, std::size_t max_items) const;

  /// English words packed into an integer (one byte a letter) in an open-addressing table:
  /// the hot path for prose, without hashing strings.
  static constexpr std::size_t kPackedSlots = 8192;
  [[nodiscard]] int find_packed(std::uint64_t packed) const;

  static constexpr std::size_t kLanguages = 3;
  /// Fills words_[l] and index_[l], once (thread-safe).
  void load_list(std::size_t l) const;
  std::vector<std::uint64_t> packed_keys_;  // kPackedSlots, 0 = empty
  /// One bit per 15-bit hash of the listed words (4 KiB, stays in L1): about 94% of the
  /// prose words that are not listed are turned away before the 64 KiB table is read.
  std::array<std::uint64_t, 512> packed_filter_{};
  std::vector<std::uint16_t> packed_indices_;
  mutable std::array<std::once_flag, kLanguages> loaded_;
  mutable std::array<std::vector<std::string>, kLanguages> words_;
  mutable std::array<std::unordered_map<std::string_view, std::uint16_t>, kLanguages> index_;
  /// Per list, a bit for each first character of its words (the low 16 bits of the code
  /// point; every Japanese and Korean word starts with a 3-byte character) and the longest
  /// word: most tokens of prose are turned away before a string is hashed.
  mutable std::array<std::array<std::uint64_t, 1024>, kLanguages> first_chars_{};
  mutable std::array<std::size_t, kLanguages> longest_{};
  /// Per list, one bit per 15-bit hash of its words (word_filter_bit): the hash table is
  /// searched for about 6% of the tokens that pass the tests above and are not words.
  mutable std::array<std::array<std::uint64_t, 512>, kLanguages> word_filter_{};
};

}  // namespace lg
