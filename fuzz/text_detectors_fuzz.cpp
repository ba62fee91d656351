// The text detectors over any UTF-8 text: URL/domain/address/IP extraction, crypto addresses,
// BIP-39 phrases and keys, look-alike domains and link checks against the built-in brands, a
// treasury swap (TextScanner), the display-name check, and the lure-language lexicon
// (LureState). The
// first byte picks the TextKind, since detectors treat kinds differently. Observables must be
// valid UTF-8 and stay within their caps.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/charset.h"
#include "detect/lexicon_text.h"
#include "detect/lure.h"
#include "detect/text_scanner.h"
#include "fuzz/fuzz_check.h"

namespace {

class Sink final : public lg::DetectorSink {
 public:
  void finding(lg::Symbol, lg::Evidence e) override {
    LG_FUZZ_CHECK(lg::is_valid_utf8(e.value));
    LG_FUZZ_CHECK(lg::is_valid_utf8(e.detail));
  }
  lg::Observables& observables() override { return obs_; }
  int object_id() const override { return 0; }
  lg::Observables obs_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Built once: fuzzing iterations only.
  static const lg::LookalikeChecker lookalike(lg::default_brands());
  static const lg::TreasuryChecker treasury({"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"});
  static const lg::TextScanner scanner(nullptr, &lookalike, &treasury);
  static const auto lexicon = lg::Lexicon::builtin();
  LG_FUZZ_CHECK(lexicon.has_value());
  if (size == 0) return 0;
  const auto kind = static_cast<lg::TextKind>(data[0] % 9);
  const std::string text =
      lg::repair_utf8(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  Sink sink;
  scanner.scan_text(kind, text, sink);
  scanner.scan_link(text, text.substr(0, text.size() / 2), sink);
  for (const auto& u : sink.obs_.urls) LG_FUZZ_CHECK(lg::is_valid_utf8(u.url));
  for (const auto& d : sink.obs_.domains) LG_FUZZ_CHECK(lg::is_valid_utf8(d.unicode));
  std::string_view half = std::string_view(text).substr(text.size() / 2);
  if (auto m = scanner.check_display_name(text.substr(0, text.size() / 2), half))
    LG_FUZZ_CHECK(lg::is_valid_utf8(m->detail));
  for (const auto& m : scanner.check_domain(half)) LG_FUZZ_CHECK(lg::is_valid_utf8(m.detail));

  // The lexicon normalization's fast paths agree with every line through ICU, on the bytes as
  // they come (ill-formed UTF-8 included).
  const std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
  lg::NormalizedText fast, by_lines;
  lg::normalize_lexicon_text(raw, kind, fast);
  lg::normalize_lexicon_text_by_lines(raw, kind, by_lines);
  LG_FUZZ_CHECK(fast.text == by_lines.text && fast.joins == by_lines.joins);

  auto scratch = lexicon->make_scratch();
  LG_FUZZ_CHECK(scratch.has_value());
  lg::LureState lure(*lexicon, *scratch);
  lure.add(kind, text);
  lure.add(lg::TextKind::kSubject, text);
  for (const auto& hit : lure.finish()) LG_FUZZ_CHECK(lg::is_valid_utf8(hit.evidence.value));
  return 0;
}
