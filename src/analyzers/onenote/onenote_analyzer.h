#pragma once
/// OneNote sections (.one, [MS-ONESTORE]): the files embedded in the section (its
/// FileDataStoreObject structures) become children, and a script, shortcut, executable, HTA or
/// CHM among them is a finding: the "double-click to view" lure of 2023 onward.
#include "core/analyzer.h"

namespace lg {

/// Facts: "embedded_files" (FileDataStoreObjects found), "embedded_file_names" (those whose
/// name the embedded file nodes give, embedded_file_names.h). Children: relation "embedded",
/// name as embedded (so the engine's file-name checks see it) or "embedded-N" (1-based) when
/// no node names it, at most kMaxEmbeddedFiles. Finding: ONENOTE_EMBEDDED_PAYLOAD.
/// A FileDataStoreObject whose length runs past the file or whose footer GUID is missing is
/// an anomaly (its data is still delivered when it lies inside the file).
class OneNoteAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxEmbeddedFiles = 1000;
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
