#pragma once
/// What the readers of NTFS and HFS+ volumes (ntfs.h, hfs.h) give: the regular files of one
/// volume with their paths and sizes, and the caps every walk of a volume's tree obeys.
#include <cstdint>
#include <string>
#include <vector>

namespace lg::disk {

/// Files and directories listed at most per volume.
inline constexpr std::size_t kMaxVolumeEntries = 10'000;
/// Directory nesting walked at most (deeper directories are named in the problems).
inline constexpr std::size_t kMaxVolumeDepth = 16;
/// Bytes the file-system library may read from one volume's device in all, metadata and file
/// data together: a damaged volume cannot make it read a sparse 2 TB disk end to end.
inline constexpr std::uint64_t kMaxVolumeReadBytes = 512ull << 20;
/// Alternate data stream names kept per file.
inline constexpr std::size_t kMaxStreamsPerFile = 16;

struct VolumeFile {
  std::string path;                  // '/' separated from the root, UTF-8
  std::uint64_t size = 0;            // bytes of the file's data (NTFS: its unnamed stream)
  std::uint64_t id = 0;              // NTFS: MFT entry index; HFS+: catalog node ID
  bool hidden = false;               // NTFS hidden or system attribute; HFS+: a dot name
  std::vector<std::string> streams;  // NTFS alternate data streams: "name (size bytes)"
};

struct VolumeListing {
  std::vector<VolumeFile> files;      // regular files, in walk order
  std::size_t directories = 0;        // below the root
  std::vector<std::string> problems;  // unreadable entries, loops, caps hit
};

}  // namespace lg::disk
