// A BlockDevice as a libbfio handle: libbfio_handle_initialize with our own I/O functions
// (libbfio.h, "Handle functions"). Each handle, and each clone the library makes, has its own
// offset; the device, the read budget and the stop request are shared. libbfio is loaded on
// first use (libyal.h).
#include "formats/disk/bfio_device.h"

#include <algorithm>
#include <cstring>

namespace lg::disk {
namespace {

struct Io {
  BfioDevice::Shared* shared;
  std::uint64_t offset = 0;
  bool open = false;
};

Io* io_of(intptr_t* p) { return reinterpret_cast<Io*>(p); }

int free_io(intptr_t** p, libbfio_error_t** /*error*/) {
  if (p == nullptr) return -1;
  delete io_of(*p);
  *p = nullptr;
  return 1;
}

int clone_io(intptr_t** dst, intptr_t* src, libbfio_error_t** /*error*/) {
  if (dst == nullptr || *dst != nullptr) return -1;
  if (src == nullptr) return 1;  // cloning no handle gives none
  *dst = reinterpret_cast<intptr_t*>(new Io{io_of(src)->shared});
  return 1;
}

int open_io(intptr_t* p, int flags, libbfio_error_t** /*error*/) {
  if (p == nullptr || (flags & LIBBFIO_ACCESS_FLAG_WRITE) != 0) return -1;  // read-only
  io_of(p)->open = true;
  io_of(p)->offset = 0;
  return 1;
}

int close_io(intptr_t* p, libbfio_error_t** /*error*/) {
  if (p == nullptr) return -1;
  io_of(p)->open = false;
  return 0;
}

ssize_t read_io(intptr_t* p, uint8_t* buffer, size_t size, libbfio_error_t** /*error*/) {
  if (p == nullptr || buffer == nullptr || size > SSIZE_MAX) return -1;
  Io& io = *io_of(p);
  BfioDevice::Shared& s = *io.shared;
  if (!io.open) return -1;
  const std::uint64_t dev_size = s.dev->size();
  if (io.offset >= dev_size) return 0;
  const std::size_t n =
      static_cast<std::size_t>(std::min<std::uint64_t>(size, dev_size - io.offset));
  if (n > s.budget - s.used || (s.stop && s.stop())) {
    s.refused = true;
    return -1;
  }
  auto bytes = s.dev->read(io.offset, n);
  if (!bytes || bytes->size() != n) return -1;
  if (n != 0) std::memcpy(buffer, bytes->data(), n);
  s.used += n;
  io.offset += n;
  return static_cast<ssize_t>(n);
}

ssize_t write_io(intptr_t* /*p*/, const uint8_t* /*buffer*/, size_t /*size*/,
                 libbfio_error_t** /*error*/) {
  return -1;  // read-only
}

off64_t seek_io(intptr_t* p, off64_t offset, int whence, libbfio_error_t** /*error*/) {
  if (p == nullptr) return -1;
  Io& io = *io_of(p);
  std::int64_t base = 0;
  if (whence == SEEK_CUR) {
    base = static_cast<std::int64_t>(io.offset);
  } else if (whence == SEEK_END) {
    base = static_cast<std::int64_t>(io.shared->dev->size());
  } else if (whence != SEEK_SET) {
    return -1;
  }
  if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0) return -1;
  io.offset = static_cast<std::uint64_t>(base + offset);
  return static_cast<off64_t>(io.offset);
}

int exists_io(intptr_t* p, libbfio_error_t** /*error*/) { return p == nullptr ? -1 : 1; }

int is_open_io(intptr_t* p, libbfio_error_t** /*error*/) {
  if (p == nullptr) return -1;
  return io_of(p)->open ? 1 : 0;
}

int size_io(intptr_t* p, size64_t* size, libbfio_error_t** /*error*/) {
  if (p == nullptr || size == nullptr) return -1;
  *size = io_of(p)->shared->dev->size();
  return 1;
}

}  // namespace

Result<std::unique_ptr<BfioDevice>> BfioDevice::open(const BlockDevice& dev,
                                                     std::uint64_t read_budget,
                                                     std::function<bool()> stop) {
  if (dev.size() > static_cast<std::uint64_t>(INT64_MAX)) {
    return Status::error(ErrorCode::kUnsupported, "device larger than libbfio offsets");
  }
  auto lib = libyal::bfio();
  if (!lib) return lib.status();
  std::unique_ptr<BfioDevice> out(new BfioDevice());
  out->lib_ = *lib;
  out->shared_ = Shared{&dev, read_budget, 0, false, std::move(stop)};
  auto* io = new Io{&out->shared_};
  libbfio_handle_t* handle = nullptr;
  libbfio_error_t* error = nullptr;
  if ((*lib)->handle_initialize(
          &handle, reinterpret_cast<intptr_t*>(io), free_io, clone_io, open_io, close_io, read_io,
          write_io, seek_io, exists_io, is_open_io, size_io,
          LIBBFIO_FLAG_IO_HANDLE_MANAGED | LIBBFIO_FLAG_IO_HANDLE_CLONE_BY_FUNCTION, &error) != 1) {
    (*lib)->error_free(&error);
    delete io;
    return Status::error(ErrorCode::kInternal, "libbfio handle not created");
  }
  out->handle_ = handle;  // owns io from here (managed)
  return out;
}

BfioDevice::~BfioDevice() {
  if (handle_ == nullptr) return;
  libbfio_error_t* error = nullptr;
  if (lib_->handle_free(&handle_, &error) != 1) lib_->error_free(&error);
}

}  // namespace lg::disk
