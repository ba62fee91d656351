// The whole engine: identification, every analyzer, limits, text detectors, scoring and both
// report renderings over one input. The report must be produced whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/bytes.h"
#include "core/charset.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "fuzz/fuzz_check.h"
#include "report/report_json.h"
#include "report/report_text.h"

namespace {

// Built once: the engine is immutable, as in the real program. Limits are the defaults
// except the deadline, so a slow input shows as a libFuzzer timeout, not a cut-short scan.
const lg::Engine& engine() {
  static const lg::Engine e([] {
    lg::Config c = lg::default_config();
    c.limits.deadline_ms = 600'000;
    return c;
  }());
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::Report report = engine().scan("fuzz-input", lg::ByteView(data, size));
  const std::string json = lg::report_to_json(report, false);
  LG_FUZZ_CHECK(!json.empty() && json.front() == '{' && json.back() == '}');
  LG_FUZZ_CHECK(lg::is_valid_utf8(json));
  const std::string text = lg::report_to_text(report, false);
  LG_FUZZ_CHECK(lg::is_valid_utf8(text));
  return 0;
}
