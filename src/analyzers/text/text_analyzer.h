#pragma once
/// Plain text objects (attachments and entries that are text): the content, converted to
/// UTF-8 from its detected charset, goes to the text detectors as document text, and the
/// uuencode and BinHex 4.0 blocks it carries become children.
#include "core/analyzer.h"

namespace lg {

/// Facts: "charset" (the charset used), "charset_guessed" (when not plain ASCII or UTF-8).
/// Text: kDocument. Children: relation "embedded", the block's declared name, at most
/// kMaxEmbeddedFiles. A damaged block is an anomaly.
class TextAnalyzer final : public Analyzer {
 public:
  static constexpr std::size_t kMaxEmbeddedFiles = 64;
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
