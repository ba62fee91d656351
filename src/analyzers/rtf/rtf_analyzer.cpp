// RtfAnalyzer: a thin front over rtf::Document.
#include "analyzers/rtf/rtf_analyzer.h"

#include "analyzers/rtf/rtf_document.h"
#include "core/reader.h"

namespace lg {

Status RtfAnalyzer::analyze(ByteView object, Context& ctx) {
  // RTF 1.9.1 "RTF Syntax": a file is one group starting {\rtf1. Word opens anything starting
  // "{\rt", and so do we (the difference is an anomaly); anything else is not RTF.
  if (!Reader(object).starts_with_at(0, "{\\rt")) {
    return Status::error(ErrorCode::kMalformed, "not RTF: no {\\rt at the start");
  }
  rtf::Document doc(object, ctx);
  doc.run();
  return Status::ok();
}

}  // namespace lg
