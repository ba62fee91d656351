// [MS-SHLLINK] 2.5 ExtraData: blocks of BlockSize (4 bytes) and BlockSignature (4 bytes) up
// to the TerminalBlock (BlockSize < 4). Unknown signatures are skipped by their size.
#include <string_view>

#include "analyzers/lnk/lnk_util.h"
#include "analyzers/lnk/property_store.h"
#include "analyzers/lnk/shell_link.h"

namespace lg::lnk {
namespace {

enum BlockSignature : std::uint32_t {
  kEnvironmentVariableBlock = 0xA0000001,  // 2.5.4, 0x314 bytes
  kConsoleBlock = 0xA0000002,              // 2.5.1, 0xCC
  kTrackerBlock = 0xA0000003,              // 2.5.10, 0x60
  kConsoleFeBlock = 0xA0000004,            // 2.5.2, 0x0C
  kSpecialFolderBlock = 0xA0000005,        // 2.5.9, 0x10
  kDarwinBlock = 0xA0000006,               // 2.5.3, 0x314
  kIconEnvironmentBlock = 0xA0000007,      // 2.5.5, 0x314
  kShimBlock = 0xA0000008,                 // 2.5.8, >= 0x88
  kPropertyStoreBlock = 0xA0000009,        // 2.5.7, >= 0x0C
  kKnownFolderBlock = 0xA000000B,          // 2.5.6, 0x1C
  kVistaIdListBlock = 0xA000000C,          // 2.5.11, >= 0x0A
};

// TargetAnsi (260 bytes at 8) and TargetUnicode (520 bytes at 268) of the 0x314-byte blocks
// 2.5.3-2.5.5; the Unicode form wins when it is not empty.
std::optional<std::string> ansi_unicode_target(const Reader& b) {
  constexpr std::size_t kAnsiOff = 8, kAnsiLen = 260, kUnicodeOff = 268, kUnicodeLen = 520;
  auto u = read_utf16_z(b, kUnicodeOff, kUnicodeOff + kUnicodeLen);
  if (u && !u->empty()) return u;
  return read_ansi_z(b, kAnsiOff, kAnsiOff + kAnsiLen);
}

void parse_tracker(const Reader& b, ExtraData* x) {
  // 2.5.10: Length, Version, MachineID (16 bytes, NUL-terminated code page), Droid (two
  // GUIDs: volume, object), DroidBirth (two GUIDs). Object ids are usually UUID version 1,
  // whose node field is the MAC address of the machine that created them.
  constexpr std::size_t kMachineId = 16, kDroid = 32, kBirth = 64;
  x->machine_identifier = read_ansi_z(b, kMachineId, kMachineId + 16);
  x->droid_volume_identifier = read_guid(b, kDroid);
  x->droid_file_identifier = read_guid(b, kDroid + 16);
  x->birth_droid_volume_identifier = read_guid(b, kBirth);
  x->birth_droid_file_identifier = read_guid(b, kBirth + 16);
  x->mac_address = uuid_v1_node(b, kDroid + 16);
  x->birth_mac_address = uuid_v1_node(b, kBirth + 16);
}

void parse_console(const Reader& b, ExtraData* x) {
  // 2.5.1: WindowSizeX/Y (2 bytes each) at 16, FaceName (32 UTF-16 characters) at 44.
  auto w = b.u16le(16), h = b.u16le(18);
  if (w && h) x->console_window_size = std::to_string(*w) + "x" + std::to_string(*h);
  x->console_face_name = read_utf16_z(b, 44, 44 + 64);
}

struct BlockInfo {
  std::uint32_t signature;
  std::string_view name;
  std::uint32_t min_size;
  bool exact;  // the spec fixes the size
};

constexpr BlockInfo kBlocks[] = {
    {kEnvironmentVariableBlock, "environment_variable", 0x314, true},
    {kConsoleBlock, "console", 0xCC, true},
    {kTrackerBlock, "tracker", 0x60, true},
    {kConsoleFeBlock, "console_fe", 0x0C, true},
    {kSpecialFolderBlock, "special_folder", 0x10, true},
    {kDarwinBlock, "darwin", 0x314, true},
    {kIconEnvironmentBlock, "icon_environment", 0x314, true},
    {kShimBlock, "shim", 0x88, false},
    {kPropertyStoreBlock, "property_store", 0x0C, false},
    {kKnownFolderBlock, "known_folder", 0x1C, true},
    {kVistaIdListBlock, "vista_and_above_id_list", 0x0A, false},
};

void parse_block(const Reader& b, std::uint32_t sig, ShellLink* link) {
  ExtraData& x = link->extra;
  switch (sig) {
    case kEnvironmentVariableBlock:
      x.environment_target = ansi_unicode_target(b);
      break;
    case kIconEnvironmentBlock:
      x.icon_environment_target = ansi_unicode_target(b);
      break;
    case kDarwinBlock:
      x.darwin_id = ansi_unicode_target(b);
      break;
    case kConsoleBlock:
      parse_console(b, &x);
      break;
    case kConsoleFeBlock:
      x.console_code_page = b.u32le(8);
      break;
    case kTrackerBlock:
      parse_tracker(b, &x);
      break;
    case kSpecialFolderBlock:
      x.special_folder_id = b.u32le(8);
      break;
    case kKnownFolderBlock:
      x.known_folder_id = read_guid(b, 8);
      break;
    case kShimBlock:
      x.shim_layer = read_utf16_z(b, 8, b.size());
      break;
    case kPropertyStoreBlock:
      parse_property_store(*b.tail(8), &x.properties, &link->anomalies);
      break;
    case kVistaIdListBlock: {
      Status s = parse_id_list_items(*b.tail(8), &x.vista_id_list, &link->anomalies);
      if (!s.is_ok()) link->anomalies.push_back("VistaAndAboveIDList: " + s.message());
      break;
    }
    default:
      break;
  }
}

}  // namespace

Status parse_extra_data(const Reader& r, std::size_t* off, ShellLink* link) {
  ExtraData& x = link->extra;
  for (std::size_t n = 0;; ++n) {
    auto size = r.u32le(*off);
    if (!size) {
      // Windows reads shortcuts that simply end here; note it and stop.
      link->anomalies.push_back(*off == r.size() ? "ExtraData: no TerminalBlock"
                                                 : "ExtraData: TerminalBlock cut short");
      return Status::ok();
    }
    if (*size < 4) {  // 2.5: TerminalBlock
      x.terminal_found = true;
      *off += 4;
      link->end_offset = *off;
      return Status::ok();
    }
    if (n >= kMaxExtraBlocks) {
      return Status::error(ErrorCode::kLimit, "ExtraData: more blocks than the cap");
    }
    auto block = r.subspan(*off, *size);
    if (!block && !r.has(*off, 8)) {
      // A few stray bytes where the TerminalBlock belongs (seen in real shortcuts).
      link->anomalies.push_back("ExtraData: " + std::to_string(r.size() - *off) +
                                " stray bytes instead of a TerminalBlock");
      return Status::ok();
    }
    if (!block) return Status::error(ErrorCode::kTruncated, "ExtraData block runs past the end");
    if (*size < 8) return Status::error(ErrorCode::kMalformed, "ExtraData block shorter than 8");
    const Reader b(*block);
    const std::uint32_t sig = *b.u32le(4);
    const BlockInfo* info = nullptr;
    for (const auto& k : kBlocks) {
      if (k.signature == sig) info = &k;
    }
    if (!info) {
      ++x.unknown_blocks;
      x.block_names.push_back("unknown:" + hex32(sig));
      link->anomalies.push_back("ExtraData: unknown block signature " + hex32(sig));
    } else {
      x.block_names.emplace_back(info->name);
      if (*size < info->min_size || (info->exact && *size != info->min_size)) {
        link->anomalies.push_back("ExtraData: " + std::string(info->name) +
                                  " block of unexpected size " + std::to_string(*size));
      }
      if (*size >= info->min_size) parse_block(b, sig, link);
    }
    *off += *size;
  }
}

}  // namespace lg::lnk
