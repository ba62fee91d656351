#include "report/text_width.h"

#include <cstdio>

#include "core/json_writer.h"  // next_utf8_char, append_utf8

namespace lg {

namespace {

struct Range {
  char32_t lo, hi;
};

// East Asian Wide (W) and Fullwidth (F) blocks from [UAX #11] EastAsianWidth.txt, coarsened to
// whole blocks: a few unassigned code points in them count 2, which only errs towards
// shorter lines.
constexpr Range kWide[] = {
    {0x1100, 0x115F},  // Hangul Jamo initial consonants
    {0x231A, 0x231B},  // watch, hourglass
    {0x2329, 0x232A},  // angle brackets
    {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},
    {0x2614, 0x2615},
    {0x2648, 0x2653},
    {0x267F, 0x267F},
    {0x2693, 0x2693},
    {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},
    {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},
    {0x26EA, 0x26EA},
    {0x26F2, 0x26F5},
    {0x26FA, 0x26FD},
    {0x2705, 0x2705},
    {0x270A, 0x270B},
    {0x2728, 0x2728},
    {0x274C, 0x274C},
    {0x274E, 0x274E},
    {0x2753, 0x2755},
    {0x2757, 0x2757},
    {0x2795, 0x2797},
    {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},
    {0x2E80, 0x303E},  // CJK radicals, Kangxi, ideographic description, CJK symbols
    {0x3041, 0x3247},  // hiragana, katakana, bopomofo, Hangul compatibility jamo, kanbun,
                       // CJK strokes, enclosed CJK (U+3248-324F are ambiguous width)
    {0x3250, 0x33FF},  // enclosed CJK, CJK compatibility
    {0x3400, 0x4DBF},  // CJK Extension A
    {0x4E00, 0x9FFF},  // CJK unified ideographs
    {0xA000, 0xA4CF},  // Yi
    {0xA960, 0xA97F},  // Hangul Jamo Extended-A
    {0xAC00, 0xD7A3},  // Hangul syllables
    {0xF900, 0xFAFF},  // CJK compatibility ideographs
    {0xFE10, 0xFE19},  // vertical forms
    {0xFE30, 0xFE6F},  // CJK compatibility forms, small form variants
    {0xFF00, 0xFF60},  // fullwidth ASCII and punctuation
    {0xFFE0, 0xFFE6},  // fullwidth signs
    {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF},  // Tangut
    {0x1B000, 0x1B2FF},  // kana supplement and extensions
    {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251},  // enclosed ideographic supplement
    {0x1F260, 0x1F265},
    {0x1F300, 0x1F64F},  // pictographs and emoticons (most are wide; a few are not)
    {0x1F680, 0x1F6FF},  // transport and map symbols
    {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F9FF},  // supplemental symbols and pictographs
    {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD},  // CJK Extension B..F, compatibility supplement
    {0x30000, 0x3FFFD},  // CJK Extension G..
};

// Combining marks and zero-width characters that take no column of their own.
constexpr Range kZero[] = {
    {0x0300, 0x036F},  // combining diacritical marks
    {0x0483, 0x0489},
    {0x0591, 0x05BD},
    {0x0610, 0x061A},
    {0x064B, 0x065F},
    {0x1160, 0x11FF},  // Hangul Jamo medial vowels and final consonants
                       // (conjoining)
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x20D0, 0x20FF},
    {0x302A, 0x302D},  // ideographic tone marks
    {0x3099, 0x309A},  // combining kana voiced marks
    {0xFE00, 0xFE0F},  // variation selectors
    {0xFE20, 0xFE2F},
    {0xE0100, 0xE01EF},
};

template <std::size_t N>
bool in_ranges(const Range (&ranges)[N], char32_t cp) {
  // Ranges are sorted and few: a binary search keeps this O(log n) a character.
  std::size_t lo = 0, hi = N;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (cp < ranges[mid].lo) {
      hi = mid;
    } else if (cp > ranges[mid].hi) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

constexpr std::string_view kEllipsis = "\u2026";

}  // namespace

int char_width(char32_t cp) {
  if (cp < 0x300) return 1;
  if (in_ranges(kZero, cp)) return 0;
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return 0;
  if (in_ranges(kWide, cp)) return 2;
  return 1;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Utf8Char c = next_utf8_char(utf8, pos);
    width += static_cast<std::size_t>(char_width(c.cp));
    pos += c.len;
  }
  return width;
}

std::string prefix_within_width(std::string_view utf8, std::size_t columns) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Utf8Char c = next_utf8_char(utf8, pos);
    const auto w = static_cast<std::size_t>(char_width(c.cp));
    if (width + w > columns) break;
    width += w;
    append_utf8(out, c.cp);
    pos += c.len;
  }
  return out;
}

std::string truncate_to_width(std::string_view utf8, std::size_t columns) {
  if (display_width(utf8) <= columns) return prefix_within_width(utf8, columns);
  if (columns == 0) return {};
  return prefix_within_width(utf8, columns - 1) + std::string(kEllipsis);  // 1 column
}

bool is_hidden_char(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;  // C0, DEL, C1
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x200E:
    case 0x200F:
    case 0x2028:
    case 0x2029:
    case 0xFEFF:
      return true;
    default:
      break;
  }
  return (cp >= 0x202A && cp <= 0x202E) ||  // LRE RLE PDF LRO RLO
         (cp >= 0x2060 && cp <= 0x206F) ||  // word joiner, invisible operators, LRI RLI FSI PDI
         (cp >= 0xFFF9 && cp <= 0xFFFB) ||  // interlinear annotation
         (cp >= 0xE0000 && cp <= 0xE007F);  // tag characters
}

std::string make_visible(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Utf8Char c = next_utf8_char(utf8, pos);
    pos += c.len;
    if (c.cp == '\t' || c.cp == '\n' || c.cp == '\r') {
      out += ' ';
    } else if (is_hidden_char(c.cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "<U+%04X>", static_cast<unsigned>(c.cp));
      out += buf;
    } else {
      append_utf8(out, c.cp);
    }
  }
  return out;
}

}  // namespace lg
