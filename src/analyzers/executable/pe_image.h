#pragma once
/// Internal to the PE analyzer: the parsed headers ([MS-PECOFF] 3 and 4) and the import reader.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/reader.h"

namespace lg::pe {

struct Section {
  std::string name;
  std::uint32_t virtual_size = 0, virtual_address = 0;
  std::uint32_t raw_size = 0, raw_offset = 0;
  std::uint32_t characteristics = 0;
};

struct DataDirectory {
  std::uint32_t address = 0, size = 0;  // an RVA, except the certificate table's file offset
};

struct Image {
  std::uint16_t machine = 0;
  std::uint16_t characteristics = 0;
  std::uint32_t timestamp = 0;
  bool pe32_plus = false;
  std::uint16_t subsystem = 0;
  std::uint32_t entry_point = 0;  // AddressOfEntryPoint, an RVA (0 for most DLLs)
  std::vector<Section> sections;
  std::vector<DataDirectory> directories;
};

// [MS-PECOFF] 3.3.2 / 4.1 section flags; 3.4.3 data directory indexes.
inline constexpr std::uint32_t kScnCntCode = 0x00000020;
inline constexpr std::uint32_t kScnMemExecute = 0x20000000;
inline constexpr std::uint32_t kScnMemWrite = 0x80000000;
inline constexpr std::size_t kDirImport = 1;
inline constexpr std::size_t kDirResource = 2;
inline constexpr std::size_t kDirSecurity = 4;
inline constexpr std::size_t kDirClr = 14;

/// The file offset of `rva`, through the section that maps it ([MS-PECOFF] 3.1 "RVA");
/// nullopt when no section does or the offset lies outside the file.
std::optional<std::size_t> rva_to_offset(const Image& image, const Reader& r, std::uint32_t rva);

struct ImportedDll {
  std::string name;                    // as written ("KERNEL32.dll")
  std::vector<std::string> functions;  // names, or "#123" for ordinals
};

struct Imports {
  std::vector<ImportedDll> dlls;
  std::size_t functions = 0;
  bool truncated = false;  // a cap was reached or a table ran off the file
};

/// The import directory ([MS-PECOFF] 6.4): descriptors until the null one, each DLL's lookup
/// table (or its IAT when the lookup table is absent) until the null entry. Bounded by
/// kMaxImportDlls and kMaxImportFunctions.
Imports read_imports(const Image& image, const Reader& r);

inline constexpr std::size_t kMaxImportDlls = 512;
inline constexpr std::size_t kMaxImportFunctions = 8192;

/// Named capabilities the imports give together ("process injection: VirtualAllocEx,
/// WriteProcessMemory, CreateRemoteThread"); empty when none.
std::vector<std::string> suspicious_import_sets(const Imports& imports);

}  // namespace lg::pe
