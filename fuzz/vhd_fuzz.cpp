// VHD and VHDX (src/formats/disk, DiskImageAnalyzer): whatever the bytes, the image opens or
// fails cleanly, reads stay inside the virtual disk, and the analyzer's children respect the
// limits. Inputs starting "vhdxfile" go to the VHDX reader, all others to the VHD reader.
#include <cstddef>
#include <cstdint>

#include "analyzers/disk/disk_analyzer.h"
#include "core/bytes.h"
#include "formats/disk/vhd.h"
#include "formats/disk/vhdx.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_context.h"

namespace {

void probe_reads(const lg::disk::BlockDevice& dev) {
  constexpr std::size_t kRead = 4096;
  for (std::uint64_t off : {std::uint64_t{0}, dev.size() / 2,
                            dev.size() - std::min<std::uint64_t>(dev.size(), kRead)}) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kRead, dev.size() - off));
    auto b = dev.read(off, n);
    if (b) LG_FUZZ_CHECK(b->size() == n);
  }
  LG_FUZZ_CHECK(!dev.read(dev.size(), 1));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  const bool vhdx = size >= 8 && lg::as_chars(in.subspan(0, 8)) == "vhdxfile";
  if (vhdx) {
    if (auto img = lg::disk::VhdxImage::open(in)) probe_reads(**img);
  } else if (auto img = lg::disk::VhdImage::open(in)) {
    probe_reads(**img);
  }
  lg::fuzz::FuzzContext ctx;
  lg::DiskImageAnalyzer analyzer(vhdx ? lg::FileType::kVhdx : lg::FileType::kVhd);
  (void)analyzer.analyze(in, ctx);  // any status is fine; crashes and hangs are not
  return 0;
}
