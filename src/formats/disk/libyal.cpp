// The libyal volume libraries loaded on first use (libyal.h): dlopen() by soname (the name
// Debian's runtime packages install, as the link editor would have recorded it), then dlsym()
// for each function of the library's table. RTLD_LOCAL keeps their symbols (and those of the
// libcerror/libcdata copies inside each) out of the global scope; they are never unloaded.
#include "formats/disk/libyal.h"

#include <dlfcn.h>

#include <mutex>

namespace lg::disk::libyal {
namespace {

/// The Debian runtime package that installs each shared object, for the message.
std::string package_of(std::string_view soname) {
  const auto dot = soname.find(".so.");
  if (dot == std::string_view::npos) return std::string(soname);
  return std::string(soname.substr(0, dot)) + std::string(soname.substr(dot + 4));
}

template <class Fn>
void resolve(void* so, const char* name, Fn& fn, std::string& missing) {
  fn = reinterpret_cast<Fn>(dlsym(so, name));
  if (fn == nullptr && missing.empty()) missing = name;
}

template <class Table>
struct Once {
  std::once_flag flag;
  Table table;
  std::string error;  // "" once loaded
};

template <class Table>
Result<const Table*> loaded(Once<Table>& once) {
  std::call_once(once.flag, [&once] { once.error = load(Table::kSoname, once.table); });
  if (!once.error.empty()) return Status::error(ErrorCode::kUnsupported, once.error);
  return &once.table;
}

/// libbfio, then the file-system library (which needs it).
template <class Table>
Result<const Table*> with_bfio(Once<Table>& once) {
  if (auto b = bfio(); !b) return b.status();
  return loaded(once);
}

}  // namespace

#define LG_LIBYAL_RESOLVE(lib, name) resolve(so, #lib "_" #name, table.name, missing);

template <class Table>
std::string load(const char* soname, Table& table) {
  void* so = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (so == nullptr) {
    const char* why = dlerror();
    return std::string(soname) + " not loaded (Debian package " + package_of(soname) +
           "): " + (why != nullptr ? why : "dlopen failed");
  }
  std::string missing;
  if constexpr (std::is_same_v<Table, Bfio>) {
    LG_LIBBFIO_FUNCTIONS(LG_LIBYAL_RESOLVE)
  } else if constexpr (std::is_same_v<Table, Fsntfs>) {
    LG_LIBFSNTFS_FUNCTIONS(LG_LIBYAL_RESOLVE)
  } else if constexpr (std::is_same_v<Table, Fshfs>) {
    LG_LIBFSHFS_FUNCTIONS(LG_LIBYAL_RESOLVE)
  } else {
    static_assert(std::is_same_v<Table, Fsapfs>);
    LG_LIBFSAPFS_FUNCTIONS(LG_LIBYAL_RESOLVE)
  }
  if (missing.empty()) return "";
  table = Table{};  // never half a table
  return std::string(soname) + " lacks " + missing;
}

#undef LG_LIBYAL_RESOLVE

template std::string load(const char*, Bfio&);
template std::string load(const char*, Fsntfs&);
template std::string load(const char*, Fshfs&);
template std::string load(const char*, Fsapfs&);

Status not_read(const char* kind, const Status& why) {
  return Status::error(why.code(), std::string(kind) + " volume not read: " + why.message());
}

Result<const Bfio*> bfio() {
  static Once<Bfio> once;
  return loaded(once);
}
Result<const Fsntfs*> fsntfs() {
  static Once<Fsntfs> once;
  return with_bfio(once);
}
Result<const Fshfs*> fshfs() {
  static Once<Fshfs> once;
  return with_bfio(once);
}
Result<const Fsapfs*> fsapfs() {
  static Once<Fsapfs> once;
  return with_bfio(once);
}

}  // namespace lg::disk::libyal
