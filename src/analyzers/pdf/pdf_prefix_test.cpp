// Every prefix of real PDF files scanned: the scan never fails and its work
// (PdfDocument::work, bytes searched and lexed) stays linear in the input's size. Counting
// work instead of timing keeps the test deterministic.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/pdf/pdf_analyzer.h"
#include "analyzers/pdf/pdf_document.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

// work <= kSlope * size + kConstant: the scans are a handful of forward passes.
constexpr std::uint64_t kSlope = 8;
constexpr std::uint64_t kConstant = 1024;

TEST(PdfPrefixes, ScanWorkIsLinearOnEveryPrefix) {
  std::size_t files = 0;
  for (const char* name : {"payload7.pdf", "starter_pack.pdf", "payload3.pdf"}) {
    const std::string whole = testing::read_file(std::string(LG_SHARED_DIR "/corpus/pdf/") + name);
    if (whole.empty()) continue;
    ++files;
    const ByteView all = as_bytes(whole);
    std::size_t most_objects = 0;
    for (std::size_t n = 0; n <= all.size(); ++n) {
      const PdfDocument doc(all.first(n));
      ASSERT_LE(doc.work, kSlope * n + kConstant) << name << ": prefix " << n;
      most_objects = std::max(most_objects, doc.objects().size());
      if (n % 61 == 0 || n == all.size()) {  // the whole analyzer on some of them
        testing::RecordingContext ctx;
        EXPECT_TRUE(PdfAnalyzer().analyze(all.first(n), ctx).is_ok());
      }
    }
    EXPECT_GT(most_objects, 0u) << name;
  }
  EXPECT_GE(files, 2u) << "../shared/corpus/pdf is missing";
}

// Crafted worst cases for a backward or restarting search: many "obj" keywords without
// headers, unterminated streams, many "trailer" and "xref" keywords.
TEST(PdfPrefixes, CraftedRepetitionsStayLinear) {
  std::string s = "%PDF-1.7\n";
  for (int i = 0; i < 3000; ++i) s += "obj 1 0 obj << /Length 99999 >> stream\nxx trailer xref ";
  const PdfDocument doc(as_bytes(s));
  EXPECT_LE(doc.work, kSlope * s.size() + kConstant);
}

}  // namespace
}  // namespace lg
