#pragma once
/// Mach-O programs (<mach-o/loader.h>: mach_header(_64), load commands) and universal binaries
/// (<mach-o/fat.h>: fat_header, fat_arch(_64)), whose slices are parsed in place.
#include "core/analyzer.h"

namespace lg {

/// Facts: "mach_o_cpu" ("x86_64", "arm64" ...), "mach_o_filetype" ("execute", "dylib",
/// "bundle" ...), "mach_o_load_commands" (count), "mach_o_dylibs", "mach_o_segments"
/// ("__TEXT size entropy" each), "mach_o_signature" ("developer": a CMS signature blob;
/// "adhoc": a CodeDirectory without one; "none"), "signed", "mach_o_encrypted", "packer".
/// For a universal binary "mach_o_slices" ("x86_64 execute signature=developer" each) and the
/// facts of the first slice. Findings: EXECUTABLE_UNSIGNED (no signature, or ad-hoc only,
/// which Gatekeeper does not accept for downloaded programs), EXECUTABLE_PACKED.
class MachOAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
