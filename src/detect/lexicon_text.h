#pragma once
/// The one normalization that lexicon phrases and scanned text both go through, so a phrase
/// matches whatever case, width, spacing or line breaks the text uses.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"

namespace lg {

struct NormalizedText {
  std::string text;
  /// Offsets in `text` where a space between two Hangul/CJK characters was removed, ascending
  /// (so a phrase can be required to start a word: see Lexicon::Phrase::cjk_word_start).
  std::vector<std::uint32_t> joins;
};

/// Writes to `out` (replacing its content): `utf8` under NFKC_Casefold (ill-formed UTF-8
/// repaired first), with every run of white space turned into one ASCII space, typographic
/// apostrophes turned into "'", the spaces between two Hangul/kana/CJK characters removed
/// (Korean spacing varies: "입사 지원서" = "입사지원서"), and leading/trailing space dropped.
/// For kFilename, '_', '-', '.' and '+' also count as spaces ("Job_Description.pdf").
/// Linear in the text: lines of ASCII and nfkc_casefold_stable characters are done without
/// ICU, sixteen bytes at a time where they are plain ASCII words.
void normalize_lexicon_text(std::string_view utf8, TextKind kind, NormalizedText& out);

/// The same result as normalize_lexicon_text, with every line through ICU: the definition the
/// faster paths of normalize_lexicon_text are tested against.
void normalize_lexicon_text_by_lines(std::string_view utf8, TextKind kind, NormalizedText& out);

/// True for the common kana, Hangul syllables, CJK ideographs and CJK brackets, which
/// NFKC_Casefold leaves as they are and which compose with nothing before them (so text of
/// ASCII and these needs no ICU pass; checked against ICU code point by code point in tests).
bool nfkc_casefold_stable(char32_t cp);

/// True for the Hangul, kana and CJK ideograph code points (after NFKC).
bool is_cjk_or_hangul(char32_t cp);

}  // namespace lg
