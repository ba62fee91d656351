// HFS+ and HFSX volumes through libfshfs (Debian libfshfs-dev), opened over a libbfio handle on
// the BlockDevice. From Apple Technical Note TN1150 "HFS Plus Volume Format": the volume header
// at byte 1024 (signature "H+" version 4 or "HX" version 5, blockSize at offset 40), catalog
// node IDs (the root folder is 2, user files start at 16), and the metadata a volume hides at
// its root: the journal files (".journal", ".journal_info_block", section "Journal") and the
// folders of hard-link targets ("\0\0\0\0HFS+ Private Data", ".HFS+ Private Directory Data\r",
// section "Hard Links"). File type bits of the permissions' fileMode follow POSIX (S_IFDIR
// 0040000, S_IFREG 0100000; section "HFS Plus Permissions").
#include <libbfio.h>
#include <libfshfs.h>

#include <array>
#include <string_view>

#include "core/file_type.h"
#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/volume_walk.h"

// Known library defect (Debian libfshfs 20201104, found by fuzz/fs_volume_fuzz.cpp): when a
// volume's attributes B-tree is damaged, libfshfs_file_entry_initialize (through
// get_data_size) drops an error object without freeing it, about 1 KB per file entry; the
// walk's kMaxVisits bounds that per volume.
namespace lg::disk {
namespace {

constexpr std::uint16_t kModeTypeMask = 0170000, kModeDirectory = 0040000, kModeRegular = 0100000;

bool is_root_metadata(std::string_view name) {
  static constexpr std::array<std::string_view, 3> kNames = {".journal", ".journal_info_block",
                                                             ".HFS+ Private Directory Data\r"};
  if (!name.empty() && name[0] == '\0') return true;  // "\0\0\0\0HFS+ Private Data"
  for (auto n : kNames) {
    if (name == n) return true;
  }
  return false;
}

std::string message(libfshfs_error_t* e) {
  return walk::library_message(e, libfshfs_error_sprint, libfshfs_error_free);
}

class Hfs final : public FsVolume {
 public:
  using Entry = libfshfs_file_entry_t;

  Hfs(std::unique_ptr<BfioDevice> io, libfshfs_volume_t* vol, std::string kind)
      : io_(std::move(io)), vol_(vol), kind_(std::move(kind)) {}
  ~Hfs() override {
    libfshfs_error_t* e = nullptr;
    if (libfshfs_volume_close(vol_, &e) != 0) libfshfs_error_free(&e);
    if (libfshfs_volume_free(&vol_, &e) != 1) libfshfs_error_free(&e);
  }

  std::string kind() const override { return kind_; }
  std::string label() override {
    return walk::library_string<libfshfs_volume_t, libfshfs_error_t>(
               vol_, libfshfs_volume_get_utf8_name_size, libfshfs_volume_get_utf8_name,
               libfshfs_error_free)
        .value_or("");
  }
  VolumeListing list() override { return walk::list_tree(*this); }
  Result<Bytes> read_file(const VolumeFile& f, std::uint64_t cap, bool& capped) override {
    return walk::read_file(*this, f, cap, capped);
  }
  bool budget_refused() const override { return io_->refused(); }

