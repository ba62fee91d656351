#pragma once
/// The names of a OneNote section's embedded files. [MS-ONE] 2.2.32 jcidEmbeddedFileNode holds
/// EmbeddedFileName (PropertyID 0x1C001D9C, 2.3.68) and EmbeddedFileContainer (0x20001D9B,
/// 2.3.61): an object ID naming the object whose ObjectDeclarationFileData3RefCountFND
/// ([MS-ONESTORE] 2.5.27) gives "<ifndf>{GUID}", the FileDataStoreObjectReferenceFND (2.5.21)
/// of that GUID locates the FileDataStoreObject (2.6.13) holding the bytes.
///
/// The file node lists are found by scanning for FileNodeListFragment headers (2.4.1) rather
/// than walked from the root through revisions (2.1.2): like the FileDataStoreObject scan, this
/// reads damaged and crafted sections, is linear in the file, and sees every declaration in
/// any revision. Object IDs resolve through the global ID table of the same list (2.4.3,
/// GlobalIdTableStart/Start2 and GlobalIdTableEntryFNDX); the mapping entries of revision
/// manifests (GlobalIdTableEntry2/3, only in .onetoc2 tables) are not followed, and an
/// unresolved ID is matched within its own list only.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg::onenote {

/// Most fragments scanned, file nodes read and property-set values walked in one section.
inline constexpr std::size_t kMaxFragments = 100'000;
inline constexpr std::size_t kMaxFileNodes = 1'000'000;
inline constexpr std::size_t kMaxPropertySteps = 100'000;
/// Nesting of property sets inside property values (2.6.6 ArrayOfPropertyValues, PropertySet).
inline constexpr int kMaxPropertyDepth = 8;

struct EmbeddedFileNames {
  /// File offset of a FileDataStoreObject's guidHeader -> the name it was embedded under.
  std::map<std::size_t, std::string> by_offset;
  std::size_t named_nodes = 0;  // jcidEmbeddedFileNode objects with a name
  std::vector<std::string> anomalies;
};

/// Reads the names of `section`'s embedded files. Never fails; damage is an anomaly.
EmbeddedFileNames read_embedded_file_names(ByteView section);

}  // namespace lg::onenote
