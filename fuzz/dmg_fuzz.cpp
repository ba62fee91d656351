// UDIF DMG (src/formats/disk/dmg.h, DiskImageAnalyzer): the trailer, property list and block
// tables parse or fail cleanly, and a partition reassembles to exactly its size within a cap.
#include <cstddef>
#include <cstdint>

#include "analyzers/disk/disk_analyzer.h"
#include "core/bytes.h"
#include "formats/disk/dmg.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  constexpr std::uint64_t kCap = 4u << 20;
  if (auto img = lg::disk::parse_dmg(in)) {
    LG_FUZZ_CHECK(img->partitions.size() <= lg::disk::kMaxDmgPartitions);
    for (const auto& p : img->partitions) {
      LG_FUZZ_CHECK(p.chunks.size() <= lg::disk::kMaxDmgChunks);
      auto part = lg::disk::reassemble_dmg_partition(in, p, kCap);
      if (part) LG_FUZZ_CHECK(part->data.size() == p.sectors * 512);
    }
  }
  lg::fuzz::FuzzContext ctx;
  (void)lg::DiskImageAnalyzer(lg::FileType::kDmg).analyze(in, ctx);
  return 0;
}
