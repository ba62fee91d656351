// ALZ and EGG archives written by hand (alzip_test_writer.h): entry lists, stored and deflate
// extraction, CP949 names, unsupported methods, encryption with and without the password,
// damage, and the engine's registry.
#include "analyzers/archive/alzip_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/archive/alz_reader.h"
#include "analyzers/archive/alzip_test_writer.h"
#include "analyzers/archive/egg_reader.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"

namespace lg {
namespace {

using testing::PackedFile;
using testing::RecordingContext;
using testing::write_alz;
using testing::write_egg;

Bytes build(FileType t, const std::vector<PackedFile>& files) {
  return t == FileType::kEgg ? write_egg(files) : write_alz(files);
}

void run(FileType t, ByteView data, RecordingContext& ctx) {
  EXPECT_TRUE(AlzipAnalyzer(t).analyze(data, ctx).is_ok());
}

std::string child_text(const RecordingContext& ctx, const std::string& name) {
  for (const auto& c : ctx.children)
    if (c.info.name == name) return std::string(as_chars(c.data));
  return "<missing>";
}

const std::string kLong = [] {
  std::string s;
  for (int i = 0; i < 200; ++i) s += "Please find the attached job description. ";
  return s;
}();

class Alzip : public ::testing::TestWithParam<FileType> {};

TEST_P(Alzip, StoredAndDeflateEntriesBecomeChildren) {
  const FileType t = GetParam();
  Bytes data = build(t, {{"docs/", ""},
                         {"docs/JD.pdf", "%PDF-1.4 job description"},
                         {"docs/note.txt", kLong, true},
                         {"run.js", "WScript.Shell", true}});
  EXPECT_EQ(identify(data), t);
  RecordingContext ctx;
  run(t, data, ctx);
  ASSERT_EQ(ctx.children.size(), 3u);
  EXPECT_EQ(child_text(ctx, "docs/JD.pdf"), "%PDF-1.4 job description");
  EXPECT_EQ(child_text(ctx, "docs/note.txt"), kLong);
  EXPECT_EQ(child_text(ctx, "run.js"), "WScript.Shell");
  EXPECT_EQ(ctx.children[0].info.relation, "entry");
  EXPECT_EQ(ctx.str("format"), t == FileType::kEgg ? "egg" : "alz");
  EXPECT_EQ(ctx.num("entries"), 3);
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
  EXPECT_TRUE(ctx.findings.empty());
}

TEST_P(Alzip, KoreanNamesInCp949) {
  const FileType t = GetParam();
  // "이력서.hwp" in CP949 (ALZ's usual encoding; EGG marks UTF-8, so only ALZ is decoded).
  const std::string cp949 = "\xC0\xCC\xB7\xC2\xBC\xAD.hwp";
  RecordingContext ctx;
  run(t,
      build(t, {{t == FileType::kAlz ? cp949 : "\xEC\x9D\xB4\xEB\xA0\xA5\xEC\x84\x9C.hwp", "x"}}),
      ctx);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "\xEC\x9D\xB4\xEB\xA0\xA5\xEC\x84\x9C.hwp");
}

TEST_P(Alzip, UnsupportedMethodsAreListed) {
  const FileType t = GetParam();
  PackedFile bz{"payload.exe", "BZh9...", false, "", t == FileType::kEgg ? 3 : 1};
  RecordingContext ctx;
  run(t, build(t, {bz, {"readme.txt", "hello"}}), ctx);
  ASSERT_EQ(ctx.children.size(), 1u);
  auto listed = std::get<std::vector<std::string>>(ctx.facts["unsupported_entries"]);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0], t == FileType::kEgg ? "payload.exe (azo)" : "payload.exe (alz-bzip2)");
  EXPECT_EQ(ctx.num("entries"), 2);
}

