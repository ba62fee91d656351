// APFS containers through libfsapfs (Debian libfsapfs-dev), opened over a libbfio handle on the
// BlockDevice. From the Apple File System Reference: the container superblock (section
// "Container", nx_superblock_t: the magic "NXSB" after the 32-byte obj_phys_t header), at most
// NX_MAX_FILE_SYSTEMS (100) volumes per container, and the inode numbers (section "File-System
// Constants", "Inode Numbers": user files and folders from MIN_USER_INO_NUM = 16, below it the
// root, the private directory and the snapshot metadata directory). A volume that is encrypted
// is not unlocked: libfsapfs_volume_is_locked says so and the volume is named, not read.
// libfsapfs is loaded on first use (libyal.h).
#include "core/reader.h"
#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/libyal_volume.h"

namespace lg::disk {
namespace {

constexpr std::uint64_t kMinUserInode = 16;

struct ApfsLib : walk::ModeEntries<ApfsLib> {
  using Api = libyal::Fsapfs;
  using Id = std::uint64_t;
  static void volume_free(const Api& lib, Api::Volume*& vol) {
    Api::Error* e = nullptr;
    if (lib.volume_free(&vol, &e) != 1) lib.error_free(&e);
  }
  static bool skip(const std::string& /*name*/, Id id, bool /*at_root*/) {
    return id < kMinUserInode;
  }
};

using Apfs = walk::LibyalVolume<ApfsLib>;

/// The container, freed after the last of its volumes (each holds it).
class Container {
 public:
  Container(const libyal::Fsapfs& lib, libfsapfs_container_t* c) : lib_(lib), c_(c) {}
  ~Container() {
    libfsapfs_error_t* e = nullptr;
    if (lib_.container_close(c_, &e) != 0) lib_.error_free(&e);
    if (lib_.container_free(&c_, &e) != 1) lib_.error_free(&e);
  }
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;
  libfsapfs_container_t* get() const { return c_; }

 private:
  const libyal::Fsapfs& lib_;
  libfsapfs_container_t* c_;
};

}  // namespace

bool is_apfs_container(ByteView block0) { return Reader(block0).starts_with_at(32, "NXSB"); }

Result<std::vector<ApfsVolumeSlot>> open_apfs(const BlockDevice& dev, std::function<bool()> stop) {
  auto head = dev.read(0, 36);
  if (!head || !is_apfs_container(*head)) {
    return Status::error(ErrorCode::kMalformed, "no APFS container superblock (NXSB at 32)");
  }
  auto loaded = libyal::fsapfs();
  if (!loaded) return libyal::not_read("APFS", loaded.status());
  const libyal::Fsapfs& lib = **loaded;
  auto opened = BfioDevice::open(dev, kMaxVolumeReadBytes, std::move(stop));
  if (!opened) return opened.status();
  std::shared_ptr<BfioDevice> io = std::move(*opened);
  libfsapfs_container_t* raw = nullptr;
  libfsapfs_error_t* error = nullptr;
  if (lib.container_initialize(&raw, &error) != 1) {
    return Status::error(ErrorCode::kInternal, walk::message(lib, error));
  }
  if (lib.container_open_file_io_handle(raw, reinterpret_cast<libbfio_handle_t*>(io->handle()),
                                        LIBFSAPFS_OPEN_READ, &error) != 1) {
    std::string why = walk::message(lib, error);
    lib.container_free(&raw, nullptr);
    return Status::error(ErrorCode::kMalformed, "APFS container not opened: " + why);
  }
  auto container = std::make_shared<Container>(lib, raw);
  int n = 0;
  if (lib.container_get_number_of_volumes(raw, &n, &error) != 1) {
    return Status::error(ErrorCode::kMalformed,
                         "APFS volumes not counted: " + walk::message(lib, error));
  }
  std::vector<ApfsVolumeSlot> out;
  for (int i = 0; i < n && out.size() < kMaxApfsVolumes; ++i) {
    ApfsVolumeSlot slot;
    libfsapfs_volume_t* vol = nullptr;
    if (lib.container_get_volume_by_index(raw, i, &vol, &error) != 1) {
      slot.problem = "volume not opened: " + walk::message(lib, error);
    } else {
      const int locked = lib.volume_is_locked(vol, &error);
      if (locked < 0) lib.error_free(&error);
      auto v = std::make_unique<Apfs>(lib, io, container, vol, "APFS");
      if (locked != 0) {
        slot.problem = "volume \"" + v->label() + "\" encrypted, not read";
      } else {
        slot.volume = std::move(v);
      }
    }
    out.push_back(std::move(slot));
  }
  return out;
}

}  // namespace lg::disk
