// FAT12/16/32 volumes and partition tables (src/formats/disk): the walk stays within its
// caps, and file reads within theirs, whatever the bytes.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "formats/disk/fat.h"
#include "formats/disk/partition.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  lg::disk::MemoryDevice dev(in);
  const lg::disk::PartitionTable t = lg::disk::read_partition_table(dev);
  LG_FUZZ_CHECK(t.partitions.size() <= lg::disk::kMaxGptEntries);
  for (const auto& p : t.partitions) LG_FUZZ_CHECK(p.offset + p.length <= size);
  auto vol = lg::disk::FatVolume::open(dev);
  if (!vol) return 0;
  const lg::disk::FatListing l = vol->list();
  LG_FUZZ_CHECK(l.files.size() <= lg::disk::kMaxFatEntries);
  constexpr std::uint64_t kCap = 1u << 20;
  std::size_t read = 0;
  for (const auto& f : l.files) {
    if (read++ >= 64) break;
    bool capped = false;
    auto b = vol->read_file(f, kCap, capped);
    if (b) LG_FUZZ_CHECK(b->size() <= kCap && b->size() <= f.size);
  }
  return 0;
}