  // The walk's interface (volume_walk.h).
  Entry* root(std::string& err) {
    Entry* e = nullptr;
    libfshfs_error_t* error = nullptr;
    if (libfshfs_volume_get_root_directory(vol_, &e, &error) != 1) err = message(error);
    return e;
  }
  Entry* by_id(std::uint64_t id, std::string& err) {
    Entry* e = nullptr;
    libfshfs_error_t* error = nullptr;
    if (id > UINT32_MAX) {
      err = "catalog node ID out of range";
      return nullptr;
    }
    if (libfshfs_volume_get_file_entry_by_identifier(vol_, static_cast<std::uint32_t>(id), &e,
                                                     &error) != 1) {
      err = message(error);
    }
    return e;
  }
  int children(Entry* dir) {
    int n = 0;
    libfshfs_error_t* error = nullptr;
    if (libfshfs_file_entry_get_number_of_sub_file_entries(dir, &n, &error) != 1) {
      libfshfs_error_free(&error);
      return -1;
    }
    return n;
  }
  Entry* child(Entry* dir, int i, std::string& err) {
    Entry* e = nullptr;
    libfshfs_error_t* error = nullptr;
    if (libfshfs_file_entry_get_sub_file_entry_by_index(dir, i, &e, &error) != 1) {
      err = message(error);
    }
    return e;
  }
  void release(Entry* e) {
    libfshfs_error_t* error = nullptr;
    if (libfshfs_file_entry_free(&e, &error) != 1) libfshfs_error_free(&error);
  }
  std::optional<walk::Node> describe(Entry* e, bool at_root) {
    libfshfs_error_t* error = nullptr;
    walk::Node node;
    std::uint32_t id = 0;
    std::uint16_t mode = 0;
    if (libfshfs_file_entry_get_identifier(e, &id, &error) != 1 ||
        libfshfs_file_entry_get_file_mode(e, &mode, &error) != 1) {
      libfshfs_error_free(&error);
      return std::nullopt;
    }
    node.id = id;
    node.name = walk::library_string<Entry, libfshfs_error_t>(
                    e, libfshfs_file_entry_get_utf8_name_size, libfshfs_file_entry_get_utf8_name,
                    libfshfs_error_free)
                    .value_or("");
    if (at_root && is_root_metadata(node.name)) return std::nullopt;
    node.hidden = !node.name.empty() && node.name[0] == '.';
    if ((mode & kModeTypeMask) == kModeDirectory) {
      node.kind = walk::Kind::kDirectory;
    } else if ((mode & kModeTypeMask) == kModeRegular) {
      node.kind = walk::Kind::kFile;
      size64_t size = 0;
      if (libfshfs_file_entry_get_size(e, &size, &error) != 1) libfshfs_error_free(&error);
      node.size = size;
    }
    return node;
  }
  long long read(Entry* e, std::uint8_t* buf, std::size_t n) {
    libfshfs_error_t* error = nullptr;
    const ssize_t got = libfshfs_file_entry_read_buffer(e, buf, n, &error);
    if (got < 0) libfshfs_error_free(&error);
    return got;
  }
  bool stopped() const { return io_->refused(); }

 private:
  std::unique_ptr<BfioDevice> io_;  // outlives vol_
  libfshfs_volume_t* vol_;
  std::string kind_;
};

}  // namespace

Result<std::unique_ptr<FsVolume>> open_hfs(const BlockDevice& dev, std::function<bool()> stop) {
  auto head = dev.read(0, 1536);
  if (!head || identify(*head) != FileType::kHfsPlus) {
    return Status::error(ErrorCode::kMalformed, "no HFS+ volume header at 1024");
  }
  const std::string kind = (*head)[1025] == 'X' ? "HFSX" : "HFS+";
  auto io = BfioDevice::open(dev, kMaxVolumeReadBytes, std::move(stop));
  if (!io) return io.status();
  libfshfs_volume_t* vol = nullptr;
  libfshfs_error_t* error = nullptr;
  if (libfshfs_volume_initialize(&vol, &error) != 1) {
    return Status::error(ErrorCode::kInternal, message(error));
  }
  if (libfshfs_volume_open_file_io_handle(vol, reinterpret_cast<libbfio_handle_t*>((*io)->handle()),
                                          LIBFSHFS_OPEN_READ, &error) != 1) {
    std::string why = message(error);
    libfshfs_volume_free(&vol, nullptr);
    return Status::error(ErrorCode::kMalformed, kind + " volume not opened: " + why);
  }
  return std::unique_ptr<FsVolume>(new Hfs(std::move(*io), vol, kind));
}

}  // namespace lg::disk
