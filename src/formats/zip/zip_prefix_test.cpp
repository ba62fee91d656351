// Every prefix of real ZIP files walked: the walk never fails and its work (Archive::work,
// bytes looked at) stays linear in the input's size. Counting work instead of timing keeps the
// test deterministic; a quadratic walk would break the bound long before a timer noticed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/testing/recording_context.h"
#include "formats/zip/zip_test_builder.h"
#include "formats/zip/zip_walker.h"

namespace lg::zip {
namespace {

// work <= kSlope * size + kConstant for every input.
constexpr std::uint64_t kSlope = 4;
constexpr std::uint64_t kConstant = 1024;

std::vector<std::string> real_inputs() {
  std::vector<std::string> out;
  for (const char* path :
       {LG_SOURCE_DIR "/fuzz/corpus/zip/plain.zip", LG_SOURCE_DIR "/fuzz/corpus/zip/junk.zip",
        LG_SOURCE_DIR "/fuzz/corpus/hwpx/seed-lure.hwpx",
        LG_SHARED_DIR
        "/corpus/office/oleobj/external_link/sample_with_external_link_to_doc.docx"}) {
    std::string data = lg::testing::read_file(path);
    if (!data.empty()) out.push_back(std::move(data));
  }
  return out;
}

TEST(ZipWalkerPrefixes, WorkIsLinearOnEveryPrefix) {
  const auto inputs = real_inputs();
  ASSERT_GE(inputs.size(), 4u);
  for (const std::string& whole : inputs) {
    const ByteView all = as_bytes(whole);
    std::size_t entries_seen = 0;
    for (std::size_t n = 0; n <= all.size(); ++n) {
      const Archive a = walk(all.first(n));
      ASSERT_LE(a.work, kSlope * n + kConstant) << "prefix " << n << " of " << all.size();
      entries_seen = std::max(entries_seen, a.entries.size());
    }
    EXPECT_GT(entries_seen, 0u);
  }
}

// The overlap bomb's worst case for the walker: many central entries naming one local header
// whose name is as long as a name can be. Each local header is read once.
TEST(ZipWalkerPrefixes, SharedLocalHeaderIsReadOnce) {
  testing::ZipBuilder b;
  b.share_first_data = true;
  const std::string long_name(60'000, 'a');
  b.add(long_name, "payload", false);
  for (int i = 0; i < 2000; ++i) b.add("e" + std::to_string(i), "payload", false);
  const Bytes data = b.build();
  const Archive a = walk(data);
  EXPECT_EQ(a.entries.size(), 2001u);
  EXPECT_TRUE(a.has(IssueKind::kOverlappingEntries));
  EXPECT_TRUE(a.has(IssueKind::kNameMismatch));
  EXPECT_LE(a.work, kSlope * data.size() + kConstant);
  for (const Entry& e : a.entries) EXPECT_TRUE(e.data_offset.has_value());
}

}  // namespace
}  // namespace lg::zip
