#pragma once
/// Script source judged for what it does: the shared entry point for every analyzer that meets
/// script text (the script analyzer for .js/.jse/.vbs/.vbe/.wsf/.ps1/.bat, and the HTML/HTA
/// analyzer for <script> blocks and event handlers).
#include <string_view>

#include "core/analyzer.h"

namespace lg::script {

enum class ScriptLanguage {
  kUnknown,  // language not known (HTML event handlers, decoded payloads): all indicators
  kJavaScript,
  kVbScript,
  kPowerShell,
  kBatch,
};

/// Stable lower-case name ("javascript", "vbscript", "powershell", "batch", "unknown").
std::string_view script_language_name(ScriptLanguage l);
/// The language named by a <script language=...> or type= value ("JScript", "VBScript.Encode",
/// "text/javascript", ...); kUnknown when not recognised.
ScriptLanguage script_language_from_name(std::string_view name);

/// Analyzes script source `utf8` in `language`. It does not report `utf8` itself as text (the
/// caller does, with the kind it knows); it reports through `ctx`:
///   - Script Encoder blocks ("#@~^"): decoded, SCRIPT_ENCODED_JSE_VBE, the script as kScript
///     text, then analyzed in their place;
///   - PowerShell -EncodedCommand arguments: decoded from UTF-16LE, SCRIPT_ENCODED_COMMAND with
///     the command as evidence, reported as kScript text and analyzed as PowerShell;
///   - long Base64 blobs and char-code chains (String.fromCharCode, Chr(), [char]): decoded;
///     text is reported and analyzed, a recognised binary (PE, ZIP, ...) becomes a child
///     ("decoded"); SCRIPT_OBFUSCATION;
///   - SCRIPT_DOWNLOAD_EXECUTE when a download primitive and an execute primitive are both
///     present in the source and what was decoded from it; SCRIPT_HIDDEN_WINDOW;
///   - facts "script_download_primitives", "script_execute_primitives" (name lists) and
///     "script_decoded_payloads" (count), when non-empty.
/// Bounded: at most kMaxPayloads decoded texts, nested at most kMaxDecodeDepth deep, each
/// scanned up to ctx.limits().max_text_bytes; linear passes over each. Call once per script
/// (a caller with several blocks of one document may join them, so that a download in one
/// block and the run in another are seen together).
void analyze_script_text(ScriptLanguage language, std::string_view utf8, Context& ctx);

inline constexpr std::size_t kMaxPayloads = 32;
inline constexpr std::size_t kMaxDecodeDepth = 4;

}  // namespace lg::script
