#include "analyzers/text/text_analyzer.h"

#include <string>
#include <vector>

#include "core/charset.h"
#include "core/transfer_encoding.h"
#include "core/utf8.h"

namespace lg {

Status TextAnalyzer::analyze(ByteView object, Context& ctx) {
  // No declared charset: ASCII passes through, anything else is detected (decode_text).
  Decoded d = decode_text(object, "");
  ctx.fact("charset", d.charset);
  if (d.lossy) ctx.anomaly("text has bytes that do not map to Unicode in " + d.charset);
  ctx.text(TextKind::kDocument, d.utf8);
  if (ctx.should_stop()) return Status::ok();

  // Old in-body encodings (uuencode, BinHex 4.0) carry files in otherwise plain text.
  std::vector<EmbeddedFile> files =
      find_embedded_files(as_chars(object), kMaxEmbeddedFiles, ctx.limits().max_object_bytes);
  for (auto& f : files) {
    if (f.damaged) ctx.anomaly("damaged " + f.encoding + " block");
    const std::uint64_t encoded = f.end >= f.begin ? f.end - f.begin : 0;
    ChildInfo info{"embedded", repair_utf8(f.name), "", encoded};
    if (!ctx.child(std::move(info), std::move(f.data)).is_ok())
      return Status::error(ErrorCode::kLimit, "embedded file refused");
  }
  return Status::ok();
}

}  // namespace lg
