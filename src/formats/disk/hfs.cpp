// HFS+ and HFSX volumes through libfshfs (Debian libfshfs-dev), opened over a libbfio handle on
// the BlockDevice. From Apple Technical Note TN1150 "HFS Plus Volume Format": the volume header
// at byte 1024 (signature "H+" version 4 or "HX" version 5, blockSize at offset 40), catalog
// node IDs (the root folder is 2, user files start at 16), and the metadata a volume hides at
// its root: the journal files (".journal", ".journal_info_block", section "Journal") and the
// folders of hard-link targets ("\0\0\0\0HFS+ Private Data", ".HFS+ Private Directory Data\r",
// section "Hard Links").
// libfshfs is loaded on first use (libyal.h).
#include <array>
#include <string_view>

#include "core/file_type.h"
#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/libyal_volume.h"

// Known library defect (Debian libfshfs 20201104, found by fuzz/fs_volume_fuzz.cpp): when a
// volume's attributes B-tree is damaged, libfshfs_file_entry_initialize (through
// get_data_size) drops an error object without freeing it, about 1 KB per file entry; the
// walk's kMaxVisits bounds that per volume.
namespace lg::disk {
namespace {

bool is_root_metadata(std::string_view name) {
  static constexpr std::array<std::string_view, 3> kNames = {".journal", ".journal_info_block",
                                                             ".HFS+ Private Directory Data\r"};
  if (!name.empty() && name[0] == '\0') return true;  // "\0\0\0\0HFS+ Private Data"
  for (auto n : kNames) {
    if (name == n) return true;
  }
  return false;
}

struct HfsLib : walk::ModeEntries<HfsLib> {
  using Api = libyal::Fshfs;
  using Id = std::uint32_t;
  static void volume_free(const Api& lib, Api::Volume*& vol) {
    Api::Error* e = nullptr;
    if (lib.volume_close(vol, &e) != 0) lib.error_free(&e);
    if (lib.volume_free(&vol, &e) != 1) lib.error_free(&e);
  }
  static bool skip(const std::string& name, Id /*id*/, bool at_root) {
    return at_root && is_root_metadata(name);
  }
};

using Hfs = walk::LibyalVolume<HfsLib>;

}  // namespace

Result<std::unique_ptr<FsVolume>> open_hfs(const BlockDevice& dev, std::function<bool()> stop) {
  auto head = dev.read(0, 1536);
  if (!head || identify(*head) != FileType::kHfsPlus) {
    return Status::error(ErrorCode::kMalformed, "no HFS+ volume header at 1024");
  }
  const std::string kind = (*head)[1025] == 'X' ? "HFSX" : "HFS+";
  auto loaded = libyal::fshfs();
  if (!loaded) return libyal::not_read(kind.c_str(), loaded.status());
  const libyal::Fshfs& lib = **loaded;
  auto io = BfioDevice::open(dev, kMaxVolumeReadBytes, std::move(stop));
  if (!io) return io.status();
  libfshfs_volume_t* vol = nullptr;
  libfshfs_error_t* error = nullptr;
  if (lib.volume_initialize(&vol, &error) != 1) {
    return Status::error(ErrorCode::kInternal, walk::message(lib, error));
  }
  if (lib.volume_open_file_io_handle(vol, reinterpret_cast<libbfio_handle_t*>((*io)->handle()),
                                     LIBFSHFS_OPEN_READ, &error) != 1) {
    std::string why = walk::message(lib, error);
    lib.volume_free(&vol, nullptr);
    return Status::error(ErrorCode::kMalformed, kind + " volume not opened: " + why);
  }
  return std::unique_ptr<FsVolume>(new Hfs(lib, std::move(*io), nullptr, vol, kind));
}

}  // namespace lg::disk
