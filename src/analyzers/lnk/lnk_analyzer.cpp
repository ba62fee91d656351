// LnkAnalyzer: runs the [MS-SHLLINK] readers, reports the parsed structures as facts and
// text, hands appended data over as a child, and asks lnk_findings to judge.
#include "analyzers/lnk/lnk_analyzer.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/lnk/lnk_findings.h"
#include "analyzers/lnk/lnk_util.h"
#include "analyzers/lnk/shell_link.h"

namespace lg {
namespace {

using lnk::ShellLink;

// [MS-SHLLINK] 2.3.1 DriveType.
std::string drive_type_name(std::uint32_t t) {
  constexpr std::array<const char*, 7> kNames = {
      "DRIVE_UNKNOWN", "DRIVE_NO_ROOT_DIR", "DRIVE_REMOVABLE", "DRIVE_FIXED",
      "DRIVE_REMOTE",  "DRIVE_CDROM",       "DRIVE_RAMDISK"};
  return t < kNames.size() ? kNames[t] : lnk::hex32(t);
}

void fact_opt(Context& ctx, std::string_view key, const std::optional<std::string>& v) {
  if (v) ctx.fact(key, *v);
}

void header_facts(const lnk::ShellLinkHeader& h, Context& ctx) {
  ctx.fact("link_flags", lnk::link_flag_names(h.link_flags));
  ctx.fact("file_attributes", lnk::file_attribute_names(h.file_attributes));
  fact_opt(ctx, "creation_time", lnk::filetime_to_iso(h.creation_time));
  fact_opt(ctx, "access_time", lnk::filetime_to_iso(h.access_time));
  fact_opt(ctx, "write_time", lnk::filetime_to_iso(h.write_time));
  ctx.fact("file_size", static_cast<std::int64_t>(h.file_size));
  ctx.fact("icon_index", static_cast<std::int64_t>(h.icon_index));
  ctx.fact("show_command", lnk::show_command_name(h.show_command));
  ctx.fact("hotkey", lnk::hotkey_name(h.hotkey));
}

std::vector<std::string> item_names(const std::vector<lnk::ShellItem>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.name);
  return out;
}

void link_info_facts(const lnk::LinkInfo& li, Context& ctx) {
  fact_opt(ctx, "local_base_path", li.local_base_path);
  fact_opt(ctx, "common_path_suffix", li.common_path_suffix);
  fact_opt(ctx, "volume_label", li.volume_label);
  if (li.drive_type) ctx.fact("drive_type", drive_type_name(*li.drive_type));
  if (li.drive_serial_number) ctx.fact("drive_serial_number", lnk::hex32(*li.drive_serial_number));
  fact_opt(ctx, "net_name", li.net_name);
  fact_opt(ctx, "device_name", li.device_name);
}

void extra_facts(const lnk::ExtraData& x, Context& ctx) {
  fact_opt(ctx, "environment_target", x.environment_target);
  fact_opt(ctx, "icon_environment_target", x.icon_environment_target);
  fact_opt(ctx, "darwin_id", x.darwin_id);
  fact_opt(ctx, "shim_layer", x.shim_layer);
  fact_opt(ctx, "machine_identifier", x.machine_identifier);
  fact_opt(ctx, "droid_volume_identifier", x.droid_volume_identifier);
  fact_opt(ctx, "droid_file_identifier", x.droid_file_identifier);
  fact_opt(ctx, "birth_droid_volume_identifier", x.birth_droid_volume_identifier);
  fact_opt(ctx, "birth_droid_file_identifier", x.birth_droid_file_identifier);
  fact_opt(ctx, "mac_address", x.mac_address);
  fact_opt(ctx, "birth_mac_address", x.birth_mac_address);
  fact_opt(ctx, "known_folder_id", x.known_folder_id);
  if (x.special_folder_id) ctx.fact("special_folder_id", std::int64_t{*x.special_folder_id});
  if (x.console_code_page) ctx.fact("console_code_page", std::int64_t{*x.console_code_page});
  fact_opt(ctx, "console_face_name", x.console_face_name);
  fact_opt(ctx, "console_window_size", x.console_window_size);
  std::vector<std::string> props;
  for (const auto& p : x.properties) {
    if (p.rendered) props.push_back(p.format_id + "/" + p.name + "=" + p.value);
  }
  if (!props.empty()) ctx.fact("property_store", std::move(props));
  if (!x.vista_id_list.empty()) ctx.fact("vista_id_list_items", item_names(x.vista_id_list));
  if (!x.block_names.empty()) ctx.fact("extra_blocks", x.block_names);
  if (x.unknown_blocks > 0) {
    ctx.fact("unknown_extra_blocks", static_cast<std::int64_t>(x.unknown_blocks));
  }
}

void text_opt(Context& ctx, TextKind kind, const std::optional<std::string>& v) {
  if (v && !v->empty()) ctx.text(kind, *v);
}

// Data after the TerminalBlock: a child, and a finding unless it is only zero padding.
void appended(ByteView object, std::size_t end, Context& ctx) {
  if (end >= object.size()) return;
  const ByteView rest = object.subspan(end);
  ctx.fact("appended_bytes", static_cast<std::int64_t>(rest.size()));
  if (std::all_of(rest.begin(), rest.end(), [](std::uint8_t b) { return b == 0; })) {
    ctx.anomaly("lnk: zero bytes after the TerminalBlock");
    return;
  }
  ctx.finding(Symbol::LNK_APPENDED_DATA,
              {std::to_string(rest.size()) + " bytes at offset " + std::to_string(end),
               "data after the last ExtraData block"});
  Status s =
      ctx.child({"appended", "appended_data", "", std::nullopt}, Bytes(rest.begin(), rest.end()));
  if (!s.is_ok()) ctx.anomaly("lnk: appended data not analyzed: " + s.message());
}

}  // namespace

Status LnkAnalyzer::analyze(ByteView object, Context& ctx) {
  Result<ShellLink> parsed = lnk::parse_shell_link(object);
  if (!parsed) return parsed.status();
  const ShellLink& link = *parsed;

  header_facts(link.header, ctx);
  if (!link.id_list.empty()) ctx.fact("target_items", item_names(link.id_list));
  const std::string target = lnk::target_path(link);
  if (!target.empty()) ctx.fact("target_path", target);
  const lnk::StringData& sd = link.strings;
  fact_opt(ctx, "description", sd.name);
  fact_opt(ctx, "relative_path", sd.relative_path);
  fact_opt(ctx, "working_directory", sd.working_dir);
  fact_opt(ctx, "command_line_arguments", sd.arguments);
  fact_opt(ctx, "icon_location", sd.icon_location);
  if (link.link_info) link_info_facts(*link.link_info, ctx);
  extra_facts(link.extra, ctx);

  if (!target.empty()) ctx.text(TextKind::kOther, target);
  text_opt(ctx, TextKind::kOther, sd.name);
  text_opt(ctx, TextKind::kOther, sd.working_dir);
  text_opt(ctx, TextKind::kOther, sd.icon_location);
  text_opt(ctx, TextKind::kArguments, sd.arguments);

  for (const auto& a : link.anomalies) ctx.anomaly("lnk: " + a);
  lnk::judge_shell_link(link, object.size(), ctx);
  if (link.end_offset) appended(object, *link.end_offset, ctx);
  return link.status;
}

}  // namespace lg
