#include "detect/lexicon_text.h"

#include "core/charset.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_filename_separator(unsigned char c) { return c == '_' || c == '-' || c == '.' || c == '+'; }

// White space that NFKC_Casefold leaves as it is (it maps U+00A0, U+2000-U+200A and U+3000 to
// U+0020 already, and removes U+200B and U+FEFF).
bool is_other_space(char32_t cp) { return cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

}  // namespace

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
  std::string& out = norm.text;
  norm.joins.clear();
  const std::string folded = normalize_nfkc_casefold(utf8);
  const bool filename = kind == TextKind::kFilename;
  out.clear();
  out.reserve(folded.size());
  bool pending_space = false;
  bool last_cjk = false;
  const std::string_view s = folded;
  std::size_t i = 0;
  while (i < s.size()) {  // bounded: i grows by at least 1 each turn
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (is_ascii_space(c) || (filename && is_filename_separator(c))) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(static_cast<char>(c));
      last_cjk = false;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = text_chars::decode_utf8(s, i, cp);
    if (len == 0) {  // cannot happen after normalization; keep the byte as it is
      len = 1;
      cp = 0xFFFD;
    }
    if (is_other_space(cp)) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    const bool cjk = is_cjk_or_hangul(cp);
    if (pending_space) {
      if (cjk && last_cjk)
        norm.joins.push_back(static_cast<std::uint32_t>(out.size()));
      else
        out.push_back(' ');
    }
    pending_space = false;
    if (cp == 0x2018 || cp == 0x2019) {
      out.push_back('\'');
    } else {
      out.append(s.substr(i, len));
    }
    last_cjk = cjk;
    i += len;
  }
}

}  // namespace lg
