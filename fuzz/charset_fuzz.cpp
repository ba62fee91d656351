// Charset conversion: the first byte picks a declared charset from the ones mail really uses
// (plus bad and empty names); decode_text must return UTF-8 whatever the bytes, and the strict
// conversion, detection and normalization must not crash on them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/charset.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr std::array<std::string_view, 24> kCharsets = {
    "",           "us-ascii",       "utf-8",        "UTF-8",
    "iso-8859-1", "iso-8859-2",     "windows-1251", "windows-1252",
    "koi8-r",     "ISO-2022-JP",    "Shift_JIS",    "euc-jp",
    "EUC-KR",     "ks_c_5601-1987", "GB2312",       "gbk",
    "gb18030",    "Big5",           "utf-16",       "utf-16le",
    "utf-7",      "x-unknown",      "\"utf-8\"",    "iso-8859-1; format=flowed",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view charset = kCharsets[data[0] % kCharsets.size()];
  const lg::ByteView text(data + 1, size - 1);

  const lg::Decoded d = lg::decode_text(text, charset);
  LG_FUZZ_CHECK(lg::is_valid_utf8(d.utf8));

  const auto strict = lg::convert_to_utf8(text, charset);
  if (strict) LG_FUZZ_CHECK(lg::is_valid_utf8(*strict));

  (void)lg::detect_charset(text);
  LG_FUZZ_CHECK(lg::is_valid_utf8(lg::normalize_nfc(d.utf8)));
  LG_FUZZ_CHECK(lg::is_valid_utf8(lg::normalize_nfkc_casefold(d.utf8)));

  const std::string repaired = lg::repair_utf8(lg::as_chars(text));
  LG_FUZZ_CHECK(lg::is_valid_utf8(repaired));
  if (lg::is_valid_utf8(lg::as_chars(text))) LG_FUZZ_CHECK(repaired == lg::as_chars(text));
  return 0;
}
