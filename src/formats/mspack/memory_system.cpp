// libmspack's I/O abstraction (mspack.h, struct mspack_system) implemented over memory. Every
// read and seek is checked against the input's size; writes are bounded by the caller's cap.
#include "formats/mspack/memory_system.h"

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace lg::mspack {

struct MemorySystem::File {
  MemorySystem* owner;
  bool writing;
  std::size_t pos;  // read position in the input (reading only)
};

MemorySystem::MemorySystem(ByteView input, std::uint64_t max_output)
    : input_(input), max_output_(max_output) {
  sys_.base = mspack_system{&MemorySystem::open,
                            &MemorySystem::close,
                            &MemorySystem::read,
                            &MemorySystem::write,
                            &MemorySystem::seek,
                            &MemorySystem::tell,
                            &MemorySystem::message,
                            &MemorySystem::alloc,
                            &MemorySystem::free,
                            &MemorySystem::copy,
                            nullptr};
  sys_.owner = this;
}

mspack_file* MemorySystem::open(mspack_system* self, const char* name, int mode) {
  auto* owner = reinterpret_cast<System*>(self)->owner;
  if (name == nullptr) return nullptr;
  const std::string_view n(name);
  if (n == kInput && mode == MSPACK_SYS_OPEN_READ) {
    return reinterpret_cast<mspack_file*>(new File{owner, false, 0});
  }
  if (n == kOutput && mode == MSPACK_SYS_OPEN_WRITE) {
    owner->output_.clear();
    owner->truncated_ = false;
    return reinterpret_cast<mspack_file*>(new File{owner, true, 0});
  }
  return nullptr;
}

void MemorySystem::close(mspack_file* file) { delete reinterpret_cast<File*>(file); }

int MemorySystem::read(mspack_file* file, void* buffer, int bytes) {
  auto* f = reinterpret_cast<File*>(file);
  if (f == nullptr || f->writing || bytes < 0 || buffer == nullptr) return -1;
  const ByteView in = f->owner->input_;
  const std::size_t avail = f->pos < in.size() ? in.size() - f->pos : 0;
  const std::size_t n = std::min<std::size_t>(avail, static_cast<std::size_t>(bytes));
  if (n > 0) std::memcpy(buffer, in.data() + f->pos, n);
  f->pos += n;
  return static_cast<int>(n);
}

int MemorySystem::write(mspack_file* file, void* buffer, int bytes) {
  auto* f = reinterpret_cast<File*>(file);
  if (f == nullptr || !f->writing || bytes < 0 || buffer == nullptr) return -1;
  MemorySystem* o = f->owner;
  if (static_cast<std::uint64_t>(bytes) > o->max_output_ - o->output_.size()) {
    o->truncated_ = true;
    return -1;
  }
  const auto* p = static_cast<const std::uint8_t*>(buffer);
  o->output_.insert(o->output_.end(), p, p + bytes);
  return bytes;
}

int MemorySystem::seek(mspack_file* file, off_t offset, int mode) {
  auto* f = reinterpret_cast<File*>(file);
  if (f == nullptr || f->writing) return -1;
  const auto size = static_cast<off_t>(f->owner->input_.size());
  off_t base = 0;
  switch (mode) {
    case MSPACK_SYS_SEEK_START:
      base = 0;
      break;
    case MSPACK_SYS_SEEK_CUR:
      base = static_cast<off_t>(f->pos);
      break;
    case MSPACK_SYS_SEEK_END:
      base = size;
      break;
    default:
      return -1;
  }
  // Both operands lie in [-size-1, size] or are an offset libmspack computed from the input;
  // reject anything outside the buffer before adding, so the sum cannot overflow.
  if (offset < -base || offset > size - base) return -1;
  f->pos = static_cast<std::size_t>(base + offset);
  return 0;
}

off_t MemorySystem::tell(mspack_file* file) {
  auto* f = reinterpret_cast<File*>(file);
  if (f == nullptr) return -1;
  return f->writing ? static_cast<off_t>(f->owner->output_.size()) : static_cast<off_t>(f->pos);
}

void MemorySystem::message(mspack_file*, const char*, ...) {}

// Zeroed: libmspack 0.11's KWAJ reader frees hdr->filename on a header cut short before it
// set the field (kwajd_read_headers returns early; kwajd_open's cleanup frees it), which with
// malloc'd memory is a free of garbage. calloc makes such paths free NULL.
void* MemorySystem::alloc(mspack_system*, std::size_t bytes) {
  if (bytes == 0 || bytes > kMaxAlloc) return nullptr;
  return std::calloc(1, bytes);
}

void MemorySystem::free(void* ptr) { std::free(ptr); }

void MemorySystem::copy(void* src, void* dest, std::size_t bytes) {
  std::memmove(dest, src, bytes);
}

}  // namespace lg::mspack
