#pragma once
/// A BlockDevice offered to libyal file-system libraries (libfsntfs, libfshfs, libfsapfs) as a
/// libbfio handle, so that they read a volume inside a virtual disk without the volume being copied
/// out: each read the library makes becomes a BlockDevice::read. Reads are bounded: at most
/// `read_budget` bytes in all, and none once `stop` says so; after that every read fails and
/// the library returns an error.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "core/status.h"
#include "formats/disk/block_device.h"
#include "formats/disk/libyal.h"

namespace lg::disk {

class BfioDevice {
 public:
  /// `dev` must outlive the BfioDevice and every library object opened over it. An error when
  /// libbfio cannot be loaded.
  [[nodiscard]] static Result<std::unique_ptr<BfioDevice>> open(const BlockDevice& dev,
                                                                std::uint64_t read_budget,
                                                                std::function<bool()> stop = {});
  ~BfioDevice();
  BfioDevice(const BfioDevice&) = delete;
  BfioDevice& operator=(const BfioDevice&) = delete;

  /// The libbfio_handle_t* (libbfio declares its handles as intptr_t).
  std::intptr_t* handle() const { return handle_; }
  /// True once a read was refused for the budget or the stop request.
  bool refused() const { return shared_.refused; }
  std::uint64_t bytes_read() const { return shared_.used; }

  /// State shared by the handle and its clones (libbfio clones handles on demand).
  struct Shared {
    const BlockDevice* dev = nullptr;
    std::uint64_t budget = 0;
    std::uint64_t used = 0;
    bool refused = false;
    std::function<bool()> stop;
  };

 private:
  BfioDevice() = default;
  const libyal::Bfio* lib_ = nullptr;
  Shared shared_;
  std::intptr_t* handle_ = nullptr;
};

}  // namespace lg::disk
