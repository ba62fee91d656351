#pragma once
/// The EPOC installation file (SIS) of EPOC releases 3 to 6, as "SIS File Format" (Alexander
/// Thoukydides, version 1.18) describes it: a header of UIDs, counts and pointers, a list of
/// language codes, then file records pointing at names and file data anywhere in the file.
/// Symbian OS 9.x SIS files (UID1 0x10201A7A) are another format: sis9_reader.h.
/// Own bounded reader: no Debian library reads SIS.
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg {

enum class SisRelease {
  kEpoc5,  // UID2 0x1000006D: EPOC release 3, 4 and 5; file data stored
  kEpoc6,  // UID2 0x10003A12: EPOC release 6; file data deflated unless NoCompress is set
};

/// One language's copy of a file ("File length", "File pointer" and, in release 6, "Original
/// file length" of a file record).
struct SisFork {
  std::uint16_t language = 0;         // the language code this copy is for
  std::uint32_t offset = 0;           // of the (compressed) data in the SIS file
  std::uint32_t length = 0;           // stored bytes
  std::uint32_t original_length = 0;  // release 6: length once decompressed; else == length
};

/// A simple (record type 0) or multi-language (type 1) file record.
struct SisFile {
  std::uint32_t record_type = 0;
  std::uint32_t file_type = 0;  // kSisFile* below
  std::uint32_t details = 0;    // per file type: FILETEXT buttons, FILERUN when to run it
  std::string source;           // the name on the PC that built the package (UTF-8)
  std::string destination;      // where it is installed ("!:\system\apps\x\x.app"), UTF-8
  std::vector<SisFork> forks;   // one, or one per language
};

// "File type" values of a file record.
inline constexpr std::uint32_t kSisFileStandard = 0;  // FILE: installed
inline constexpr std::uint32_t kSisFileText = 1;      // FILETEXT: shown during installation
inline constexpr std::uint32_t kSisFileSis = 2;       // FILESIS: a component SIS installed too
inline constexpr std::uint32_t kSisFileRun = 3;       // FILERUN: run during install/removal
inline constexpr std::uint32_t kSisFileNull = 4;      // FILENULL: created later, no data
inline constexpr std::uint32_t kSisFileMime = 5;      // FILEMIME: opened by its MIME handler

// Header options.
inline constexpr std::uint16_t kSisOptionUnicode = 0x0001;     // names are UTF-16LE
inline constexpr std::uint16_t kSisOptionNoCompress = 0x0008;  // release 6 data stored

/// Caps: real packages have a few languages, a few dozen records and short names.
inline constexpr std::size_t kSisMaxLanguages = 256;
inline constexpr std::size_t kSisMaxNameBytes = 1024;

struct SisPackage {
  bool valid = false;  // the header was read
  SisRelease release = SisRelease::kEpoc5;
  std::uint32_t uid = 0;  // UID1, the application's UID
  std::uint16_t options = 0;
  std::uint32_t installer_version = 0;
  std::vector<std::uint16_t> languages;
  std::string component_name;  // the name of the package in its first language
  std::uint32_t records = 0;   // file records walked, of every record type
  std::vector<SisFile> files;
  std::vector<std::string> anomalies;

  /// True when file data is deflated (zlib): release 6 without NoCompress.
  bool compressed() const {
    return release == SisRelease::kEpoc6 && (options & kSisOptionNoCompress) == 0;
  }
};

/// Reads the header, languages, component name and file records. Never fails: what cannot be
/// read is an anomaly, and what came before it is kept. Bounded by the header's counts (16-bit)
/// and the caps above; a record walk stops at the first record that does not fit the data.
SisPackage read_sis(ByteView data);

/// The two-letter code makesis uses for an EPOC language number ("EN" for 1), or the number.
std::string sis_language_code(std::uint16_t language);

}  // namespace lg
