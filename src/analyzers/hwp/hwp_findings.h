#pragma once
/// Judgments shared by the two Hangul analyzers: HWP 5 (HwpAnalyzer, binary records in a
/// compound file) and HWPX (HwpxAnalyzer, OWPML XML parts in a ZIP package, KS X 6101). The
/// same objects, links and scripts appear in both forms; each analyzer finds them in its own
/// container and hands them here, so both report them the same way.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"

namespace lg {

/// True for names of programs, scripts and shortcuts (.exe, .lnk, .vbs, .bat, .js, .ps1, .hta...).
bool hwp_executable_name(std::string_view name);

/// True for a hyperlink target that opens a local file, a share, a script (javascript:,
/// vbscript:) or a program (a path ending in a runnable extension).
bool hwp_link_opens_file_or_script(std::string_view url);

/// A hyperlink field's target: ctx.link, appended to `listed` (at most `max_listed`), and
/// HWP_HYPERLINK_FILE when hwp_link_opens_file_or_script. Empty targets are ignored.
void report_hwp_hyperlink(std::string_view url, std::vector<std::string>& listed,
                          std::size_t max_listed, Context& ctx);

/// One embedded binary object (HWP BinData stream, HWPX BinData/ entry), already inflated:
/// HWP_POSTSCRIPT for PostScript/EPS (by extension `ext`, lower case without the dot, or by
/// content), HWP_EMBEDDED_OLE_EXECUTABLE for an OLE package holding something that runs, then
/// the child (relation "bindata", `name`; an OLE object without its 4-byte size prefix).
/// Returns false when the engine refused the child (stop producing children).
bool report_hwp_bin_object(const std::string& name, std::string_view ext, Bytes data,
                           std::uint64_t source_size, Context& ctx);

/// True when a script source holds more than Hangul's empty template (the default header
/// lines, comments and empty event handlers).
bool hwp_script_is_trivial(std::string_view source);

/// A document's script source (all parts joined): TextKind::kScript, and HWP_SCRIPT when it
/// holds more than the empty template. Source past `max_bytes` is cut.
void report_hwp_script_source(std::string source, std::size_t max_bytes, Context& ctx);

/// Document text within the engine's text budget: at most ctx.limits().max_text_bytes over all
/// calls sharing `used` (cut on a UTF-8 character boundary), as TextKind::kDocument.
void report_hwp_document_text(std::string text, std::uint64_t& used, Context& ctx);

/// Lower-case extension of a file or stream name, without the dot ("" when none).
std::string hwp_extension_of(std::string_view name);

}  // namespace lg