TEST_P(Alzip, EncryptedEntries) {
  const FileType t = GetParam();
  Bytes data = build(t, {{"invoice.lnk", std::string("L\0\0\0 shortcut", 14), true, "1234"},
                         {"open.txt", "password is 1234"}});
  RecordingContext closed;
  run(t, data, closed);
  EXPECT_TRUE(closed.has(Symbol::ARCHIVE_ENCRYPTED));
  EXPECT_EQ(closed.num("encrypted_entries"), 1);
  EXPECT_EQ(closed.children.size(), 1u);

  RecordingContext opened;
  opened.passwords = {"wrong", "1234"};
  run(t, data, opened);
  EXPECT_FALSE(opened.has(Symbol::ARCHIVE_ENCRYPTED));
  EXPECT_TRUE(opened.has(Symbol::ARCHIVE_PASSWORD_USED));
  EXPECT_EQ(opened.str("password"), "1234");
  EXPECT_EQ(opened.str("password_source"), "configured");
  EXPECT_EQ(child_text(opened, "invoice.lnk"), std::string("L\0\0\0 shortcut", 14));
  EXPECT_TRUE(opened.anomalies.empty());

  RecordingContext given;  // the carrying message gave it (Context::password_from_text)
  given.text_passwords = {"1234"};
  run(t, data, given);
  EXPECT_EQ(given.str("password_source"), "message");
}

TEST_P(Alzip, DamagedArchivesKeepWhatCameBefore) {
  const FileType t = GetParam();
  Bytes data = build(t, {{"a.txt", "first entry"}, {"b.txt", kLong, true}});
  for (std::size_t n = 0; n <= data.size(); ++n) {
    RecordingContext ctx;
    run(t, ByteView(data).first(n), ctx);
    // ALZ's listing ends at "CLZ\x01": a cut in the 12 bytes after it loses nothing.
    const std::size_t whole = t == FileType::kAlz ? data.size() - 12 : data.size();
    if (n < whole) {
      EXPECT_FALSE(ctx.anomalies.empty()) << n;
    }
    EXPECT_LE(ctx.children.size(), 2u);
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    Bytes flipped = data;
    flipped[i] ^= 0xFF;
    RecordingContext ctx;
    run(t, flipped, ctx);
  }
  RecordingContext cut;
  run(t, ByteView(data).first(data.size() - 40), cut);
  EXPECT_EQ(child_text(cut, "a.txt"), "first entry");
}

TEST_P(Alzip, RatioCapRefusesABomb) {
  const FileType t = GetParam();
  std::string zeros(8u << 20, '\0');
  RecordingContext ctx;
  run(t, build(t, {{"bomb.bin", zeros, true}}), ctx);
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
}

TEST_P(Alzip, RegistryMapsTheType) {
  EXPECT_NE(dynamic_cast<AlzipAnalyzer*>(make_analyzer(GetParam()).get()), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Formats, Alzip, ::testing::Values(FileType::kAlz, FileType::kEgg),
                         [](const auto& info) {
                           return std::string(info.param == FileType::kEgg ? "Egg" : "Alz");
                         });

TEST(EggReader, SolidArchivesListDeflateEntriesAsUnsupported) {
  RecordingContext ctx;
  run(FileType::kEgg, write_egg({{"a.txt", kLong, true}, {"b.txt", "stored"}}, true), ctx);
  EXPECT_TRUE(std::get<bool>(ctx.facts["solid"]));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "b.txt");
}

TEST(AlzReader, ReadsHeadersWithoutData) {
  PackedArchive a = read_alz(write_alz({{"dir/", ""}, {"dir/x.exe", "MZ", true}}));
  EXPECT_TRUE(a.ended);
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_TRUE(a.entries[0].directory);
  EXPECT_EQ(a.entries[1].name, "dir/x.exe");
  ASSERT_EQ(a.entries[1].blocks.size(), 1u);
  EXPECT_EQ(a.entries[1].blocks[0].method, PackedMethod::kDeflate);
  EXPECT_EQ(read_alz(as_bytes("ALZ\x01")).entries.size(), 0u);
  EXPECT_FALSE(read_egg(as_bytes("EGGA")).anomalies.empty());
}

}  // namespace
}  // namespace lg
