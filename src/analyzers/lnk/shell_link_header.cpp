// [MS-SHLLINK] 2.1 ShellLinkHeader, its flag names, and the top-level walk over the five
// structures of 2 (header, LinkTargetIDList, LinkInfo, StringData, ExtraData) in order.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <utility>

#include "analyzers/lnk/shell_link.h"

namespace lg::lnk {
namespace {

constexpr std::uint32_t kHeaderSize = 0x4C;
// LinkCLSID 00021401-0000-0000-C000-000000000046 in its stored byte order.
constexpr std::array<std::uint8_t, 16> kLinkClsid = {
    0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};

// [MS-SHLLINK] 2.1.1, bit 0 upwards.
constexpr std::array<std::string_view, 27> kLinkFlagNames = {
    "HasTargetIDList",  // HasLinkTargetIDList in the spec
    "HasLinkInfo",
    "HasName",
    "HasRelativePath",
    "HasWorkingDir",
    "HasArguments",
    "HasIconLocation",
    "IsUnicode",
    "ForceNoLinkInfo",
    "HasExpString",
    "RunInSeparateProcess",
    "Unused1",
    "HasDarwinID",
    "RunAsUser",
    "HasExpIcon",
    "NoPidlAlias",
    "Unused2",
    "RunWithShimLayer",
    "ForceNoLinkTrack",
    "EnableTargetMetadata",
    "DisableLinkPathTracking",
    "DisableKnownFolderTracking",
    "DisableKnownFolderAlias",
    "AllowLinkToLink",
    "UnaliasOnSave",
    "PreferEnvironmentPath",
    "KeepLocalIDListForUNCTarget",
};

// [MS-SHLLINK] 2.1.2, bit 0 upwards.
constexpr std::array<std::string_view, 15> kFileAttributeNames = {
    "FILE_ATTRIBUTE_READONLY",      "FILE_ATTRIBUTE_HIDDEN",
    "FILE_ATTRIBUTE_SYSTEM",        "FILE_ATTRIBUTE_RESERVED1",
    "FILE_ATTRIBUTE_DIRECTORY",     "FILE_ATTRIBUTE_ARCHIVE",
    "FILE_ATTRIBUTE_RESERVED2",     "FILE_ATTRIBUTE_NORMAL",
    "FILE_ATTRIBUTE_TEMPORARY",     "FILE_ATTRIBUTE_SPARSE_FILE",
    "FILE_ATTRIBUTE_REPARSE_POINT", "FILE_ATTRIBUTE_COMPRESSED",
    "FILE_ATTRIBUTE_OFFLINE",       "FILE_ATTRIBUTE_NOT_CONTENT_INDEXED",
    "FILE_ATTRIBUTE_ENCRYPTED",
};

template <std::size_t N>
std::vector<std::string> bit_names(std::uint32_t bits,
                                   const std::array<std::string_view, N>& names) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < 32; ++i) {
    if ((bits & (1u << i)) == 0) continue;
    if (i < N) {
      out.emplace_back(names[i]);
    } else {
      std::array<char, 16> buf{};
      std::snprintf(buf.data(), buf.size(), "0x%08x", 1u << i);
      out.emplace_back(buf.data());
    }
  }
  return out;
}

std::string key_name(std::uint8_t key) {
  // [MS-SHLLINK] 2.1.3 LowByte: '0'-'9', 'A'-'Z', VK_F1..VK_F24, VK_NUMLOCK, VK_SCROLL.
  if ((key >= '0' && key <= '9') || (key >= 'A' && key <= 'Z')) {
    return std::string(1, static_cast<char>(key));
  }
  if (key >= 0x70 && key <= 0x87) return "F" + std::to_string(key - 0x70 + 1);
  if (key == 0x90) return "NUM LOCK";
  if (key == 0x91) return "SCROLL LOCK";
  if (key == 0) return "UNSET";
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%02x", key);
  return buf.data();
}

}  // namespace

