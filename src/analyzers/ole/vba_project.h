#pragma once
/// VBA projects in a compound file: [MS-OVBA] 2.2 storage layout (a "VBA" storage with "dir",
/// "_VBA_PROJECT" and module streams, beside a "PROJECT" stream), module source decompression
/// and decoding, and the PROJECT stream (2.3.1) text.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/ole/vba_dir.h"
#include "core/bytes.h"
#include "formats/cfb/compound_file.h"

namespace lg {

/// One module of a project (or carved from loose bytes).
struct VbaModule {
  std::string name;           // module name (dir stream), or "carved_<offset>" for carved code
  std::string stream_path;    // CFB path of the module stream ("" when carved from raw bytes)
  std::string source;         // decompressed source, decoded to UTF-8 (always valid UTF-8)
  bool stream_found = false;  // the module stream exists
  bool source_ok = false;     // the compressed container decompressed cleanly
  bool carved = false;        // found by scanning for "\0Attribut", not through the dir stream
  bool document = false;      // document/class module (ThisDocument, Sheet1 ...)
  std::uint32_t text_offset = 0;
  Bytes pcode;  // the module stream's bytes before text_offset (performance cache, P-code)
};

/// [MS-OVBA] 2.3.1 PROJECT stream: the module list the VBA editor shows.
struct VbaProjectStream {
  bool present = false;
  std::vector<std::string> modules;  // Module=, Document= (name before '/'), Class=, BaseClass=
  bool protection = false;           // DPB= with a non-empty value (locked project)
};

struct VbaProject {
  std::string storage_path;  // CFB path of the storage holding "VBA" ("" for root, "Macros")
  VbaDir dir;
  VbaProjectStream project;
  std::vector<VbaModule> modules;
  std::size_t vba_project_stream_size = 0;  // _VBA_PROJECT size; 7 = no cached P-code
  std::vector<std::string> anomalies;
};

/// Caps: projects per file, bytes read per stream, carving matches per buffer.
inline constexpr std::size_t kMaxVbaProjects = 64;
inline constexpr std::size_t kMaxVbaStreamBytes = 16u << 20;
inline constexpr std::size_t kMaxVbaSourceBytes = 16u << 20;
inline constexpr std::size_t kMaxCarveMatches = 256;

/// Every project whose "VBA" storage holds a "dir" stream, in walk order.
std::vector<VbaProject> find_vba_projects(const CompoundFile& cf);

/// Parses the PROJECT stream text (decoded with `charset`).
VbaProjectStream parse_project_stream(ByteView data, const std::string& charset);

/// maldoca's lesson: scans `data` for "\0Attribut" (the first literal run of compressed module
/// source: flag byte 0, then "Attribut"), decompresses from the container start 3 bytes before
/// and keeps each result that decodes to source starting "Attribute". `origin` prefixes the
/// carved module names.
std::vector<VbaModule> carve_vba_modules(ByteView data, const std::string& origin,
                                         std::uint32_t code_page);

/// Decodes module source from the project code page to UTF-8.
std::string decode_vba_source(ByteView raw, std::uint32_t code_page);

}  // namespace lg
