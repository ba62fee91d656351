#pragma once
/// Data hidden inside script text, decoded: PowerShell -EncodedCommand arguments, long Base64
/// blobs, and char-code chains. Pure functions; analyze_script_text decides what to report.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg::script {

/// A -EncodedCommand argument: the switch as written and the command decoded from
/// Base64 + UTF-16LE (PowerShell's about_Pwsh / about_PowerShell_exe, -EncodedCommand).
struct EncodedCommand {
  std::string option;              // "-enc", "-e", "/ec" ...
  std::string command;             // UTF-8
  std::size_t begin = 0, end = 0;  // the Base64 argument's offsets in the text
};

/// Every -EncodedCommand argument (any unambiguous prefix of the parameter, or -ec) followed by
/// Base64 that decodes to printable UTF-16LE, at most `max` of them.
std::vector<EncodedCommand> find_encoded_commands(std::string_view text, std::size_t max);

/// A run of the Base64 alphabet at least kMinBase64Run long, decoded.
struct Base64Blob {
  std::size_t begin = 0, end = 0;
  Bytes data;
};
inline constexpr std::size_t kMinBase64Run = 100;

/// Base64 runs of at least kMinBase64Run characters (mixed case and not all hex digits, so
/// identifiers and hex dumps are left out), at most `max` of them, each decoded up to
/// `max_bytes`.
std::vector<Base64Blob> find_base64_blobs(std::string_view text, std::size_t max,
                                          std::size_t max_bytes);

/// `data` as UTF-8 when it reads as text: UTF-16LE (with or without BOM) or ASCII/UTF-8 with
/// at least 95% printable characters; empty otherwise.
std::string decoded_text(ByteView data);

/// Strings spelled as char codes: String.fromCharCode(72,105), Chr(72) & ChrW(105),
/// [char]72+[char]105 (decimal or 0x hex). `lowered` is the lower-cased text. Runs of at least
/// `min_chars` characters, at most `max` of them.
std::vector<std::string> decode_char_code_runs(std::string_view lowered, std::size_t min_chars,
                                               std::size_t max);

}  // namespace lg::script
