#pragma once
/// HWPX documents (OWPML, KS X 6101): the XML form of Hangul documents, a ZIP package (OCF,
/// KS X 6101 clause 8) holding Contents/section<N>.xml, BinData/, Scripts/ and META-INF/.
/// Read through the project's ZIP walker; judged like HWP 5 (shared with HwpAnalyzer through
/// hwp_findings.h).
#include <cstddef>

#include "core/analyzer.h"

namespace lg {

/// Facts: "hwp_format" ("hwpx"), "hwp_version" (version.xml: "5.1.0.1"), "hwp_sections",
/// "hwp_paragraphs", "hwp_bindata" (BinData/ entry names), "hwp_linked_files" (content.hpf
/// items not embedded), "hwp_hyperlinks", "hwp_has_scripts", "hwp_password" (bool),
/// "hwp_encrypted_parts".
/// Text: each section's paragraph text (TextKind::kDocument; Preview/PrvText.txt when no
/// section gave any); Scripts/ sources (TextKind::kScript). Links: HYPERLINK fields.
/// Children: BinData/ entries (relation "bindata", the entry name; an OLE object without its
/// 4-byte size prefix).
/// Findings: HWP_POSTSCRIPT, HWP_EMBEDDED_OLE_EXECUTABLE, HWP_SCRIPT, HWP_HYPERLINK_FILE,
/// HWP_ENCRYPTED (META-INF/manifest.xml encryption-data, or encrypted ZIP entries),
/// HWP_MALFORMED (each broken structure also an anomaly).
/// Parts are read up to ctx.limits().max_object_bytes (XML parts up to kMaxXmlPartBytes).
class HwpxAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxSections = 1024;
  static constexpr std::size_t kMaxBinData = 4096;
  static constexpr std::size_t kMaxScripts = 64;
  static constexpr std::size_t kMaxScriptBytes = 8u << 20;
  static constexpr std::size_t kMaxXmlPartBytes = 32u << 20;
  static constexpr std::size_t kMaxManifestItems = 100'000;
  static constexpr std::size_t kMaxListed = 200;  // names kept in list facts
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
