#pragma once
/// Terminal-width helpers for the text report: display columns of UTF-8 text, truncation to a
/// width, and making invisible or spoofing characters visible.
#include <cstddef>
#include <string>
#include <string_view>

namespace lg {

/// Terminal columns of one code point: 2 for East Asian Wide and Fullwidth characters
/// (Hangul, CJK ideographs, kana, fullwidth forms, CJK punctuation, wide emoji), 0 for
/// combining marks and zero-width characters, 1 otherwise. Ambiguous-width characters count
/// 1 (as in a non-CJK locale). Callers must make control characters visible first.
int char_width(char32_t cp);

/// Sum of char_width over `utf8`; an ill-formed sequence counts as one U+FFFD (width 1).
std::size_t display_width(std::string_view utf8);

/// The longest prefix of `utf8` (whole characters, repaired to valid UTF-8) of at most
/// `columns` display columns, without any mark that it was cut.
std::string prefix_within_width(std::string_view utf8, std::size_t columns);

/// The longest prefix of `utf8` (whole characters, repaired to valid UTF-8) that fits in
/// `columns`; when the text had to be cut, the result ends in "…" and still fits.
std::string truncate_to_width(std::string_view utf8, std::size_t columns);

/// True for characters a report must never emit raw: C0/C1 controls, DEL, bidi controls
/// (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and invisible formatting
/// characters (U+200B-200D, U+2060-2064, U+FEFF), U+2028/2029, and U+FFF9-FFFB.
bool is_hidden_char(char32_t cp);

/// `utf8` on one line and without tricks: tab, CR and LF become a space, every other hidden
/// character is written as its code point ("<U+202E>", "<U+001B>"), ill-formed bytes as U+FFFD.
std::string make_visible(std::string_view utf8);

}  // namespace lg
