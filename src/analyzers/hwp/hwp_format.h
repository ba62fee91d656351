#pragma once
/// Pieces of the HWP 5.0 binary format ("한글 문서 파일 형식 5.0", Hancom) that the analyzer and
/// its tests share: the FileHeader (3.2.1), the record stream (4.1), paragraph text (4.3.3 with
/// the control characters of 4.3.10 / table 6), field commands (4.3.10.x, "%hlk") and
/// DocInfo's BIN_DATA records (4.2.3). Pure functions over bytes; no Context.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg {

/// 3.2.1: 32-byte signature, then DWORD version (0xMMnnPPrr) and DWORD properties.
struct HwpFileHeader {
  std::uint32_t version = 0;
  std::uint32_t properties = 0;
  std::uint32_t license = 0;  // second property DWORD (CCL / KOGL bits)
  std::uint32_t encrypt_version = 0;
  bool compressed() const { return properties & 0x1; }
  bool password() const { return properties & 0x2; }
  bool distribution() const { return properties & 0x4; }
  bool script() const { return properties & 0x8; }
  bool drm() const { return properties & 0x10; }
  bool certificate_encrypted() const { return properties & 0x100; }
  bool certificate_drm() const { return properties & 0x400; }
  /// "5.0.3.2".
  std::string version_string() const;
  /// Names of the property bits that are set ("compressed", "password", ...).
  std::vector<std::string> property_names() const;
};

inline constexpr std::string_view kHwp5Signature = "HWP Document File";
inline constexpr std::string_view kHwp3Signature = "HWP Document File V3.00";

/// Parses the FileHeader stream; nullopt when the signature or the fields are missing.
std::optional<HwpFileHeader> parse_hwp_file_header(ByteView stream);

/// 4.1 record tags (HWPTAG_BEGIN = 0x10).
inline constexpr std::uint16_t kHwpTagBinData = 0x10 + 2;      // DocInfo 4.2.3
inline constexpr std::uint16_t kHwpTagParaHeader = 0x10 + 50;  // BodyText 4.3.1
inline constexpr std::uint16_t kHwpTagParaText = 0x10 + 51;    // 4.3.2
inline constexpr std::uint16_t kHwpTagCtrlHeader = 0x10 + 55;  // 4.3.6

/// One record: tag id (10 bits), level (10 bits) and its body.
struct HwpRecord {
  std::uint16_t tag = 0;
  std::uint16_t level = 0;
  std::size_t offset = 0;  // of the header, in the stream
  ByteView body;           // may be shorter than declared when the stream was truncated
};

struct HwpRecordWalk {
  std::vector<HwpRecord> records;
  std::vector<std::string> anomalies;
  bool capped = false;  // stopped at max_records
};

/// Walks a decompressed DocInfo or Section stream into a flat list (levels as written).
/// At most `max_records` records. A record header or body running past the end is an anomaly;
/// the truncated body is kept and the walk stops.
HwpRecordWalk walk_hwp_records(ByteView stream, std::size_t max_records);

/// 4.3.2 HWPTAG_PARA_TEXT to UTF-8: extended and inline controls (8 UTF-16 units) are skipped,
/// tab (9) becomes '\t', line break (10) '\n', hyphen (24) '-', bound and fixed-width spaces
/// (30, 31) ' ', the paragraph end (13) nothing.
std::string hwp_para_text(ByteView body);

/// The control id of a CTRL_HEADER record as written in the spec ("%hlk", "tbl ", "gso ").
std::string hwp_ctrl_id(ByteView body);

/// The command string of a field control's CTRL_HEADER (4.3.10.x: ctrl id, DWORD properties,
/// BYTE extra properties, WORD length, WCHAR command[length]), or nullopt.
std::optional<std::string> hwp_field_command(ByteView body);

/// A hyperlink field's target: the command up to its first unescaped ';', with "\:" and "\\"
/// unescaped ("http\://google.com;1;0;0;" -> "http://google.com").
std::string hwp_hyperlink_target(std::string_view command);

/// 4.2.3 HWPTAG_BIN_DATA.
struct HwpBinDataRef {
  enum class Kind { kLink = 0, kEmbedding = 1, kStorage = 2, kUnknown = 3 } kind = Kind::kUnknown;
  int compression = 0;  // 0: as the document, 1: compressed, 2: stored
  std::uint16_t id = 0;
  std::string extension;                     // EMBEDDING only
  std::string absolute_path, relative_path;  // LINK only
  /// "BIN000C.jpg" for EMBEDDING, "BIN000C.OLE" for STORAGE; "" for LINK.
  std::string stream_name() const;
};
std::optional<HwpBinDataRef> parse_hwp_bin_data(ByteView body);

/// Reads a WORD length and that many UTF-16LE units at `off`; advances `off`.
std::optional<std::string> read_hwp_string(ByteView data, std::size_t& off);

}  // namespace lg
