// Harness for AlzipAnalyzer, compiled once per format with LG_FUZZ_TYPE (lg::FileType::kAlz,
// lg::FileType::kEgg or lg::FileType::kArj): the analyzer takes the type it reads.
#include <cstddef>
#include <cstdint>

#include "analyzers/archive/alzip_analyzer.h"
#include "fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lg::fuzz::FuzzContext ctx;
  lg::AlzipAnalyzer analyzer(LG_FUZZ_TYPE);
  (void)analyzer.analyze(lg::ByteView(data, size), ctx);  // crashes and hangs are the bugs
  return 0;
}
