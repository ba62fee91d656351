// ZIP walker on hand-built archives (the malformed ones no archiver writes) and real files.
#include "formats/zip/zip_walker.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>

#include "core/testing/recording_context.h"
#include "formats/zip/zip_test_builder.h"

namespace lg::zip {
namespace {

using testing::ZipBuilder;

std::string text_of(const Bytes& b) { return std::string(as_chars(b)); }

TEST(ZipWalker, ReadsCentralDirectoryAndExtractsStoredAndDeflate) {
  ZipBuilder zb;
  zb.add("a.txt", "hello hello hello hello", /*deflate=*/true);
  zb.add("dir/b.txt", "stored text", /*deflate=*/false);
  Bytes zip = zb.build();
  Archive a = walk(zip);
  EXPECT_TRUE(a.central_directory);
  EXPECT_TRUE(a.issues.empty()) << issue_kind_name(a.issues[0].kind);
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[0].name, "a.txt");
  EXPECT_EQ(a.entries[1].name, "dir/b.txt");
  EXPECT_EQ(a.entries[0].method, kMethodDeflate);
  auto x = extract(zip, a.entries[0], 1000);
  ASSERT_TRUE(x.has_value()) << x.status().to_string();
  EXPECT_EQ(text_of(x->data), "hello hello hello hello");
  EXPECT_TRUE(x->crc_ok);
  auto y = extract(zip, a.entries[1], 1000);
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(text_of(y->data), "stored text");
  EXPECT_TRUE(y->crc_ok);
  // The cap holds, and a capped result does not claim a good CRC.
  auto z = extract(zip, a.entries[0], 5);
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(z->data.size(), 5u);
  EXPECT_TRUE(z->capped);
  EXPECT_FALSE(z->crc_ok);
}

TEST(ZipWalker, NameMismatchBetweenLocalAndCentral) {
  ZipBuilder zb;
  zb.add("invoice.pdf", "%PDF-1.4 decoy", true, "invoice.pdf.lnk");
  Archive a = walk(zb.build());
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].name, "invoice.pdf");
  EXPECT_EQ(a.entries[0].local_name, "invoice.pdf.lnk");
  ASSERT_TRUE(a.has(IssueKind::kNameMismatch));
  EXPECT_FALSE(a.has(IssueKind::kOverlappingEntries));
}

TEST(ZipWalker, PrependedJunkShiftsOffsets) {
  ZipBuilder zb;
  zb.add("cv.docx", "not really a docx", true);
  Bytes zip = zb.build();
  Bytes junk = to_bytes("MZ this is junk in front of the archive ");
  junk.insert(junk.end(), zip.begin(), zip.end());
  Archive a = walk(junk);
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_TRUE(a.has(IssueKind::kPrependedData));
  EXPECT_FALSE(a.has(IssueKind::kLocalHeaderMissing));
  EXPECT_EQ(a.prepended_bytes, 40u);
  auto x = extract(junk, a.entries[0], 1000);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(text_of(x->data), "not really a docx");
}

TEST(ZipWalker, NoCentralDirectoryFallsBackToLocalScan) {
  ZipBuilder zb;
  zb.add("one.txt", "first entry", true);
  zb.add("two.js", "WScript.Shell", false);
  zb.write_central_directory = false;
  Bytes zip = zb.build();
  Archive a = walk(zip);
  EXPECT_FALSE(a.central_directory);
  EXPECT_TRUE(a.has(IssueKind::kNoEndOfCentralDirectory));
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[1].name, "two.js");
  auto x = extract(zip, a.entries[1], 100);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(text_of(x->data), "WScript.Shell");
}

