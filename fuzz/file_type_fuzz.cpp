// identify() over any bytes: always a type with a name, and the same answer twice.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/file_type.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  const lg::FileType t = lg::identify(in);
  LG_FUZZ_CHECK(!lg::file_type_name(t).empty());
  LG_FUZZ_CHECK(lg::identify(in) == t);
  (void)lg::file_type_mime(t);
  return 0;
}
