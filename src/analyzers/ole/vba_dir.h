#pragma once
/// [MS-OVBA] 2.3.4.2 dir stream (decompressed): project information and module records.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg {

/// One module as the dir stream describes it (2.3.4.2.3.2).
struct VbaDirModule {
  std::string name;               // MODULENAME (code page), or MODULENAMEUNICODE when present
  std::string stream_name;        // MODULESTREAMNAME (UTF-8), or the unicode form when present
  std::uint32_t text_offset = 0;  // MODULEOFFSET: source starts here in the module stream
  bool has_offset = false;
  bool document = false;  // MODULETYPE 0x22 (document/class module) vs 0x21 (procedural)
  bool is_private = false;
  bool read_only = false;
};

struct VbaDir {
  std::uint16_t code_page = 1252;  // PROJECTCODEPAGE
  bool has_code_page = false;
  std::string project_name;
  std::optional<std::uint32_t> compat_version;  // PROJECTCOMPATVERSION (0x4A), newer Office
  std::uint16_t declared_modules = 0;           // PROJECTMODULES count
  std::vector<VbaDirModule> modules;
  std::vector<std::string> anomalies;
};

/// Parses the decompressed dir stream. Tolerant (maldoca's lesson): unknown record ids are
/// skipped by their size, records may come in any order, a module starts at MODULENAME or at
/// a module record without one; a size past the end stops parsing with an anomaly.
/// At most kMaxDirModules modules and kMaxDirRecords records.
VbaDir parse_vba_dir(ByteView dir);

}  // namespace lg
