#pragma once
/// libmspack over memory: an `mspack_system` whose only readable file is one input buffer and
/// whose only writable file is one bounded output buffer, so the CHM, SZDD and KWAJ
/// decompressors run on bytes the engine holds without touching the file system.
#include <mspack.h>

#include <cstdint>

#include "core/bytes.h"

namespace lg::mspack {

/// The names the decompressors are given: kInput opens the input buffer for reading, kOutput
/// opens (and empties) the output buffer for writing; any other name or mode fails to open.
inline constexpr const char* kInput = "input";
inline constexpr const char* kOutput = "output";

/// One object's mspack_system. Not copyable (libmspack keeps its address). Writes past
/// `max_output` bytes fail (the decompressor then reports MSPACK_ERR_WRITE) and set
/// `output_truncated()`; allocations over kMaxAlloc fail (libmspack reports MSPACK_ERR_NOMEMORY)
/// and the others are zeroed.
class MemorySystem {
 public:
  static constexpr std::size_t kMaxAlloc = 64u << 20;  // LZX windows are at most 2 MiB

  MemorySystem(ByteView input, std::uint64_t max_output);
  MemorySystem(const MemorySystem&) = delete;
  MemorySystem& operator=(const MemorySystem&) = delete;

  /// The system to give to mspack_create_*_decompressor.
  mspack_system* system() { return &sys_.base; }
  /// Takes the bytes written since the output was last opened.
  Bytes take_output() { return std::move(output_); }
  bool output_truncated() const { return truncated_; }

 private:
  struct System {
    mspack_system base;  // first member: libmspack's pointer is ours
    MemorySystem* owner;
  };
  struct File;

  static mspack_file* open(mspack_system* self, const char* name, int mode);
  static void close(mspack_file* file);
  static int read(mspack_file* file, void* buffer, int bytes);
  static int write(mspack_file* file, void* buffer, int bytes);
  static int seek(mspack_file* file, off_t offset, int mode);
  static off_t tell(mspack_file* file);
  static void message(mspack_file* file, const char* format, ...);
  static void* alloc(mspack_system* self, std::size_t bytes);
  static void free(void* ptr);
  static void copy(void* src, void* dest, std::size_t bytes);

  System sys_;
  ByteView input_;
  std::uint64_t max_output_;
  Bytes output_;
  bool truncated_ = false;
};

}  // namespace lg::mspack
