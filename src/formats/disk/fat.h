#pragma once
/// FAT12, FAT16 and FAT32 volumes per "Microsoft Extensible Firmware Initiative FAT32 File
/// System Specification" (version 1.03): the BPB (section 3), the FAT type from the cluster
/// count (section 3.5), cluster chains (section 4) with cycle detection, and directory entries
/// (section 6) with long file names (section 7). Bounded: entries, depth and chain lengths
/// have named caps; nothing is recursive.
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/block_device.h"

namespace lg::disk {

/// Directory entries (files and directories) listed at most per volume.
inline constexpr std::size_t kMaxFatEntries = 10'000;
/// Directory nesting walked at most.
inline constexpr std::size_t kMaxFatDepth = 16;
/// Bytes of one directory read at most (the specification allows 65,536 entries of 32 bytes).
inline constexpr std::uint64_t kMaxFatDirectoryBytes = 2u << 20;
/// Directory bytes read at most per volume walk (directories whose chains share clusters
/// would otherwise be read again and again).
inline constexpr std::uint64_t kMaxFatListingBytes = 16u << 20;

struct FatFile {
  std::string path;  // '/' separated from the root, long name where valid, UTF-8
  std::uint64_t size = 0;
  std::uint32_t first_cluster = 0;
  bool hidden = false;  // ATTR_HIDDEN or ATTR_SYSTEM
};

struct FatListing {
  std::vector<FatFile> files;         // regular files, in walk order
  std::size_t directories = 0;        // below the root
  std::vector<std::string> problems;  // cycles, bad clusters, caps hit
};

/// True when `boot` (the first sector) holds a FAT boot sector with a sane BPB.
bool is_fat_boot_sector(ByteView boot);

class FatVolume {
 public:
  /// Reads the BPB of the volume on `dev`, which must outlive the FatVolume.
  [[nodiscard]] static Result<FatVolume> open(const BlockDevice& dev);
  /// "FAT12", "FAT16" or "FAT32".
  const std::string& kind() const { return kind_; }
  std::uint32_t cluster_bytes() const { return cluster_bytes_; }
  std::uint32_t clusters() const { return cluster_count_; }
  /// Walks the directory tree from the root (breadth first, an explicit queue).
  FatListing list() const;
  /// The file's bytes, at most `cap` (then `capped`); error when its chain breaks early.
  [[nodiscard]] Result<Bytes> read_file(const FatFile& f, std::uint64_t cap, bool& capped) const;

 private:
  explicit FatVolume(const BlockDevice& dev) : dev_(&dev) {}
  /// The FAT entry of `cluster`, or nullopt when unreadable.
  std::optional<std::uint32_t> next_cluster(std::uint32_t cluster) const;
  bool is_end(std::uint32_t value) const;
  std::uint64_t cluster_offset(std::uint32_t cluster) const;
  /// The chain from `first`, at most `max_clusters` long; `problem` set on a cycle or break.
  std::vector<std::uint32_t> chain(std::uint32_t first, std::uint64_t max_clusters,
                                   std::string& problem) const;
  Result<Bytes> read_directory(std::uint32_t first_cluster, bool fixed_root) const;

  const BlockDevice* dev_;
  std::string kind_;
  int bits_ = 16;
  std::uint32_t bytes_per_sector_ = 512;
  std::uint32_t cluster_bytes_ = 0;
  std::uint64_t fat_offset_ = 0;    // bytes
  std::uint64_t root_offset_ = 0;   // FAT12/16 fixed root directory, bytes
  std::uint32_t root_entries_ = 0;  // FAT12/16
  std::uint32_t root_cluster_ = 0;  // FAT32
  std::uint64_t data_offset_ = 0;   // bytes, cluster 2
  std::uint32_t cluster_count_ = 0;
};

}  // namespace lg::disk
