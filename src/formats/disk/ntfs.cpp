// NTFS volumes through libfsntfs (Debian libfsntfs-dev), opened over a libbfio handle on the
// BlockDevice. Layout facts relied on here, from the libyal "New Technologies File System
// (NTFS)" format documentation: the file reference (section 4.2: the MFT entry index
// in its low 48 bits), the reserved MFT entries 0 to 23 holding the metadata files ($MFT,
// $LogFile, ..., $Extend; section 4.1), and the file attribute flags (hidden 0x2, system 0x4).
// libfsntfs is loaded on first use (libyal.h).
#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/libyal.h"
#include "formats/disk/volume_walk.h"

namespace lg::disk {
namespace {

constexpr std::uint64_t kReferenceIndexMask = 0x0000'FFFF'FFFF'FFFFull;
constexpr std::uint64_t kFirstUserMftEntry = 24;
constexpr std::uint32_t kAttributeHidden = 0x2, kAttributeSystem = 0x4;

std::string ntfs_message(const libyal::Fsntfs& lib, libfsntfs_error_t* e) {
  return walk::library_message(e, lib.error_sprint, lib.error_free);
}

class Ntfs final : public FsVolume {
 public:
  using Entry = libfsntfs_file_entry_t;

  Ntfs(const libyal::Fsntfs& lib, std::unique_ptr<BfioDevice> io, libfsntfs_volume_t* vol)
      : lib_(lib), io_(std::move(io)), vol_(vol) {}
  ~Ntfs() override {
    libfsntfs_error_t* e = nullptr;
    if (lib_.volume_close(vol_, &e) != 0) lib_.error_free(&e);
    if (lib_.volume_free(&vol_, &e) != 1) lib_.error_free(&e);
  }

  std::string kind() const override { return "NTFS"; }
  std::string label() override {
    return walk::library_string<libfsntfs_volume_t, libfsntfs_error_t>(
               vol_, lib_.volume_get_utf8_name_size, lib_.volume_get_utf8_name, lib_.error_free)
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
    libfsntfs_error_t* error = nullptr;
    if (lib_.volume_get_root_directory(vol_, &e, &error) != 1) err = message(error);
    return e;
  }
  Entry* by_id(std::uint64_t id, std::string& err) {
    Entry* e = nullptr;
    libfsntfs_error_t* error = nullptr;
    if (lib_.volume_get_file_entry_by_index(vol_, id, &e, &error) != 1) err = message(error);
    return e;
  }
  int children(Entry* dir) {
    int n = 0;
    libfsntfs_error_t* error = nullptr;
    if (lib_.file_entry_get_number_of_sub_file_entries(dir, &n, &error) != 1) {
      lib_.error_free(&error);
      return -1;
    }
    return n;
  }
  Entry* child(Entry* dir, int i, std::string& err) {
    Entry* e = nullptr;
    libfsntfs_error_t* error = nullptr;
    if (lib_.file_entry_get_sub_file_entry_by_index(dir, i, &e, &error) != 1) {
      err = message(error);
    }
    return e;
  }
  void release(Entry* e) {
    libfsntfs_error_t* error = nullptr;
    if (lib_.file_entry_free(&e, &error) != 1) lib_.error_free(&error);
  }
  std::optional<walk::Node> describe(Entry* e, bool /*at_root*/) {
    libfsntfs_error_t* error = nullptr;
    std::uint64_t reference = 0;
    if (lib_.file_entry_get_file_reference(e, &reference, &error) != 1) {
      lib_.error_free(&error);
      return std::nullopt;
    }
    walk::Node node;
    node.id = reference & kReferenceIndexMask;
    if (node.id < kFirstUserMftEntry) return std::nullopt;  // metadata files, $Extend
    node.name =
        walk::library_string<Entry, libfsntfs_error_t>(
            e, lib_.file_entry_get_utf8_name_size, lib_.file_entry_get_utf8_name, lib_.error_free)
            .value_or("");
    std::uint32_t flags = 0;
    if (lib_.file_entry_get_file_attribute_flags(e, &flags, &error) != 1) {
      lib_.error_free(&error);
    }
    node.hidden = (flags & (kAttributeHidden | kAttributeSystem)) != 0;
    const int is_dir = lib_.file_entry_has_directory_entries_index(e, &error);
    if (is_dir < 0) lib_.error_free(&error);
    if (is_dir == 1) {
      node.kind = walk::Kind::kDirectory;
      return node;
    }
    const int has_data = lib_.file_entry_has_default_data_stream(e, &error);
    if (has_data < 0) lib_.error_free(&error);
    if (has_data == 1) {
      node.kind = walk::Kind::kFile;
      size64_t size = 0;
      if (lib_.file_entry_get_size(e, &size, &error) != 1) lib_.error_free(&error);
      node.size = size;
    }
    node.streams = streams(e);
    return node;
  }
  long long read(Entry* e, std::uint8_t* buf, std::size_t n) {
    libfsntfs_error_t* error = nullptr;
    const ssize_t got = lib_.file_entry_read_buffer(e, buf, n, &error);
    if (got < 0) lib_.error_free(&error);
    return got;
  }
  bool stopped() const { return io_->refused(); }

