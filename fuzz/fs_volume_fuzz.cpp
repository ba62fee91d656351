// NTFS, HFS+/HFSX and APFS volumes read by libfsntfs, libfshfs and libfsapfs over a BlockDevice
// (src/formats/disk/fs_volume.h): opening, the tree walk and file reads stay within their
// caps, and nothing the libraries do with hostile bytes crashes under ASan/UBSan. Every input
// is tried as each of the three (each opener checks its signature first).
//
// Volumes are megabytes of mostly zeros, so the input is a sparse description of the device
// (fs_volume_seeds.py writes the seeds from real images):
//   u32le device size (at most kMaxDevice), then records until the input ends:
//   u32le offset, u16le length, u8 kind; kind bit 0 set: one byte repeated `length` times,
//   otherwise `length` literal bytes. Records are clipped to the device.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "core/bytes.h"
#include "core/reader.h"
#include "formats/disk/fs_volume.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr std::uint32_t kMaxDevice = 4u << 20;
constexpr std::uint64_t kFileCap = 64u << 10;
constexpr std::size_t kFilesRead = 32;

lg::Bytes device_bytes(lg::ByteView in) {
  lg::Reader r(in);
  auto size = r.u32le(0);
  if (!size) return {};
  lg::Bytes dev(std::min(*size, kMaxDevice), 0);
  std::size_t at = 4;
  while (at + 7 <= in.size()) {  // each turn consumes at least 7 bytes
    const std::uint32_t offset = *r.u32le(at);
    const std::uint16_t length = *r.u16le(at + 4);
    const std::uint8_t kind = *r.u8(at + 6);
    at += 7;
    const std::size_t avail = (kind & 1) ? std::min<std::size_t>(1, in.size() - at)
                                         : std::min<std::size_t>(length, in.size() - at);
    if (avail == 0) break;
    if (offset < dev.size()) {
      const std::size_t n = std::min<std::size_t>(length, dev.size() - offset);
      if (kind & 1) {
        std::memset(dev.data() + offset, in[at], n);
      } else {
        std::memcpy(dev.data() + offset, in.data() + at, std::min(n, avail));
      }
    }
    at += avail;
  }
  return dev;
}

void exercise(lg::disk::FsVolume& fs) {
  const std::string label = fs.label();
  LG_FUZZ_CHECK(label.size() <= 1024);
  const lg::disk::VolumeListing l = fs.list();
  LG_FUZZ_CHECK(l.files.size() + l.directories <= lg::disk::kMaxVolumeEntries);
  std::size_t read = 0;
  for (const auto& f : l.files) {
    if (read++ >= kFilesRead) break;
    LG_FUZZ_CHECK(f.streams.size() <= lg::disk::kMaxStreamsPerFile);
    bool capped = false;
    auto b = fs.read_file(f, kFileCap, capped);
    if (b) LG_FUZZ_CHECK(b->size() <= kFileCap && b->size() <= f.size);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::Bytes dev_bytes = device_bytes(lg::ByteView(data, size));
  if (dev_bytes.empty()) return 0;
  lg::disk::MemoryDevice dev(dev_bytes);
  if (auto v = lg::disk::open_ntfs(dev)) exercise(**v);
  if (auto v = lg::disk::open_hfs(dev)) exercise(**v);
  if (auto c = lg::disk::open_apfs(dev)) {
    LG_FUZZ_CHECK(c->size() <= lg::disk::kMaxApfsVolumes);
    for (auto& slot : *c) {
      if (slot.volume) exercise(*slot.volume);
    }
  }
  return 0;
}
