// ArchiveAnalyzer (libarchive plus the ZIP walker) through FuzzContext. The first byte picks
// the identified type the analyzer is made for, as the engine would pick it; the rest is the
// object. Children are counted, not analyzed again (nested archives are the engine's work).
#include <array>
#include <cstddef>
#include <cstdint>

#include "analyzers/archive/archive_analyzer.h"
#include "core/bytes.h"
#include "fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  constexpr std::array kTypes = {
      lg::FileType::kZip,  lg::FileType::kSevenZip, lg::FileType::kRar, lg::FileType::kTar,
      lg::FileType::kGzip, lg::FileType::kBzip2,    lg::FileType::kXz,  lg::FileType::kZstd,
      lg::FileType::kCab,  lg::FileType::kIso9660,  lg::FileType::kUdf, lg::FileType::kXar,
  };
  lg::fuzz::FuzzContext ctx;
  lg::ArchiveAnalyzer analyzer(kTypes[data[0] % kTypes.size()]);
  (void)analyzer.analyze(lg::ByteView(data + 1, size - 1), ctx);  // any status; no crash
  return 0;
}
