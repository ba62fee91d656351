#pragma once
/// Internal to ntfs.cpp, hfs.cpp and apfs.cpp: one FsVolume over a libyal file-system library
/// (libyal.h), the walk's interface (volume_walk.h) made of the functions the libraries name
/// alike. `Lib` names the library's function table and what differs between them:
///   using Api = libyal::Fsntfs, libyal::Fshfs or libyal::Fsapfs;
///   static void volume_free(const Api&, Api::Volume*&);  // closes (when it applies) and frees
///   static Api::Entry* by_id(const Api&, Api::Volume*, std::uint64_t id, Api::Error**,
///                            std::string& err);  // err set when the id cannot be asked for
///   static std::optional<Node> describe(const Api&, Api::Entry*, bool at_root);
///                                                // nullopt: metadata, not listed
/// ModeEntries gives by_id and describe to the libraries whose file entries carry a POSIX file
/// mode and a numeric identifier (libfshfs: catalog node IDs; libfsapfs: inode numbers); their
/// `Lib` derives from ModeEntries<Lib> and adds
///   using Id = ...;                                // the identifier's integer type
///   static bool skip(const std::string& name, Id id, bool at_root);  // metadata, not listed
/// File type bits of the mode follow POSIX (S_IFDIR 0040000, S_IFREG 0100000), as TN1150
/// "HFS Plus Permissions" and the Apple File System Reference "File Modes" both say.
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "formats/disk/bfio_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/libyal.h"
#include "formats/disk/volume_walk.h"

namespace lg::disk::walk {

inline constexpr std::uint16_t kModeTypeMask = 0170000, kModeDirectory = 0040000,
                               kModeRegular = 0100000;

/// The library's message for `e` (freed).
template <class Api>
std::string message(const Api& lib, typename Api::Error* e) {
  return library_message(e, lib.error_sprint, lib.error_free);
}

template <class Lib>
struct ModeEntries {
  template <class Api>
  static typename Api::Entry* by_id(const Api& lib, typename Api::Volume* vol, std::uint64_t id,
                                    typename Api::Error** error, std::string& err) {
    typename Api::Entry* e = nullptr;
    if (id > std::numeric_limits<typename Lib::Id>::max()) {
      err = "identifier out of range";
      return nullptr;
    }
    if (lib.volume_get_file_entry_by_identifier(vol, static_cast<typename Lib::Id>(id), &e,
                                                error) != 1) {
      err = message(lib, *error);
    }
    return e;
  }

  template <class Api>
  static std::optional<Node> describe(const Api& lib, typename Api::Entry* e, bool at_root) {
    typename Api::Error* error = nullptr;
    Node node;
    typename Lib::Id id = 0;
    std::uint16_t mode = 0;
    if (lib.file_entry_get_identifier(e, &id, &error) != 1 ||
        lib.file_entry_get_file_mode(e, &mode, &error) != 1) {
      lib.error_free(&error);
      return std::nullopt;
    }
    node.id = id;
    node.name =
        library_string<typename Api::Entry, typename Api::Error>(
            e, lib.file_entry_get_utf8_name_size, lib.file_entry_get_utf8_name, lib.error_free)
            .value_or("");
    if (Lib::skip(node.name, id, at_root)) return std::nullopt;
    node.hidden = !node.name.empty() && node.name[0] == '.';
    if ((mode & kModeTypeMask) == kModeDirectory) {
      node.kind = Kind::kDirectory;
    } else if ((mode & kModeTypeMask) == kModeRegular) {
      node.kind = Kind::kFile;
      size64_t size = 0;
      if (lib.file_entry_get_size(e, &size, &error) != 1) lib.error_free(&error);
      node.size = size;
    }
    return node;
  }
};

template <class Lib>
class LibyalVolume final : public FsVolume {
 public:
  using Api = typename Lib::Api;
  using Entry = typename Api::Entry;
  using Error = typename Api::Error;

  /// `owner` keeps alive what `vol` depends on besides `io` (an APFS container).
  LibyalVolume(const Api& lib, std::shared_ptr<BfioDevice> io, std::shared_ptr<void> owner,
               typename Api::Volume* vol, std::string kind)
      : lib_(lib),
        io_(std::move(io)),
        owner_(std::move(owner)),
        vol_(vol),
        kind_(std::move(kind)) {}
  ~LibyalVolume() override { Lib::volume_free(lib_, vol_); }  // before owner_ and io_

  std::string kind() const override { return kind_; }
  std::string label() override {
    return library_string<typename Api::Volume, Error>(vol_, lib_.volume_get_utf8_name_size,
                                                       lib_.volume_get_utf8_name, lib_.error_free)
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
    if (lib_.volume_get_root_directory(vol_, &e, &error) != 1) err = message(error);
    return e;
  }
  Entry* by_id(std::uint64_t id, std::string& err) {
    Error* error = nullptr;
    return Lib::by_id(lib_, vol_, id, &error, err);
  }
  int children(Entry* dir) {
    int n = 0;
    Error* error = nullptr;
    if (lib_.file_entry_get_number_of_sub_file_entries(dir, &n, &error) != 1) {
      lib_.error_free(&error);
      return -1;
    }
    return n;
  }
  Entry* child(Entry* dir, int i, std::string& err) {
    Entry* e = nullptr;
    Error* error = nullptr;
    if (lib_.file_entry_get_sub_file_entry_by_index(dir, i, &e, &error) != 1) err = message(error);
    return e;
  }
  void release(Entry* e) {
    Error* error = nullptr;
    if (lib_.file_entry_free(&e, &error) != 1) lib_.error_free(&error);
  }
  std::optional<Node> describe(Entry* e, bool at_root) { return Lib::describe(lib_, e, at_root); }
  long long read(Entry* e, std::uint8_t* buf, std::size_t n) {
    Error* error = nullptr;
    const ssize_t got = lib_.file_entry_read_buffer(e, buf, n, &error);
    if (got < 0) lib_.error_free(&error);
    return got;
  }
  bool stopped() const { return io_->refused(); }

  std::string message(Error* e) const { return walk::message(lib_, e); }

 private:
  const Api& lib_;
  std::shared_ptr<BfioDevice> io_;  // destroyed last
  std::shared_ptr<void> owner_;
  typename Api::Volume* vol_;
  std::string kind_;
};

}  // namespace lg::disk::walk
