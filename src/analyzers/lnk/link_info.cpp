// [MS-SHLLINK] 2.3 LinkInfo, 2.3.1 VolumeID, 2.3.2 CommonNetworkRelativeLink. Offsets inside
// LinkInfo are relative to its start and must stay inside LinkInfoSize; strings are
// NUL-terminated, in the system code page or (the *Unicode offsets) UTF-16LE.
#include "analyzers/lnk/lnk_util.h"
#include "analyzers/lnk/shell_link.h"

namespace lg::lnk {
namespace {

constexpr std::uint32_t kVolumeIdAndLocalBasePath = 0x1;
constexpr std::uint32_t kCommonNetworkRelativeLinkAndPathSuffix = 0x2;
constexpr std::uint32_t kMinHeaderSize = 0x1C;
constexpr std::uint32_t kUnicodeHeaderSize = 0x24;  // adds the two *OffsetUnicode fields

// A string at `rel` (relative to the structure viewed by `r`), or nullopt when out of range.
std::optional<std::string> ansi_at(const Reader& r, std::uint32_t rel) {
  if (rel == 0 || rel >= r.size()) return std::nullopt;
  return read_ansi_z(r, rel, r.size());
}
std::optional<std::string> unicode_at(const Reader& r, std::uint32_t rel) {
  if (rel == 0 || rel >= r.size()) return std::nullopt;
  return read_utf16_z(r, rel, r.size());
}

void parse_volume_id(const Reader& li, std::uint32_t rel, LinkInfo* info,
                     std::vector<std::string>* anomalies) {
  // [MS-SHLLINK] 2.3.1: VolumeIDSize (> 0x10), DriveType, DriveSerialNumber,
  // VolumeLabelOffset (0x14 means VolumeLabelOffsetUnicode follows).
  auto size = li.u32le(rel);
  if (!size || *size <= 0x10 || !li.has(rel, *size)) {
    anomalies->emplace_back("LinkInfo: VolumeID out of range");
    return;
  }
  const Reader vol(*li.subspan(rel, *size));
  info->drive_type = vol.u32le(4);
  info->drive_serial_number = vol.u32le(8);
  const std::uint32_t label = vol.u32le(12).value_or(0);
  if (label == 0x14) {
    info->volume_label = unicode_at(vol, vol.u32le(16).value_or(0));
  } else if (label < vol.size()) {
    info->volume_label = read_ansi_z(vol, label, vol.size());
  }
  if (!info->volume_label) anomalies->emplace_back("LinkInfo: volume label out of range");
}

void parse_network_link(const Reader& li, std::uint32_t rel, LinkInfo* info,
                        std::vector<std::string>* anomalies) {
  // [MS-SHLLINK] 2.3.2: Size (>= 0x14), Flags, NetNameOffset, DeviceNameOffset,
  // NetworkProviderType, and the Unicode offsets when NetNameOffset > 0x14.
  constexpr std::uint32_t kValidDevice = 0x1, kValidNetType = 0x2;
  auto size = li.u32le(rel);
  if (!size || *size < 0x14 || !li.has(rel, *size)) {
    anomalies->emplace_back("LinkInfo: CommonNetworkRelativeLink out of range");
    return;
  }
  const Reader net(*li.subspan(rel, *size));
  const std::uint32_t flags = net.u32le(4).value_or(0);
  const std::uint32_t name_off = net.u32le(8).value_or(0);
  const std::uint32_t device_off = net.u32le(12).value_or(0);
  if (flags & kValidNetType) info->network_provider_type = net.u32le(16);
  if (name_off > 0x14) {
    info->net_name = unicode_at(net, net.u32le(20).value_or(0));
    if (flags & kValidDevice) info->device_name = unicode_at(net, net.u32le(24).value_or(0));
  }
  if (!info->net_name) info->net_name = ansi_at(net, name_off);
  if (!info->device_name && (flags & kValidDevice)) info->device_name = ansi_at(net, device_off);
  if (!info->net_name) anomalies->emplace_back("LinkInfo: NetName out of range");
}

}  // namespace

Status parse_link_info(const Reader& r, std::size_t* off, ShellLink* link) {
  auto size = r.u32le(*off);
  if (!size) return Status::error(ErrorCode::kTruncated, "LinkInfo cut short");
  auto body = r.subspan(*off, *size);
  if (!body) return Status::error(ErrorCode::kTruncated, "LinkInfo runs past the end");
  const Reader li(*body);
  const std::uint32_t header = li.u32le(4).value_or(0);
  if (*size < kMinHeaderSize || header < kMinHeaderSize || header >= *size) {
    return Status::error(ErrorCode::kMalformed, "LinkInfo header size invalid");
  }
  LinkInfo info;
  info.flags = li.u32le(8).value_or(0);
  const std::uint32_t volume_id = li.u32le(12).value_or(0);
  const std::uint32_t base = li.u32le(16).value_or(0);
  const std::uint32_t network = li.u32le(20).value_or(0);
  const std::uint32_t suffix = li.u32le(24).value_or(0);
  const bool unicode = header >= kUnicodeHeaderSize;
  if (info.flags & kVolumeIdAndLocalBasePath) {
    parse_volume_id(li, volume_id, &info, &link->anomalies);
    if (unicode) info.local_base_path = unicode_at(li, li.u32le(28).value_or(0));
    if (!info.local_base_path) info.local_base_path = ansi_at(li, base);
    if (!info.local_base_path) link->anomalies.emplace_back("LinkInfo: LocalBasePath out of range");
  }
  if (info.flags & kCommonNetworkRelativeLinkAndPathSuffix) {
    parse_network_link(li, network, &info, &link->anomalies);
  }
  if (unicode) info.common_path_suffix = unicode_at(li, li.u32le(32).value_or(0));
  if (!info.common_path_suffix) info.common_path_suffix = ansi_at(li, suffix);
  link->link_info = std::move(info);
  *off += *size;
  return Status::ok();
}

}  // namespace lg::lnk
