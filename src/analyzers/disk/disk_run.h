#pragma once
/// Internal to DiskImageAnalyzer: one image's walk over its partitions and volumes, the
/// output budget, and what is reported at the end.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "formats/disk/block_device.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/image_lure.h"

namespace lg {

class DiskRun {
 public:
  DiskRun(ByteView object, Context& ctx);
  /// A whole disk: one volume at its start, or a partition table and its volumes.
  void walk_disk(const disk::BlockDevice& dev, const std::string& label);
  /// Facts and the disk-image judgement.
  void report();
  void limit(const std::string& kind, std::string detail);
  std::uint64_t object_cap() const;
  bool stopped() const { return stop_; }

 private:
  void walk_volume(const disk::BlockDevice& dev, const std::string& label);
  void walk_fat(const disk::BlockDevice& dev, const std::string& label);
  /// NTFS ("ntfs") or HFS+/HFSX ("hfs+") through formats/disk/fs_volume.h.
  void walk_fs(const disk::BlockDevice& dev, const std::string& label, const std::string& kind);
  /// An APFS container: each volume read as walk_fs reads one, an encrypted one only named.
  void walk_apfs(const disk::BlockDevice& dev, const std::string& label);
  /// Lists an opened volume and takes its files.
  void read_fs(disk::FsVolume& fs, const std::string& label);
  /// Reads each listed file within the caps and hands it over; `read_file(f, cap, capped)`.
  template <class File, class ReadFile>
  void take_files(const std::vector<File>& files, const std::string& label, ReadFile read_file);
  void hand_over_volume(const disk::BlockDevice& dev, const std::string& label,
                        const std::string& kind);
  bool emit(ChildInfo info, Bytes data);

  ByteView object_;
  Context& ctx_;
  bool stop_ = false;
  std::uint64_t budget_ = 0;
  std::size_t files_ = 0;
  std::vector<disk::ImageEntry> entries_;
  std::vector<std::string> hidden_;
  std::vector<std::string> streams_;       // NTFS alternate data streams: "path:name (n bytes)"
  std::vector<std::string> file_systems_;  // "partition1: FAT16", "partition2: NTFS (not read)"
  std::vector<std::string> partitions_;
  std::string scheme_;
  std::set<std::string> limits_reported_;
};

}  // namespace lg
