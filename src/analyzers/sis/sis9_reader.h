#pragma once
/// Symbian OS 9.x installation files (SISX), after "Symbian OS v9.X SIS File Format
/// Specification" 1.1: a 16-byte UID header, then SISContents, a tree of type-length fields
/// holding a compressed SISController (package information and file descriptions) and SISData
/// (the file data). Bounded: every field lies inside its parent, arrays are walked at most
/// kSis9MaxEntries elements deep, the controller is inflated to at most the given cap.
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg {

inline constexpr std::uint32_t kSis9Uid1 = 0x10201A7A;
inline constexpr std::size_t kSis9MaxEntries = 4096;  // file descriptions and file data each
inline constexpr std::size_t kSis9MaxNameBytes = 1024;

// SISFileDescription Operation values.
inline constexpr std::uint32_t kSis9OpInstall = 1;
inline constexpr std::uint32_t kSis9OpRun = 2;
inline constexpr std::uint32_t kSis9OpText = 4;
inline constexpr std::uint32_t kSis9OpNull = 8;

/// One SISFileData of the SISData tree, with the description that names it (when the main
/// controller has one whose FileIndex points at it).
struct Sis9File {
  std::string target;           // SISFileDescription Target ("!:\sys\bin\x.exe"), UTF-8
  std::string mime_type;        // SISFileDescription MIMEType
  std::uint32_t operation = 0;  // 0 when no description names the data
  std::uint32_t data_unit = 0;  // index in SISData's array of SISDataUnit
  ByteView stored;              // SISCompressed CompressedData, a view into the input
  bool deflated = false;        // CompressionAlgorithm 1 (zlib); 0 is stored
  std::uint64_t size = 0;       // UncompressedDataSize
};

struct Sis9Package {
  bool valid = false;            // the header and SISContents were read
  std::uint32_t uid = 0;         // UID3 of the header, the package UID
  std::string name;              // SISInfo Names[0]
  std::size_t descriptions = 0;  // SISFileDescriptions in the main controller
  std::vector<Sis9File> files;   // every SISFileData, in data unit order
  std::vector<std::string> anomalies;
};

/// Reads the package. Never fails: what cannot be read is an anomaly. `max_controller_bytes`
/// caps the inflated controller.
Sis9Package read_sis9(ByteView data, std::size_t max_controller_bytes);

}  // namespace lg
