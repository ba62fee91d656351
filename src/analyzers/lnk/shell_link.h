#pragma once
/// The parsed form of a Windows shortcut ([MS-SHLLINK] 2), filled part by part by the
/// structure readers (shell_link_header.cpp, id_list.cpp, link_info.cpp, string_data.cpp,
/// extra_data.cpp). All strings are UTF-8 (UTF-16LE or windows-1252 decoded, never invalid).
/// Parsing keeps what it read before an error: a truncated shortcut still yields its header.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/reader.h"
#include "core/status.h"

namespace lg::lnk {

// Caps (style rule 5): a real shortcut has a handful of each.
inline constexpr std::size_t kMaxShellItems = 256;       // ItemIDs in one IDList
inline constexpr std::size_t kMaxExtraBlocks = 64;       // ExtraData blocks
inline constexpr std::size_t kMaxPropertyStorages = 64;  // storages in a PropertyStore block
inline constexpr std::size_t kMaxPropertyValues = 256;   // values in one storage

/// [MS-SHLLINK] 2.1 LinkFlags bits.
enum LinkFlag : std::uint32_t {
  kHasLinkTargetIdList = 1u << 0,
  kHasLinkInfo = 1u << 1,
  kHasName = 1u << 2,
  kHasRelativePath = 1u << 3,
  kHasWorkingDir = 1u << 4,
  kHasArguments = 1u << 5,
  kHasIconLocation = 1u << 6,
  kIsUnicode = 1u << 7,
  kForceNoLinkInfo = 1u << 8,
};

/// [MS-SHLLINK] 2.1 ShellLinkHeader (76 bytes).
struct ShellLinkHeader {
  std::uint32_t link_flags = 0;
  std::uint32_t file_attributes = 0;
  std::uint64_t creation_time = 0;  // FILETIME, 100 ns since 1601-01-01 UTC
  std::uint64_t access_time = 0;
  std::uint64_t write_time = 0;
  std::uint32_t file_size = 0;
  std::int32_t icon_index = 0;
  std::uint32_t show_command = 0;
  std::uint16_t hotkey = 0;
  bool reserved_nonzero = false;
};

/// One shell item of an IDList (the layouts are not in [MS-SHLLINK]; they follow the
/// Windows Shell item formats as documented by libfwsi).
struct ShellItem {
  std::uint8_t class_type = 0;
  std::string kind;       // "root_folder", "volume", "file_entry", "delegate", "network", ...
  std::string name;       // primary name, volume name or GUID: what the item stores first
  std::string long_name;  // file entry: the long name from its 0xBEEF0004 extension
  std::uint32_t file_size = 0;
  std::uint16_t attributes = 0;
};

/// [MS-SHLLINK] 2.3 LinkInfo with its VolumeID (2.3.1) and CommonNetworkRelativeLink (2.3.2).
struct LinkInfo {
  std::uint32_t flags = 0;
  std::optional<std::string> local_base_path;
  std::optional<std::string> common_path_suffix;
  std::optional<std::uint32_t> drive_type;
  std::optional<std::uint32_t> drive_serial_number;
  std::optional<std::string> volume_label;
  std::optional<std::string> net_name;
  std::optional<std::string> device_name;
  std::optional<std::uint32_t> network_provider_type;
};

/// [MS-SHLLINK] 2.4 StringData.
struct StringData {
  std::optional<std::string> name;  // NAME_STRING: the description
  std::optional<std::string> relative_path;
  std::optional<std::string> working_dir;
  std::optional<std::string> arguments;
  std::optional<std::string> icon_location;
  std::size_t arguments_chars = 0;  // CountCharacters of COMMAND_LINE_ARGUMENTS
};

/// One simple value of a serialized property storage ([MS-PROPSTORE] 2.2-2.3).
struct PropertyValue {
  std::string format_id;  // GUID, upper case, no braces
  std::string name;       // the integer id in decimal, or the string name
  std::string value;      // UTF-8 rendering of a simple value; empty when not rendered
  bool rendered = false;
};

/// [MS-SHLLINK] 2.5 ExtraData, decoded blocks.
struct ExtraData {
  std::optional<std::string> environment_target;       // 2.5.4
  std::optional<std::string> icon_environment_target;  // 2.5.5
  std::optional<std::string> darwin_id;                // 2.5.3
  std::optional<std::string> shim_layer;               // 2.5.8
  std::optional<std::string> machine_identifier;       // 2.5.10
  std::optional<std::string> droid_volume_identifier;
  std::optional<std::string> droid_file_identifier;
  std::optional<std::string> birth_droid_volume_identifier;
  std::optional<std::string> birth_droid_file_identifier;
  std::optional<std::string> mac_address;          // node of the droid file UUID (version 1)
  std::optional<std::string> birth_mac_address;    // node of the birth droid file UUID
  std::optional<std::string> known_folder_id;      // 2.5.6
  std::optional<std::uint32_t> special_folder_id;  // 2.5.9
  std::optional<std::uint32_t> console_code_page;  // 2.5.2
  std::optional<std::string> console_face_name;    // 2.5.1
  std::optional<std::string> console_window_size;  // "WxH" in character cells
  std::vector<PropertyValue> properties;           // 2.5.7
  std::vector<ShellItem> vista_id_list;            // 2.5.11
  std::vector<std::string> block_names;            // every block met, in order
  std::size_t unknown_blocks = 0;
  bool terminal_found = false;
};

struct ShellLink {
  ShellLinkHeader header;
  std::vector<ShellItem> id_list;
  std::optional<LinkInfo> link_info;
  StringData strings;
  ExtraData extra;
  /// Offset just past the terminal block (the start of appended data), when it was reached.
  std::optional<std::size_t> end_offset;
  std::vector<std::string> anomalies;  // what was malformed, in reading order
  Status status;                       // why parsing stopped early; ok when it reached the end
};

/// Each reader parses one structure at `*off`, advances `*off` past it and records what it
/// found in `link`. An error means the structure was cut or broken; `*off` is then unusable
/// and the caller stops (what was read stays in `link`).
Status parse_shell_link_header(const Reader& r, std::size_t* off, ShellLink* link);
Status parse_link_target_id_list(const Reader& r, std::size_t* off, ShellLink* link);
Status parse_link_info(const Reader& r, std::size_t* off, ShellLink* link);
Status parse_string_data(const Reader& r, std::size_t* off, ShellLink* link);
Status parse_extra_data(const Reader& r, std::size_t* off, ShellLink* link);

/// Parses the items of one IDList body (the bytes after IDListSize) into `items`; used by
/// the LinkTargetIDList and the VistaAndAboveIDList block.
Status parse_id_list_items(ByteView list, std::vector<ShellItem>* items,
                           std::vector<std::string>* anomalies);

/// Names as [MS-SHLLINK] 2.1.1-2.1.3 spell them (the reference parser's spelling for the
/// first flag, "HasTargetIDList"); unknown bits are named "0x%08x".
std::vector<std::string> link_flag_names(std::uint32_t flags);
std::vector<std::string> file_attribute_names(std::uint32_t attributes);
/// "SW_SHOWNORMAL", "SW_SHOWMAXIMIZED", "SW_SHOWMINNOACTIVE" ([MS-SHLLINK] 2.1: other values
/// mean SW_SHOWNORMAL).
std::string show_command_name(std::uint32_t show_command);
/// [MS-SHLLINK] 2.1.3 HotKeyFlags as "MODIFIERS - KEY {0x%04x}" ("UNSET - UNSET {0x0000}").
std::string hotkey_name(std::uint16_t hotkey);

/// The whole shortcut. An error only when the header is not a ShellLinkHeader; later damage
/// is recorded in `anomalies` and parsing stops there.
Result<ShellLink> parse_shell_link(ByteView data);

}  // namespace lg::lnk