std::vector<std::string> link_flag_names(std::uint32_t flags) {
  return bit_names(flags, kLinkFlagNames);
}

std::vector<std::string> file_attribute_names(std::uint32_t attributes) {
  return bit_names(attributes, kFileAttributeNames);
}

std::string show_command_name(std::uint32_t show_command) {
  switch (show_command) {
    case 3:
      return "SW_SHOWMAXIMIZED";
    case 7:
      return "SW_SHOWMINNOACTIVE";
    default:
      return "SW_SHOWNORMAL";
  }
}

std::string hotkey_name(std::uint16_t hotkey) {
  const auto mods = static_cast<std::uint8_t>(hotkey >> 8);
  std::string m;
  // [MS-SHLLINK] 2.1.3 HighByte: HOTKEYF_SHIFT 1, HOTKEYF_CONTROL 2, HOTKEYF_ALT 4.
  for (auto [bit, name] : {std::pair{1, "SHIFT"}, std::pair{2, "CONTROL"}, std::pair{4, "ALT"}}) {
    if ((mods & bit) == 0) continue;
    if (!m.empty()) m += "+";
    m += name;
  }
  if (m.empty()) m = mods == 0 ? "UNSET" : "0x" + std::to_string(mods);
  std::array<char, 16> raw{};
  std::snprintf(raw.data(), raw.size(), "{0x%04x}", hotkey);
  return m + " - " + key_name(static_cast<std::uint8_t>(hotkey & 0xFF)) + " " + raw.data();
}

Status parse_shell_link_header(const Reader& r, std::size_t* off, ShellLink* link) {
  const std::size_t o = *off;
  auto size = r.u32le(o);
  auto clsid = r.subspan(o + 4, kLinkClsid.size());
  if (!size || *size != kHeaderSize || !clsid ||
      !std::equal(clsid->begin(), clsid->end(), kLinkClsid.begin())) {
    return Status::error(ErrorCode::kMalformed, "not a ShellLinkHeader");
  }
  if (!r.has(o, kHeaderSize)) {
    return Status::error(ErrorCode::kTruncated, "ShellLinkHeader cut short");
  }
  ShellLinkHeader& h = link->header;
  h.link_flags = *r.u32le(o + 20);
  h.file_attributes = *r.u32le(o + 24);
  h.creation_time = *r.u64le(o + 28);
  h.access_time = *r.u64le(o + 36);
  h.write_time = *r.u64le(o + 44);
  h.file_size = *r.u32le(o + 52);
  h.icon_index = static_cast<std::int32_t>(*r.u32le(o + 56));
  h.show_command = *r.u32le(o + 60);
  h.hotkey = *r.u16le(o + 64);
  h.reserved_nonzero = *r.u16le(o + 66) != 0 || *r.u32le(o + 68) != 0 || *r.u32le(o + 72) != 0;
  *off = o + kHeaderSize;
  return Status::ok();
}

Result<ShellLink> parse_shell_link(ByteView data) {
  const Reader r(data);
  ShellLink link;
  std::size_t off = 0;
  if (Status s = parse_shell_link_header(r, &off, &link); !s.is_ok()) return s;
  if (link.header.reserved_nonzero) link.anomalies.emplace_back("header reserved fields not zero");
  const std::uint32_t flags = link.header.link_flags;
  Status s;
  // [MS-SHLLINK] 2: the optional structures follow in this order, each present per its flag.
  if (flags & kHasLinkTargetIdList) s = parse_link_target_id_list(r, &off, &link);
  // With ForceNoLinkInfo a present LinkInfo is still stepped over (and reported).
  if (s.is_ok() && (flags & kHasLinkInfo)) s = parse_link_info(r, &off, &link);
  if (s.is_ok()) s = parse_string_data(r, &off, &link);
  if (s.is_ok()) s = parse_extra_data(r, &off, &link);
  if (!s.is_ok()) link.anomalies.push_back(s.message());
  link.status = std::move(s);
  return link;
}

}  // namespace lg::lnk
