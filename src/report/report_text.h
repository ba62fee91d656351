#pragma once
/// The report as text for a person at a terminal: one screen a message, every line at most
/// 80 display columns (CJK wide characters count 2), made from the Report model only.
#include <cstddef>
#include <string>

#include "report/report.h"

namespace lg {

/// Width of every line report_to_text writes, in terminal columns.
inline constexpr std::size_t kTextReportColumns = 80;

/// Renders `report`:
///   - the verdict in upper case, score, action and input name;
///   - From / Reply-To (when set) / Subject / Date of the message, long values cut with "…";
///   - the object tree ("├─"/"└─"), each object "name (type, size)", and under it its
///     findings "! SYMBOL +score  evidence"; a finding not counted (a repeat) is marked
///     "(repeat)" and, with colour, dimmed;
///   - observable counts with the first few URLs, then the limits hit.
/// Text from the input (names, headers, evidence) is shown with control, bidi and invisible
/// characters written as "<U+202E>", so the report cannot be spoofed by what it reports.
/// `color`: ANSI colours (red malicious, yellow suspicious, green clean); none otherwise.
/// Lines end in "\n".
std::string report_to_text(const Report& report, bool color);

}  // namespace lg
