#pragma once
/// NTFS and HFS+/HFSX volumes read with Debian's libfsntfs and libfshfs (libyal) over a
/// BlockDevice (bfio_device.h): the tree walked breadth first from the root within the caps
/// of volume_files.h, and regular files read by their MFT entry index or catalog node ID.
/// The libraries parse the on-disk structures; this layer bounds what they are asked to do
/// (entries, depth, bytes read from the device, bytes of file data, a stop request).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/block_device.h"
#include "formats/disk/volume_files.h"

namespace lg::disk {

class FsVolume {
 public:
  virtual ~FsVolume() = default;
  /// "NTFS", "HFS+" or "HFSX".
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

}  // namespace lg::disk