TEST(ZipWalker, TruncatedArchiveKeepsWhatIsThere) {
  ZipBuilder zb;
  zb.add("a.txt", std::string(3000, 'a') + "tail", true);
  zb.add("b.txt", "second", false);
  Bytes zip = zb.build();
  zip.resize(zip.size() - 40);  // the central directory is cut
  Archive a = walk(zip);
  ASSERT_GE(a.entries.size(), 2u);
  auto x = extract(zip, a.entries[0], 10000);
  ASSERT_TRUE(x.has_value());
  EXPECT_TRUE(x->crc_ok);
  // Cut inside the data of the first entry: extraction reports damage, not garbage.
  Bytes cut(zip.begin(), zip.begin() + 40);
  Archive b = walk(cut);
  ASSERT_EQ(b.entries.size(), 1u);
  auto y = extract(cut, b.entries[0], 10000);
  ASSERT_TRUE(y.has_value());
  EXPECT_TRUE(y->damaged);
  EXPECT_FALSE(y->crc_ok);
}

TEST(ZipWalker, OverlappingEntryBombIsDetectedQuickly) {
  // 2000 central entries all pointing at one local header whose deflate data expands 1 MiB.
  Bytes kernel_plain(1u << 20, 'A');
  ZipBuilder zb;
  Bytes kernel = testing::deflate_raw(kernel_plain);
  std::uint32_t crc = testing::crc_of(kernel_plain);
  for (int i = 0; i < 2000; ++i) {
    zb.add_raw("f" + std::to_string(i), kernel, kMethodDeflate, crc, kernel_plain.size());
  }
  zb.share_first_data = true;
  Bytes zip = zb.build();
  auto t0 = std::chrono::steady_clock::now();
  Archive a = walk(zip);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  EXPECT_EQ(a.entries.size(), 2000u);
  EXPECT_TRUE(a.has(IssueKind::kOverlappingEntries));
  EXPECT_LT(ms, 1000);
}

TEST(ZipWalker, UnsupportedAndEncryptedEntriesAreNotExtracted) {
  ZipBuilder zb;
  auto& it = zb.add("x.bin", "data", false);
  it.method = kMethodBzip2;
  auto& enc = zb.add("y.bin", "data", false);
  enc.flags = 1;
  Bytes zip = zb.build();
  Archive a = walk(zip);
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(extract(zip, a.entries[0], 100).status().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(a.entries[1].encrypted());
  EXPECT_EQ(extract(zip, a.entries[1], 100).status().code(), ErrorCode::kUnsupported);
}

TEST(ZipWalker, GarbageAndEmptyInputYieldNothing) {
  EXPECT_TRUE(walk({}).entries.empty());
  Bytes junk = to_bytes("PK\x03\x04 short");
  EXPECT_TRUE(walk(junk).entries.empty());
  Bytes eocd_only = to_bytes(std::string("PK\x05\x06", 4) + std::string(18, '\xff'));
  Archive a = walk(eocd_only);
  EXPECT_TRUE(a.entries.empty());
}

TEST(ZipWalker, RealClamavZips) {
  for (const char* name : {"clam.zip", "clam.impl.zip", "clam.d64.zip", "clam.bz2.zip"}) {
    std::string data = lg::testing::read_file(std::string("/usr/share/clamav-testfiles/") + name);
    if (data.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
    Archive a = walk(as_bytes(data));
    EXPECT_TRUE(a.central_directory) << name;
    EXPECT_TRUE(a.issues.empty()) << name << ": " << issue_kind_name(a.issues[0].kind);
    ASSERT_EQ(a.entries.size(), 1u) << name;
    std::string lower = a.entries[0].name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(lower, "clam.exe") << name;  // clam.impl.zip (PKZIP 1.x) says CLAM.EXE
    auto x = extract(as_bytes(data), a.entries[0], 1u << 20);
    if (a.entries[0].method == kMethodBzip2) {  // left to libarchive
      EXPECT_EQ(x.status().code(), ErrorCode::kUnsupported) << name;
    } else {  // stored, deflate, deflate64, implode
      ASSERT_TRUE(x.has_value()) << name;
      EXPECT_EQ(x->data.size(), 544u) << name;
      EXPECT_TRUE(x->crc_ok) << name;
    }
  }
}

}  // namespace
}  // namespace lg::zip
