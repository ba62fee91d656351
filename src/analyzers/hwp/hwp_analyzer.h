#pragma once
/// Hangul word processor documents: HWP 5 (a [MS-CFB] compound file with a FileHeader stream)
/// and HWP 3 (recognized only). Format: "한글 문서 파일 형식 5.0" (Hancom), sections cited in
/// hwp_format.h.
#include <cstddef>

#include "core/analyzer.h"

namespace lg {

/// Facts: "hwp_format" ("hwp5" / "hwp3"), "hwp_version" ("5.0.3.2"), "hwp_properties" (names of
/// the FileHeader property bits set), "hwp_compressed", "hwp_password", "hwp_distribution",
/// "hwp_script", "hwp_drm" (bools), "hwp_sections", "hwp_records", "hwp_paragraphs",
/// "hwp_bindata" (BinData stream names), "hwp_linked_files" (LINK-type BIN_DATA paths),
/// "hwp_hyperlinks".
/// Text: paragraph text of each BodyText section, joined with "\n" (TextKind::kDocument, one
/// call per section; a distribution document's PrvText preview instead of its encrypted body);
/// Scripts/DefaultJScript source (TextKind::kScript). Links: hyperlink fields ("%hlk" controls).
/// Children: BinData streams, inflated when compressed (relation "bindata", the stream name);
/// for an OLE BinData object the compound file after its 4-byte size prefix.
/// Findings: HWP_POSTSCRIPT, HWP_EMBEDDED_OLE_EXECUTABLE, HWP_SCRIPT, HWP_HYPERLINK_FILE,
/// HWP_ENCRYPTED, HWP_DISTRIBUTION, HWP_MALFORMED (each broken structure also an anomaly).
/// Streams are inflated up to ctx.limits().max_object_bytes; records per stream are capped.
class HwpAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxRecordsPerStream = 1u << 20;
  static constexpr std::size_t kMaxSections = 1024;
  static constexpr std::size_t kMaxBinData = 4096;
  static constexpr std::size_t kMaxListed = 200;  // names kept in list facts
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
