#pragma once
/// Charset conversion to UTF-8 and Unicode normalization, through ICU.
/// Names are the ones mail uses (ISO-2022-JP, Shift_JIS, EUC-KR, ks_c_5601-1987, GB2312,
/// Big5, windows-1252 ...), matched case-insensitively, with MIME's aliases mapped to the
/// superset Microsoft clients really write (ks_c_5601-1987 and EUC-KR -> CP949,
/// GB2312 -> GBK, ISO-8859-1 and US-ASCII -> windows-1252, Shift_JIS -> windows-31j).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"
#include "core/utf8.h"

namespace lg {

struct Decoded {
  std::string utf8;
  std::string charset;   // the charset actually used (canonical ICU name)
  bool guessed = false;  // charset was undeclared or the declared one did not fit
  bool lossy = false;    // some bytes could not be mapped (U+FFFD in the output)
};

/// Converts `data` declared as `charset` to UTF-8. Never fails and never returns mojibake it
/// can avoid: an empty/unknown declaration, or a declared charset the bytes do not fit (for
/// example ISO-2022-JP escapes in "us-ascii" text, or Shift_JIS labelled UTF-8), falls back
/// to detection and sets `guessed`. Pure 7-bit text without ISO-2022 escapes is returned as
/// is with charset "US-ASCII" and `guessed` false even when undeclared ([RFC 2045] 5.2 default).
/// `charset` names a registered spelling ("Shift_JIS", "windows-949", "ISO-2022-JP", "GBK").
Decoded decode_text(ByteView data, std::string_view charset);

/// Strict conversion: an error when the charset is unknown to ICU or the bytes do not fit.
Result<std::string> convert_to_utf8(ByteView data, std::string_view charset);

/// Best guess at the charset of `data` (ICU's detector, with UTF-8 and ISO-2022-JP checked
/// first, and a preference for CJK encodings over Latin ones on CJK-looking input).
std::string detect_charset(ByteView data);

/// The charset name for a Windows code page number ([MS-LCID]/[MS-UCODEREF]: CP_ACP values
/// as VBA's PROJECTCODEPAGE, OLE property sets' PID_CODEPAGE and RTF's \ansicpg write them):
/// 932 -> Shift_JIS, 949 -> windows-949, 65001 -> UTF-8, 125x -> windows-125x ...;
/// an unknown number gives windows-1252, the most common ANSI code page.
std::string windows_code_page_charset(std::int64_t code_page);

/// Unicode NFC (for comparison and display) and NFKC_Casefold (for matching).
std::string normalize_nfc(std::string_view utf8);
std::string normalize_nfkc_casefold(std::string_view utf8);

}  // namespace lg
