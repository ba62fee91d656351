// [MS-SHLLINK] 2.2 LinkTargetIDList and 2.2.1 IDList. The ItemID payloads are shell items,
// which [MS-SHLLINK] leaves opaque; the layouts read here (root folder, volume, file entry
// with its 0xBEEF0004 extension, network location, CFSF delegate) follow libfwsi's
// "Windows Shell Item format" notes. Unknown item classes are kept with an empty name.
#include "analyzers/lnk/lnk_util.h"
#include "analyzers/lnk/shell_link.h"

namespace lg::lnk {
namespace {

constexpr std::uint32_t kFileEntryExtension = 0xBEEF0004;
constexpr std::size_t kMaxVolumeName = 20;  // "C:\" and a little slack

// Long-name offset inside a 0xBEEF0004 block by its version: fields are added per version
// (v7: file reference and an unknown 8 bytes; v8 and v9: one more 4-byte field each).
std::size_t long_name_offset(std::uint16_t version) {
  if (version >= 9) return 46;
  if (version == 8) return 42;
  if (version == 7) return 38;
  return 20;  // versions 3 to 6
}

void parse_file_entry(const Reader& item, ShellItem* out) {
  out->kind = "file_entry";
  const bool unicode = (out->class_type & 0x04) != 0;
  out->file_size = item.u32le(4).value_or(0);
  out->attributes = item.u16le(12).value_or(0);
  constexpr std::size_t kNameOff = 14;
  std::size_t name_end = kNameOff;
  if (unicode) {
    out->name = read_utf16_z(item, kNameOff, item.size()).value_or("");
    while (name_end + 1 < item.size() && (item.u16le(name_end).value_or(0) != 0)) name_end += 2;
    name_end += 2;
  } else {
    out->name = read_ansi_z(item, kNameOff, item.size()).value_or("");
    while (name_end < item.size() && item.u8(name_end).value_or(0) != 0) ++name_end;
    name_end += 1;
    name_end += name_end % 2;  // the extension blocks start on a 2-byte boundary
  }
  // Extension block right after the primary name: size, version, signature.
  const std::size_t ext = name_end;
  auto ext_size = item.u16le(ext);
  auto version = item.u16le(ext + 2);
  auto sig = item.u32le(ext + 4);
  if (!ext_size || !version || !sig || *sig != kFileEntryExtension || *version < 3) return;
  const std::size_t ext_end = std::min(item.size(), ext + *ext_size);
  if (auto name = read_utf16_z(item, ext + long_name_offset(*version), ext_end)) {
    out->long_name = *name;
  }
}

void parse_item(ByteView bytes, ShellItem* out) {
  const Reader item(bytes);
  out->class_type = item.u8(2).value_or(0);
  const std::uint8_t c = out->class_type;
  if (c == 0x1F) {
    out->kind = "root_folder";
    out->name = read_guid(item, 4).value_or("");
  } else if ((c & 0x70) == 0x20) {
    out->kind = "volume";
    if (c & 0x01) {
      out->name = read_ansi_z(item, 3, 3 + kMaxVolumeName).value_or("");
    } else {
      out->name = read_guid(item, 4).value_or("");
    }
  } else if ((c & 0x70) == 0x30) {
    parse_file_entry(item, out);
  } else if ((c & 0x70) == 0x40) {
    out->kind = "network";
    out->name = read_ansi_z(item, 5, item.size()).value_or("");
  } else if (c == 0x74 && item.starts_with_at(6, "CFSF")) {
    // Delegate item: a file entry wrapped after the "CFSF" signature.
    out->kind = "delegate";
    auto inner_size = item.u16le(10);
    auto inner = inner_size ? item.subspan(10, *inner_size) : std::nullopt;
    if (inner && inner->size() > 14) {
      ShellItem fe;
      fe.class_type = Reader(*inner).u8(2).value_or(0);
      parse_file_entry(Reader(*inner), &fe);
      out->name = fe.name;
      out->long_name = fe.long_name;
      out->attributes = fe.attributes;
    }
  } else {
    out->kind = "other";
  }
}

}  // namespace

Status parse_id_list_items(ByteView list, std::vector<ShellItem>* items,
                           std::vector<std::string>* anomalies) {
  const Reader r(list);
  std::size_t off = 0;
  for (std::size_t n = 0;; ++n) {
    auto size = r.u16le(off);
    if (!size) return Status::error(ErrorCode::kTruncated, "IDList without its TerminalID");
    if (*size == 0) {
      if (off + 2 != list.size()) anomalies->emplace_back("IDList: data after its TerminalID");
      return Status::ok();
    }
    if (n >= kMaxShellItems) {
      anomalies->emplace_back("IDList: more shell items than the cap");
      return Status::ok();
    }
    if (*size < 3) return Status::error(ErrorCode::kMalformed, "IDList: ItemID shorter than 3");
    auto item = r.subspan(off, *size);
    if (!item) return Status::error(ErrorCode::kTruncated, "IDList: ItemID runs past the list");
    ShellItem s;
    parse_item(*item, &s);
    items->push_back(std::move(s));
    off += *size;
  }
}

Status parse_link_target_id_list(const Reader& r, std::size_t* off, ShellLink* link) {
  // [MS-SHLLINK] 2.2: IDListSize (2 bytes), then the IDList of that many bytes.
  auto size = r.u16le(*off);
  if (!size) return Status::error(ErrorCode::kTruncated, "LinkTargetIDList cut short");
  auto list = r.subspan(*off + 2, *size);
  if (!list) return Status::error(ErrorCode::kTruncated, "LinkTargetIDList runs past the end");
  Status s = parse_id_list_items(*list, &link->id_list, &link->anomalies);
  if (!s.is_ok()) link->anomalies.push_back("LinkTargetIDList: " + s.message());
  // The size field, not the items, decides where LinkInfo starts.
  *off += 2 + *size;
  return Status::ok();
}

}  // namespace lg::lnk
