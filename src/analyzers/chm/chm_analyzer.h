#pragma once
/// Compiled HTML Help (ITSF, "CHM") through libmspack's CHM decompressor over memory: every
/// file in the help file becomes a child named by its path ("/index.htm"), so its HTML pages
/// go to the HTML analyzer (which judges HHCtrl ShortCut objects) and anything else carried
/// (programs, scripts) is identified and analyzed in turn.
#include "core/analyzer.h"

namespace lg {

/// Facts: "chm_files" (files listed), "chm_language" (LCID), "chm_timestamp".
/// Children: relation "entry", name the CHM path, at most kMaxChmFiles (and the engine's
/// limits). Files that do not extract are anomalies; an ITSF header libmspack refuses is a
/// kMalformed status.
class ChmAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxChmFiles = 20000;
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
