#pragma once
/// NTFS, HFS+/HFSX and APFS volumes read with Debian's libfsntfs, libfshfs and libfsapfs
/// (libyal) over a BlockDevice (bfio_device.h): the tree walked breadth first from the root within
/// the caps of volume_files.h, and regular files read by their MFT entry index or catalog node ID.
/// The libraries parse the on-disk structures; this layer bounds what they are asked to do
/// (entries, depth, bytes read from the device, bytes of file data, a stop request).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/block_device.h"
#include "formats/disk/volume_files.h"

namespace lg::disk {

class FsVolume {
 public:
  virtual ~FsVolume() = default;
  /// "NTFS", "HFS+", "HFSX" or "APFS".
  virtual std::string kind() const = 0;
  /// The volume label, "" when there is none.
  virtual std::string label() = 0;
  /// Walks the directory tree from the root (an explicit queue, nothing recursive).
  virtual VolumeListing list() = 0;
  /// The file's data, at most `cap` bytes (then `capped`); error when the library fails.
  [[nodiscard]] virtual Result<Bytes> read_file(const VolumeFile& f, std::uint64_t cap,
                                                bool& capped) = 0;
  /// True once the device refused a read for the read budget or the stop request.
  virtual bool budget_refused() const = 0;
};

/// Opens the NTFS volume on `dev` (which outlives the result); `stop` is polled on each read.
/// identify() tells the volumes apart (FileType::kNtfs, FileType::kHfsPlus).
[[nodiscard]] Result<std::unique_ptr<FsVolume>> open_ntfs(const BlockDevice& dev,
                                                          std::function<bool()> stop = {});
/// Opens the HFS+ or HFSX volume on `dev` (which outlives the result).
[[nodiscard]] Result<std::unique_ptr<FsVolume>> open_hfs(const BlockDevice& dev,
                                                         std::function<bool()> stop = {});

/// Volumes in one APFS container kept at most (Apple File System Reference, "Container
/// Superblock": nx_fs_oid holds NX_MAX_FILE_SYSTEMS = 100 volumes).
inline constexpr std::size_t kMaxApfsVolumes = 100;
/// The GPT partition type of an APFS container (Apple File System Reference, "EFI Jumpstart",
/// "Partition UUIDs"), in the text form of partition.h.
inline constexpr std::string_view kApfsPartitionType = "7C3457EF-0000-11AA-AA11-00306543ECAC";

/// True when `block0` holds an APFS container superblock: the magic "NXSB" at offset 32,
/// after the 32-byte object header (Apple File System Reference, "Container Superblock",
/// nx_magic = NX_MAGIC).
bool is_apfs_container(ByteView block0);

/// One volume of an APFS container: `volume` when it is readable, else why not (an encrypted
/// volume is "encrypted, not read": no unlock is attempted).
struct ApfsVolumeSlot {
  std::unique_ptr<FsVolume> volume;
  std::string problem;
};

/// Opens the APFS container on `dev` (which outlives the result) and each of its volumes, at
/// most kMaxApfsVolumes. The volumes share one read budget of kMaxVolumeReadBytes.
[[nodiscard]] Result<std::vector<ApfsVolumeSlot>> open_apfs(const BlockDevice& dev,
                                                            std::function<bool()> stop = {});

}  // namespace lg::disk
