#pragma once
/// Windows shortcuts ([MS-SHLLINK]): every structure parsed to facts, the command it runs
/// judged, and data after the last ExtraData block handed over as a child.
#include "core/analyzer.h"

namespace lg {

/// Facts (only for what the shortcut holds; strings UTF-8):
///   header: "link_flags", "file_attributes" (name lists), "creation_time", "access_time",
///     "write_time" (ISO-8601 UTC, "2008-09-12T20:27:17Z"), "file_size", "icon_index",
///     "show_command" ("SW_SHOWMINNOACTIVE"), "hotkey" ("UNSET - UNSET {0x0000}");
///   IDList: "target_items" (each shell item's stored name: GUID, volume, primary name),
///     "target_path" (the resolved target, see lnk::target_path);
///   StringData: "description", "relative_path", "working_directory",
///     "command_line_arguments", "icon_location";
///   LinkInfo: "local_base_path", "common_path_suffix", "volume_label", "drive_type"
///     ("DRIVE_FIXED"), "drive_serial_number" ("0x307a8a81"), "net_name", "device_name";
///   ExtraData: "environment_target", "icon_environment_target", "darwin_id", "shim_layer",
///     "machine_identifier", "droid_volume_identifier", "droid_file_identifier",
///     "birth_droid_volume_identifier", "birth_droid_file_identifier", "mac_address",
///     "birth_mac_address", "known_folder_id", "special_folder_id", "console_code_page",
///     "console_face_name", "console_window_size", "property_store" ("FMTID/ID=value" for
///     simple values), "vista_id_list_items", "extra_blocks" (block names in order),
///     "unknown_extra_blocks" (count), "appended_bytes".
/// Text: arguments (kArguments); target path, description, working directory and icon
/// location (kOther). Child: bytes after the TerminalBlock ("appended").
/// Findings: LNK_LOLBIN, LNK_ENCODED_COMMAND, LNK_PADDED_ARGUMENTS, LNK_DOCUMENT_DISGUISE,
/// LNK_REMOTE_ICON, LNK_OVERSIZED, LNK_APPENDED_DATA. Structural damage: anomalies, and a
/// kTruncated/kMalformed status once everything readable was reported.
class LnkAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
