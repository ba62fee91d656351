#pragma once
/// The libyal libraries that read NTFS, HFS+ and APFS volumes (Debian's libfsntfs1, libfshfs1,
/// libfsapfs1 and their libbfio1), loaded with dlopen() on first use rather than linked: a
/// process that never meets such a volume never maps them (nor the libcrypto and libz that
/// libfsapfs and libfshfs need), and each of these libraries keeps its own copy of
/// libcerror/libcdata/... of its own date, which only a shared object keeps apart (HACKING.md,
/// "Disk volume libraries"). The libraries' headers give the function types; each library's
/// functions used here are resolved once, by name, into a table. A library or function that is
/// missing makes its accessor return an error naming it, which the caller reports.
#include <libbfio.h>
#include <libfsapfs.h>
#include <libfshfs.h>
#include <libfsntfs.h>

#include <string>

#include "core/status.h"

namespace lg::disk::libyal {

// The functions used, as X(library, name without the library prefix).
#define LG_LIBBFIO_FUNCTIONS(X) \
  X(libbfio, handle_initialize) \
  X(libbfio, handle_free)       \
  X(libbfio, error_free)

// Common to libfshfs and libfsapfs: what libyal_volume.h uses.
#define LG_LIBYAL_MODE_FUNCTIONS(X, lib)            \
  X(lib, volume_free)                               \
  X(lib, volume_get_root_directory)                 \
  X(lib, volume_get_file_entry_by_identifier)       \
  X(lib, volume_get_utf8_name_size)                 \
  X(lib, volume_get_utf8_name)                      \
  X(lib, file_entry_get_number_of_sub_file_entries) \
  X(lib, file_entry_get_sub_file_entry_by_index)    \
  X(lib, file_entry_free)                           \
  X(lib, file_entry_get_identifier)                 \
  X(lib, file_entry_get_file_mode)                  \
  X(lib, file_entry_get_utf8_name_size)             \
  X(lib, file_entry_get_utf8_name)                  \
  X(lib, file_entry_get_size)                       \
  X(lib, file_entry_read_buffer)                    \
  X(lib, error_sprint)                              \
  X(lib, error_free)

#define LG_LIBFSHFS_FUNCTIONS(X)          \
  LG_LIBYAL_MODE_FUNCTIONS(X, libfshfs)   \
  X(libfshfs, volume_initialize)          \
  X(libfshfs, volume_open_file_io_handle) \
  X(libfshfs, volume_close)

#define LG_LIBFSAPFS_FUNCTIONS(X)               \
  LG_LIBYAL_MODE_FUNCTIONS(X, libfsapfs)        \
  X(libfsapfs, volume_is_locked)                \
  X(libfsapfs, container_initialize)            \
  X(libfsapfs, container_open_file_io_handle)   \
  X(libfsapfs, container_close)                 \
  X(libfsapfs, container_free)                  \
  X(libfsapfs, container_get_number_of_volumes) \
  X(libfsapfs, container_get_volume_by_index)

#define LG_LIBFSNTFS_FUNCTIONS(X)                               \
  X(libfsntfs, volume_initialize)                               \
  X(libfsntfs, volume_open_file_io_handle)                      \
  X(libfsntfs, volume_close)                                    \
  X(libfsntfs, volume_free)                                     \
  X(libfsntfs, volume_get_utf8_name_size)                       \
  X(libfsntfs, volume_get_utf8_name)                            \
  X(libfsntfs, volume_get_root_directory)                       \
  X(libfsntfs, volume_get_file_entry_by_index)                  \
  X(libfsntfs, file_entry_get_number_of_sub_file_entries)       \
  X(libfsntfs, file_entry_get_sub_file_entry_by_index)          \
  X(libfsntfs, file_entry_free)                                 \
  X(libfsntfs, file_entry_get_file_reference)                   \
  X(libfsntfs, file_entry_get_utf8_name_size)                   \
  X(libfsntfs, file_entry_get_utf8_name)                        \
  X(libfsntfs, file_entry_get_file_attribute_flags)             \
  X(libfsntfs, file_entry_has_directory_entries_index)          \
  X(libfsntfs, file_entry_has_default_data_stream)              \
  X(libfsntfs, file_entry_get_size)                             \
  X(libfsntfs, file_entry_read_buffer)                          \
  X(libfsntfs, file_entry_get_number_of_alternate_data_streams) \
  X(libfsntfs, file_entry_get_alternate_data_stream_by_index)   \
  X(libfsntfs, data_stream_get_utf8_name_size)                  \
  X(libfsntfs, data_stream_get_utf8_name)                       \
  X(libfsntfs, data_stream_get_size)                            \
  X(libfsntfs, data_stream_free)                                \
  X(libfsntfs, error_sprint)                                    \
  X(libfsntfs, error_free)

#define LG_LIBYAL_FIELD(lib, name) decltype(&::lib##_##name) name = nullptr;

/// One table per library: its functions under their names without the library prefix, so
/// that libfshfs and libfsapfs are used alike (libyal_volume.h).
struct Bfio {
  static constexpr const char* kSoname = "libbfio.so.1";
  LG_LIBBFIO_FUNCTIONS(LG_LIBYAL_FIELD)
};
// A file-system library's table: also its volume, file entry and error types.
#define LG_LIBYAL_FS_TABLE(Name, lib, FUNCTIONS)         \
  struct Name {                                          \
    static constexpr const char* kSoname = #lib ".so.1"; \
    using Volume = lib##_volume_t;                       \
    using Entry = lib##_file_entry_t;                    \
    using Error = lib##_error_t;                         \
    FUNCTIONS(LG_LIBYAL_FIELD)                           \
  };
LG_LIBYAL_FS_TABLE(Fsntfs, libfsntfs, LG_LIBFSNTFS_FUNCTIONS)
LG_LIBYAL_FS_TABLE(Fshfs, libfshfs, LG_LIBFSHFS_FUNCTIONS)
LG_LIBYAL_FS_TABLE(Fsapfs, libfsapfs, LG_LIBFSAPFS_FUNCTIONS)

#undef LG_LIBYAL_FS_TABLE
#undef LG_LIBYAL_FIELD

/// The library's table, loaded on the first call (once per process, thread-safe, never
/// unloaded); an error naming the shared object or the function when one is missing. The file
/// system libraries load libbfio first (BfioDevice needs it too).
[[nodiscard]] Result<const Bfio*> bfio();
[[nodiscard]] Result<const Fsntfs*> fsntfs();
[[nodiscard]] Result<const Fshfs*> fshfs();
[[nodiscard]] Result<const Fsapfs*> fsapfs();

/// `why` (a library not loaded) as the error of opening a `kind` volume.
[[nodiscard]] Status not_read(const char* kind, const Status& why);

/// For tests: fills `table` from the shared object `soname` (dlopen, dlsym); "" or why not.
template <class Table>
std::string load(const char* soname, Table& table);

}  // namespace lg::disk::libyal
