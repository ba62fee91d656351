// html_to_text over any markup (made UTF-8 first, as the header requires): the text and the
// links it returns must be UTF-8, and entity decoding must stay UTF-8 too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/charset.h"
#include "core/html_text.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string html =
      lg::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  const lg::HtmlText out = lg::html_to_text(html);
  LG_FUZZ_CHECK(lg::is_valid_utf8(out.text));
  for (const auto& link : out.links) {
    LG_FUZZ_CHECK(lg::is_valid_utf8(link.href));
    LG_FUZZ_CHECK(lg::is_valid_utf8(link.visible_text));
  }
  LG_FUZZ_CHECK(lg::is_valid_utf8(lg::decode_html_entities(html)));
  return 0;
}
