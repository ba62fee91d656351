#pragma once
/// [MS-PROPSTORE] 2.2 Serialized Property Store, as carried by the shortcut's
/// PropertyStoreDataBlock ([MS-SHLLINK] 2.5.7).
#include <string>
#include <vector>

#include "analyzers/lnk/shell_link.h"
#include "core/bytes.h"

namespace lg::lnk {

/// Reads the storages in `data` (the block after BlockSize and BlockSignature) and appends
/// every value to `out`; simple ones (strings, integers, booleans, FILETIME, CLSID) rendered
/// as UTF-8. Bounded by kMaxPropertyStorages and kMaxPropertyValues; damage goes to
/// `anomalies` and ends the walk.
void parse_property_store(ByteView data, std::vector<PropertyValue>* out,
                          std::vector<std::string>* anomalies);

}  // namespace lg::lnk
