// TnefAnalyzer: attachments of a TNEF stream become children, its body becomes text (or an
// HTML or RTF child).
#include "analyzers/tnef/tnef_analyzer.h"

#include <string>

#include "analyzers/tnef/compressed_rtf.h"
#include "analyzers/tnef/tnef_reader.h"
#include "core/charset.h"
#include "core/utf8.h"

namespace lg {

Status TnefAnalyzer::analyze(ByteView object, Context& ctx) {
  const TnefMessage m = read_tnef(object);
  for (const auto& a : m.anomalies) ctx.anomaly(a);
  const std::string charset = windows_code_page_charset(m.oem_code_page ? m.oem_code_page : 1252);
  auto decode = [&charset](std::string_view s) { return decode_text(as_bytes(s), charset).utf8; };
  if (!m.message_class.empty()) ctx.fact("tnef_message_class", repair_utf8(m.message_class));
  if (m.oem_code_page) ctx.fact("tnef_code_page", static_cast<std::int64_t>(m.oem_code_page));
  ctx.fact("tnef_attachments", static_cast<std::int64_t>(m.attachments.size()));
  if (!m.subject.empty()) ctx.text(TextKind::kSubject, decode(m.subject));
  if (!m.body.empty()) {
    ctx.text(TextKind::kBody, m.body_utf8 ? repair_utf8(m.body) : decode(m.body));
  }
  if (!m.html.empty()) {
    if (!ctx.child({"body", "body.html", "text/html", m.html.size()},
                   Bytes(m.html.begin(), m.html.end()))
             .is_ok())
      return Status::ok();
  }
  // The rich-text body ([MS-OXRTFCP]): the RTF analyzer reads its objects, links and text.
  if (!m.rtf_compressed.empty()) {
    ctx.fact("tnef_rtf_compressed", true);
    CompressedRtf rtf = decompress_rtf(m.rtf_compressed);
    for (const auto& a : rtf.anomalies) ctx.anomaly(a);
    if (!rtf.compression.empty()) ctx.fact("tnef_rtf_compression", rtf.compression);
    if (!rtf.rtf.empty() &&
        !ctx.child({"body", "body.rtf", "text/rtf", m.rtf_compressed.size()}, std::move(rtf.rtf))
             .is_ok())
      return Status::ok();
  }
  for (const TnefAttachment& a : m.attachments) {
    if (ctx.should_stop()) break;
    if (a.data.empty()) continue;
    std::string name = !a.long_name.empty()
                           ? (a.long_name_utf8 ? repair_utf8(a.long_name) : decode(a.long_name))
                           : decode(a.title);
    ChildInfo info{"attachment", std::move(name), repair_utf8(a.mime_tag), a.data.size()};
    if (!ctx.child(std::move(info), Bytes(a.data.begin(), a.data.end())).is_ok()) break;
  }
  return Status::ok();
}

}  // namespace lg
