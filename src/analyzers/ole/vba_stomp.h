#pragma once
/// VBA stomping ([MS-OVBA] 2.3.4.3: a module stream holds a PerformanceCache of compiled
/// P-code before the CompressedSourceCode; Office runs the P-code when the version matches, so
/// tools like EvilClippy blank or replace the source and keep the P-code), and modules hidden
/// from the editor (in the dir stream but not in the PROJECT stream).
#include <optional>
#include <string>
#include <vector>

#include "analyzers/ole/vba_project.h"

namespace lg {

/// P-code smaller than this is what Office writes for a module without code.
inline constexpr std::size_t kEmptyModulePcodeBytes = 1024;

/// Why `m` looks stomped, or nullopt: source missing or empty while the P-code is larger than
/// an empty module's; or a URL / command string in the P-code that the source does not have.
std::optional<std::string> vba_stomp_reason(const VbaProject& p, const VbaModule& m);

/// Source text without its "Attribute ..." lines and blank lines (what the editor shows).
std::string vba_visible_code(std::string_view source);

/// Modules of the dir stream that the PROJECT stream does not list, and the reverse.
std::vector<std::string> vba_module_mismatches(const VbaProject& p);

}  // namespace lg
