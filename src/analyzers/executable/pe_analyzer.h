#pragma once
/// Windows programs and DLLs ([MS-PECOFF] Microsoft Portable Executable and Common Object File
/// Format): headers, sections with their entropy, imports, the certificate table
/// (Authenticode), the CLR header (.NET) and the overlay. Read only; never run.
#include "core/analyzer.h"

namespace lg {

/// Facts: "pe_machine" ("x86", "x64", "arm64" ...), "pe_format" ("PE32", "PE32+"),
/// "pe_subsystem" ("windows_gui", "windows_cui", "native", "efi_application" ...), "pe_dll",
/// "pe_timestamp" (ISO-8601 UTC), "pe_sections" ("name raw=N entropy=E [code] [write] [exec]"
/// each), "pe_imported_dlls", "pe_imported_functions" (count), "pe_suspicious_imports",
/// "signed" (a certificate table is present: Authenticode, not verified), "pe_certificate_type",
/// "pe_dotnet", "pe_overlay_bytes", "packer".
/// Findings: EXECUTABLE_UNSIGNED, EXECUTABLE_PACKED, EXECUTABLE_SUSPICIOUS_IMPORTS.
/// Child: the overlay ("overlay") when it is a recognised format (an SFX archive, an installer's
/// payload). Damage: anomalies and kMalformed/kTruncated once everything readable is reported.
class PeAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
