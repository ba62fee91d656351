#pragma once
/// Virtual disks and Apple disk images: VHD (fixed, dynamic, differencing), VHDX and UDIF DMG
/// (src/formats/disk), bare NTFS and HFS+ volumes and bare APFS containers. The disk's partition
/// table (MBR, GPT) is read, and each volume probed: FAT12/16/32 volumes are walked by
/// lg::disk::FatVolume, NTFS and HFS+/HFSX volumes by libfsntfs and libfshfs and the volumes of
/// APFS containers by libfsapfs (lg::disk::FsVolume), and their files handed over (an encrypted
/// APFS volume is named in the facts as not read); ISO 9660 and UDF volumes are handed over whole
/// (the archive analyzer lists them).
#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// Files handed over from one image at most (each also counts against the engine's limits).
inline constexpr std::size_t kMaxDiskImageFiles = 2'000;
/// Below this many bytes of output the image-wide ratio budget does not apply (as for archives).
inline constexpr std::uint64_t kDiskRatioFloorBytes = 1u << 20;

/// Children: each FAT, NTFS or HFS+ file (relation "entry", name = its path in the volume,
/// source_size = the image's size), each ISO/UDF volume (relation "volume", name "partitionN.iso").
/// Output is capped per child by limits().max_object_bytes and per image by max_ratio times the
/// image's size (at least kDiskRatioFloorBytes) within max_total_bytes.
/// Facts: "format" (vhd, vhdx, dmg, ntfs, hfsplus, apfs), "disk_type", "virtual_size",
/// "partition_scheme", "partitions", "file_systems" (with volume labels), "entries",
/// "entry_names", "hidden_entries", "alternate_streams" (NTFS: "path:name (n bytes)"),
/// "encrypted".
/// Findings: DISK_IMAGE_DECOY or DISK_IMAGE_PAYLOAD (formats/disk/image_lure.h),
/// ARCHIVE_ENCRYPTED (an encrypted DMG), LIMIT_EXCEEDED.
class DiskImageAnalyzer final : public Analyzer {
 public:
  explicit DiskImageAnalyzer(FileType type) : type_(type) {}
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;

 private:
  FileType type_;
};

}  // namespace lg
