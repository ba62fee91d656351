#pragma once
/// Internal to hfs.cpp and apfs.cpp: one FsVolume over a libyal library whose file entries
/// carry a POSIX file mode and a numeric identifier (libfshfs: catalog node IDs; libfsapfs:
/// inode numbers). `Lib` names the library's types and functions:
///   LG_MODE_VOLUME_LIBRARY(libfsxxx)  // its types and functions, named alike in both
///   using Id = ...;                    // the identifier's integer type
///   static void volume_free(Volume*&);                // closes (when it applies) and frees
///   static bool skip(const std::string& name, Id id, bool at_root);  // metadata, not listed
/// File type bits of the mode follow POSIX (S_IFDIR 0040000, S_IFREG 0100000), as TN1150
/// "HFS Plus Permissions" and the Apple File System Reference "File Modes" both say.
#include <limits>
#include <memory>
#include <string>

#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/volume_walk.h"

/// The library types and functions ModeVolume uses, for a libyal library whose names begin
/// with `lib`.
#define LG_MODE_VOLUME_LIBRARY(lib)                                                       \
  using Volume = lib##_volume_t;                                                          \
  using Entry = lib##_file_entry_t;                                                       \
  using Error = lib##_error_t;                                                            \
  static constexpr auto volume_root = lib##_volume_get_root_directory;                    \
  static constexpr auto volume_entry_by_id = lib##_volume_get_file_entry_by_identifier;   \
  static constexpr auto volume_name_size = lib##_volume_get_utf8_name_size;               \
  static constexpr auto volume_name = lib##_volume_get_utf8_name;                         \
  static constexpr auto entry_children = lib##_file_entry_get_number_of_sub_file_entries; \
  static constexpr auto entry_child = lib##_file_entry_get_sub_file_entry_by_index;       \
  static constexpr auto entry_free = lib##_file_entry_free;                               \
  static constexpr auto entry_id = lib##_file_entry_get_identifier;                       \
  static constexpr auto entry_mode = lib##_file_entry_get_file_mode;                      \
  static constexpr auto entry_name_size = lib##_file_entry_get_utf8_name_size;            \
  static constexpr auto entry_name = lib##_file_entry_get_utf8_name;                      \
  static constexpr auto entry_size = lib##_file_entry_get_size;                           \
  static constexpr auto entry_read = lib##_file_entry_read_buffer;                        \
  static constexpr auto error_sprint = lib##_error_sprint;                                \
  static constexpr auto error_free = lib##_error_free;

namespace lg::disk::walk {

inline constexpr std::uint16_t kModeTypeMask = 0170000, kModeDirectory = 0040000,
                               kModeRegular = 0100000;

template <class Lib>
class ModeVolume final : public FsVolume {
 public:
  using Entry = typename Lib::Entry;
  using Error = typename Lib::Error;

  /// `owner` keeps alive what `vol` depends on besides `io` (an APFS container).
  ModeVolume(std::shared_ptr<BfioDevice> io, std::shared_ptr<void> owner, typename Lib::Volume* vol,
             std::string kind)
      : io_(std::move(io)), owner_(std::move(owner)), vol_(vol), kind_(std::move(kind)) {}
  ~ModeVolume() override { Lib::volume_free(vol_); }  // before owner_ and io_

  std::string kind() const override { return kind_; }
  std::string label() override {
    return library_string<typename Lib::Volume, Error>(vol_, Lib::volume_name_size,
                                                       Lib::volume_name, Lib::error_free)
        .value_or("");
  }
  VolumeListing list() override { return list_tree(*this); }
  Result<Bytes> read_file(const VolumeFile& f, std::uint64_t cap, bool& capped) override {
    return walk::read_file(*this, f, cap, capped);
  }
  bool budget_refused() const override { return io_->refused(); }

  // The walk's interface (volume_walk.h).
  Entry* root(std::string& err) {
    Entry* e = nullptr;
    Error* error = nullptr;
    if (Lib::volume_root(vol_, &e, &error) != 1) err = message(error);
    return e;
  }
  Entry* by_id(std::uint64_t id, std::string& err) {
    Entry* e = nullptr;
    Error* error = nullptr;
    if (id > std::numeric_limits<typename Lib::Id>::max()) {
      err = "identifier out of range";
      return nullptr;
    }
    if (Lib::volume_entry_by_id(vol_, static_cast<typename Lib::Id>(id), &e, &error) != 1) {
      err = message(error);
    }
    return e;
  }
  int children(Entry* dir) {
    int n = 0;
    Error* error = nullptr;
    if (Lib::entry_children(dir, &n, &error) != 1) {
      Lib::error_free(&error);
      return -1;
    }
    return n;
  }
  Entry* child(Entry* dir, int i, std::string& err) {
    Entry* e = nullptr;
    Error* error = nullptr;
    if (Lib::entry_child(dir, i, &e, &error) != 1) err = message(error);
    return e;
  }
  void release(Entry* e) {
    Error* error = nullptr;
    if (Lib::entry_free(&e, &error) != 1) Lib::error_free(&error);
  }
  std::optional<Node> describe(Entry* e, bool at_root) {
    Error* error = nullptr;
    Node node;
    typename Lib::Id id = 0;
    std::uint16_t mode = 0;
    if (Lib::entry_id(e, &id, &error) != 1 || Lib::entry_mode(e, &mode, &error) != 1) {
      Lib::error_free(&error);
      return std::nullopt;
    }
    node.id = id;
    node.name =
        library_string<Entry, Error>(e, Lib::entry_name_size, Lib::entry_name, Lib::error_free)
            .value_or("");
    if (Lib::skip(node.name, id, at_root)) return std::nullopt;
    node.hidden = !node.name.empty() && node.name[0] == '.';
    if ((mode & kModeTypeMask) == kModeDirectory) {
      node.kind = Kind::kDirectory;
    } else if ((mode & kModeTypeMask) == kModeRegular) {
      node.kind = Kind::kFile;
      size64_t size = 0;
      if (Lib::entry_size(e, &size, &error) != 1) Lib::error_free(&error);
      node.size = size;
    }
    return node;
  }
  long long read(Entry* e, std::uint8_t* buf, std::size_t n) {
    Error* error = nullptr;
    const ssize_t got = Lib::entry_read(e, buf, n, &error);
    if (got < 0) Lib::error_free(&error);
    return got;
  }
  bool stopped() const { return io_->refused(); }

  static std::string message(Error* e) {
    return library_message(e, Lib::error_sprint, Lib::error_free);
  }

 private:
  std::shared_ptr<BfioDevice> io_;  // destroyed last
  std::shared_ptr<void> owner_;
  typename Lib::Volume* vol_;
  std::string kind_;
};

}  // namespace lg::disk::walk
