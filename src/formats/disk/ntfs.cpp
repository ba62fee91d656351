// NTFS volumes through libfsntfs (Debian libfsntfs-dev), opened over a libbfio handle on the
// BlockDevice. Layout facts relied on here, from the libyal "New Technologies File System
// (NTFS)" format documentation: the file reference (section 4.2: the MFT entry index
// in its low 48 bits), the reserved MFT entries 0 to 23 holding the metadata files ($MFT,
// $LogFile, ..., $Extend; section 4.1), and the file attribute flags (hidden 0x2, system 0x4).
// libfsntfs is loaded on first use (libyal.h).
#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/libyal_volume.h"

namespace lg::disk {
namespace {

constexpr std::uint64_t kReferenceIndexMask = 0x0000'FFFF'FFFF'FFFFull;
constexpr std::uint64_t kFirstUserMftEntry = 24;
constexpr std::uint32_t kAttributeHidden = 0x2, kAttributeSystem = 0x4;

struct NtfsLib {
  using Api = libyal::Fsntfs;
  using Entry = Api::Entry;
  using Error = Api::Error;

  static void volume_free(const Api& lib, Api::Volume*& vol) {
    Error* e = nullptr;
    if (lib.volume_close(vol, &e) != 0) lib.error_free(&e);
    if (lib.volume_free(&vol, &e) != 1) lib.error_free(&e);
  }

  static Entry* by_id(const Api& lib, Api::Volume* vol, std::uint64_t id, Error** error,
                      std::string& err) {
    Entry* e = nullptr;
    if (lib.volume_get_file_entry_by_index(vol, id, &e, error) != 1)
      err = walk::message(lib, *error);
    return e;
  }

  static std::optional<walk::Node> describe(const Api& lib, Entry* e, bool /*at_root*/) {
    Error* error = nullptr;
    std::uint64_t reference = 0;
    if (lib.file_entry_get_file_reference(e, &reference, &error) != 1) {
      lib.error_free(&error);
      return std::nullopt;
    }
    walk::Node node;
    node.id = reference & kReferenceIndexMask;
    if (node.id < kFirstUserMftEntry) return std::nullopt;  // metadata files, $Extend
    node.name = walk::library_string<Entry, Error>(e, lib.file_entry_get_utf8_name_size,
                                                   lib.file_entry_get_utf8_name, lib.error_free)
                    .value_or("");
    std::uint32_t flags = 0;
    if (lib.file_entry_get_file_attribute_flags(e, &flags, &error) != 1) lib.error_free(&error);
    node.hidden = (flags & (kAttributeHidden | kAttributeSystem)) != 0;
    const int is_dir = lib.file_entry_has_directory_entries_index(e, &error);
    if (is_dir < 0) lib.error_free(&error);
    if (is_dir == 1) {
      node.kind = walk::Kind::kDirectory;
      return node;
    }
    const int has_data = lib.file_entry_has_default_data_stream(e, &error);
    if (has_data < 0) lib.error_free(&error);
    if (has_data == 1) {
      node.kind = walk::Kind::kFile;
      size64_t size = 0;
      if (lib.file_entry_get_size(e, &size, &error) != 1) lib.error_free(&error);
      node.size = size;
    }
    node.streams = streams(lib, e);
    return node;
  }

  // Alternate data streams (named $DATA attributes): "name (size bytes)".
  static std::vector<std::string> streams(const Api& lib, Entry* e) {
    std::vector<std::string> out;
    Error* error = nullptr;
    int n = 0;
    if (lib.file_entry_get_number_of_alternate_data_streams(e, &n, &error) != 1) {
      lib.error_free(&error);
      return out;
    }
    for (int i = 0; i < n && out.size() < kMaxStreamsPerFile; ++i) {
      libfsntfs_data_stream_t* s = nullptr;
      if (lib.file_entry_get_alternate_data_stream_by_index(e, i, &s, &error) != 1) {
        lib.error_free(&error);
        continue;
      }
      std::string name =
          walk::library_string<libfsntfs_data_stream_t, Error>(
              s, lib.data_stream_get_utf8_name_size, lib.data_stream_get_utf8_name, lib.error_free)
              .value_or("?");
      size64_t size = 0;
      if (lib.data_stream_get_size(s, &size, &error) != 1) lib.error_free(&error);
      out.push_back(name + " (" + std::to_string(size) + " bytes)");
      if (lib.data_stream_free(&s, &error) != 1) lib.error_free(&error);
    }
    return out;
  }
};

using Ntfs = walk::LibyalVolume<NtfsLib>;

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
    return Status::error(ErrorCode::kInternal, walk::message(lib, error));
  }
  if (lib.volume_open_file_io_handle(vol, reinterpret_cast<libbfio_handle_t*>((*io)->handle()),
                                     LIBFSNTFS_OPEN_READ, &error) != 1) {
    std::string why = walk::message(lib, error);
    lib.volume_free(&vol, nullptr);
    return Status::error(ErrorCode::kMalformed, "NTFS volume not opened: " + why);
  }
  return std::unique_ptr<FsVolume>(new Ntfs(lib, std::move(*io), nullptr, vol, "NTFS"));
}

}  // namespace lg::disk