 private:
  std::string message(libfsntfs_error_t* e) const { return ntfs_message(lib_, e); }

  // Alternate data streams (named $DATA attributes): "name (size bytes)".
  std::vector<std::string> streams(Entry* e) const {
    std::vector<std::string> out;
    libfsntfs_error_t* error = nullptr;
    int n = 0;
    if (lib_.file_entry_get_number_of_alternate_data_streams(e, &n, &error) != 1) {
      lib_.error_free(&error);
      return out;
    }
    for (int i = 0; i < n && out.size() < kMaxStreamsPerFile; ++i) {
      libfsntfs_data_stream_t* s = nullptr;
      if (lib_.file_entry_get_alternate_data_stream_by_index(e, i, &s, &error) != 1) {
        lib_.error_free(&error);
        continue;
      }
      std::string name = walk::library_string<libfsntfs_data_stream_t, libfsntfs_error_t>(
                             s, lib_.data_stream_get_utf8_name_size, lib_.data_stream_get_utf8_name,
                             lib_.error_free)
                             .value_or("?");
      size64_t size = 0;
      if (lib_.data_stream_get_size(s, &size, &error) != 1) lib_.error_free(&error);
      out.push_back(name + " (" + std::to_string(size) + " bytes)");
      if (lib_.data_stream_free(&s, &error) != 1) lib_.error_free(&error);
    }
    return out;
  }

  const libyal::Fsntfs& lib_;
  std::unique_ptr<BfioDevice> io_;  // outlives vol_ (destroyed after the destructor's body)
  libfsntfs_volume_t* vol_;
};

}  // namespace

Result<std::unique_ptr<FsVolume>> open_ntfs(const BlockDevice& dev, std::function<bool()> stop) {
  auto loaded = libyal::fsntfs();
  if (!loaded) return libyal::not_read("NTFS", loaded.status());
  const libyal::Fsntfs& lib = **loaded;
  auto io = BfioDevice::open(dev, kMaxVolumeReadBytes, std::move(stop));
  if (!io) return io.status();
  libfsntfs_volume_t* vol = nullptr;
  libfsntfs_error_t* error = nullptr;
  if (lib.volume_initialize(&vol, &error) != 1) {
    return Status::error(ErrorCode::kInternal, ntfs_message(lib, error));
  }
  if (lib.volume_open_file_io_handle(vol, reinterpret_cast<libbfio_handle_t*>((*io)->handle()),
                                     LIBFSNTFS_OPEN_READ, &error) != 1) {
    std::string why = ntfs_message(lib, error);
    lib.volume_free(&vol, nullptr);
    return Status::error(ErrorCode::kMalformed, "NTFS volume not opened: " + why);
  }
  return std::unique_ptr<FsVolume>(new Ntfs(lib, std::move(*io), vol));
}

}  // namespace lg::disk
