// The generic analyzer harness (style rule 11): compiled once per analyzer, with
//   LG_FUZZ_ANALYZER_HEADER  the analyzer's header, as an include path string
//   LG_FUZZ_ANALYZER         the class (lg::MailAnalyzer)
//   LG_FUZZ_TYPE             the FileType it handles (lg::FileType::kMessage)
// It analyzes the input through FuzzContext, then, as the engine would, every child that
// identifies as the same type (a message/rfc822 part inside a message), breadth first and
// bounded by the context's object limit, so nesting is fuzzed without the engine.
#include <cstddef>
#include <cstdint>
#include <deque>

#include "core/bytes.h"
#include "core/file_type.h"
#include "fuzz/fuzz_context.h"
#include LG_FUZZ_ANALYZER_HEADER

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lg::fuzz::FuzzContext ctx;
  std::deque<lg::Bytes> pending;
  std::size_t analyzed = 0;
  auto run = [&](lg::ByteView object) {
    LG_FUZZ_ANALYZER analyzer;
    (void)analyzer.analyze(object, ctx);  // any status is fine; crashes and hangs are not
    ++analyzed;
    for (auto& c : ctx.take_children()) {
      if (lg::identify(c.data) == LG_FUZZ_TYPE) pending.push_back(std::move(c.data));
    }
  };
  run(lg::ByteView(data, size));
  while (!pending.empty() && analyzed < ctx.limits().max_objects) {
    const lg::Bytes object = std::move(pending.front());
    pending.pop_front();
    run(object);
  }
  return 0;
}
