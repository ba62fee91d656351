#pragma once
/// UTF-16LE to UTF-8, as [MS-CFB] directory names, [MS-OLEPS] VT_LPWSTR and [MS-OVBA] *UNICODE
/// records store text. Unpaired surrogates become U+FFFD, so the output is always valid UTF-8.
#include <string>

#include "core/bytes.h"

namespace lg {

/// Converts `data` (an odd trailing byte is dropped); stops at the first NUL code unit when
/// `stop_at_nul`.
std::string utf16le_to_utf8(ByteView data, bool stop_at_nul = false);

}  // namespace lg
