// mbox ([RFC 4155] 2): messages separated by "From " lines (mboxo/mboxrd); a separator is a
// line starting "From " at the start of the file or after an empty line.
#include "analyzers/mail/mbox.h"

#include <algorithm>
#include <string_view>

#include "analyzers/mail/mail_analyzer.h"

namespace lg {
namespace {

// Index just past the line that starts at `pos`.
std::size_t line_after(std::string_view s, std::size_t pos) {
  const std::size_t nl = s.find('\n', pos);
  return nl == std::string_view::npos ? s.size() : nl + 1;
}

}  // namespace

std::vector<ByteView> split_mbox(ByteView mbox, std::size_t max_messages) {
  std::vector<ByteView> out;
  const std::string_view s = as_chars(mbox);
  if (max_messages == 0 || s.empty()) return out;
  if (!s.starts_with("From ")) {
    out.push_back(mbox);
    return out;
  }
  std::size_t start = line_after(s, 0);
  std::size_t search = start;
  while (out.size() + 1 < max_messages) {
    const std::size_t q = s.find("\nFrom ", search);
    if (q == std::string_view::npos) break;
    search = q + 1;
    // The separator must follow an empty line ("\n\n" or "\r\n\r\n").
    const bool after_blank = (q >= 1 && s[q - 1] == '\n') ||
                             (q >= 2 && s[q - 1] == '\r' && s[q - 2] == '\n') || q + 1 == start;
    if (!after_blank) continue;
    out.push_back(mbox.subspan(start, q + 1 - start));
    start = line_after(s, q + 1);
    search = start;
  }
  out.push_back(mbox.subspan(start));
  return out;
}

Status MboxAnalyzer::analyze(ByteView object, Context& ctx) {
  const std::size_t max = ctx.limits().max_objects;
  std::vector<ByteView> messages = split_mbox(object, max + 1);
  if (messages.size() > max) {
    ctx.finding(Symbol::LIMIT_EXCEEDED, {"max_objects", "mbox messages beyond the cap skipped"});
    ctx.anomaly("mbox: message limit reached");
    messages.resize(max);
  }
  ctx.fact("messages", static_cast<std::int64_t>(messages.size()));
  for (ByteView m : messages) {
    if (ctx.should_stop()) {
      ctx.anomaly("mbox: stopped (deadline or cancel)");
      break;
    }
    ChildInfo info{"message", "", "message/rfc822", m.size()};
    if (!ctx.child(std::move(info), Bytes(m.begin(), m.end())).is_ok()) break;
  }
  return Status::ok();
}

}  // namespace lg
