#pragma once
/// The archives no Debian library reads, so the project reads them itself: ESTsoft ALZip's,
/// common in Korea, ALZ (alz_reader.h) and EGG (egg_reader.h), and ARJ (arj_reader.h). Entry
/// lists always; entry data when stored, raw deflate (the common ALZip methods) or ARJ methods
/// 1-4, decrypted with candidate passwords when traditional PKWARE encryption is used (ARJ's
/// garbling is not undone: such entries stay closed).
#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// Children: each regular file that could be extracted, relation "entry", name = its path
/// (UTF-8; CP949 names decoded), source_size = its packed size. Each entry is capped like
/// ArchiveAnalyzer's: limits().max_object_bytes, its packed size times max_ratio (at least
/// kRatioFloorBytes) and an archive-wide output budget; an entry over a cap is skipped with
/// LIMIT_EXCEEDED.
/// Facts: "format" ("alz" / "egg" / "arj"), "entries" (files), "encrypted_entries", "entry_names",
/// "unsupported_entries" ("name (method)": listed, not opened: ALZ's modified bzip2, EGG's
/// bzip2, AZO, LZMA, entries of EGG solid archives), "solid", "password".
/// Findings: ARCHIVE_ENCRYPTED (entries stayed closed), ARCHIVE_PASSWORD_USED,
/// ARCHIVE_LONE_SHORTCUT, LIMIT_EXCEEDED; damage is an anomaly.
class AlzipAnalyzer final : public Analyzer {
 public:
  /// `type` is FileType::kAlz, FileType::kEgg or FileType::kArj.
  explicit AlzipAnalyzer(FileType type) : type_(type) {}
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;

 private:
  FileType type_;
};

}  // namespace lg
