// CompoundFile on generated files (well-formed v3/v4 and deliberately broken ones) and on the
// real compound files of the shared corpus and clamav-testfiles.
#include "formats/cfb/compound_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/testing/recording_context.h"
#include "core/utf8.h"
#include "formats/cfb/cfb_builder.h"

namespace lg {
namespace {

using testing::CfbBuilder;

std::string read_all(const CompoundFile& cf, std::string_view path,
                     std::vector<std::string>* anomalies = nullptr) {
  const CfbEntry* e = cf.find(path);
  if (!e) return "<missing>";
  auto r = cf.read_stream(*e, 1 << 24, anomalies);
  if (!r) return "<error>";
  return to_string(*r);
}

std::string big(std::size_t n, char seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i % 23);
  return s;
}

TEST(CompoundFile, RejectsNonCfb) {
  EXPECT_FALSE(CompoundFile::open(as_bytes("not a compound file at all")));
  EXPECT_FALSE(CompoundFile::open(as_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))));
}

void check_round_trip(int version) {
  CfbBuilder b(version);
  int macros = b.storage("Macros");
  int vba = b.storage("VBA", macros);
  b.stream("dir", "small dir stream", vba);
  b.stream("Module1", big(5000, 'a'), vba);
  b.stream("\x05SummaryInformation", big(300, 'x'));
  b.stream("WordDocument", big(9000, 'w'));
  Bytes file = b.build();
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf) << cf.status().to_string();
  EXPECT_EQ(cf->major_version(), version);
  EXPECT_EQ(cf->sector_size(), version == 4 ? 4096u : 512u);
  EXPECT_TRUE(cf->anomalies().empty()) << cf->anomalies().front();
  EXPECT_EQ(read_all(*cf, "Macros/VBA/dir"), "small dir stream");
  EXPECT_EQ(read_all(*cf, "macros/vba/MODULE1"), big(5000, 'a'));
  EXPECT_EQ(read_all(*cf, "\x05SummaryInformation"), big(300, 'x'));
  EXPECT_EQ(read_all(*cf, "WordDocument"), big(9000, 'w'));
  const CfbEntry* dir = cf->find("Macros/VBA/dir");
  ASSERT_NE(dir, nullptr);
  EXPECT_EQ(dir->path, "Macros/VBA/dir");
  EXPECT_EQ(dir->depth, 3u);
  EXPECT_EQ(cf->entries()[*dir->parent].name, "VBA");
  EXPECT_EQ(cf->walk_order().size(), 7u);
  EXPECT_EQ(cf->orphan_count(), 0u);
  // max_bytes caps the read.
  auto part = cf->read_stream(*cf->find("WordDocument"), 10);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->size(), 10u);
}

TEST(CompoundFile, RoundTripV3) { check_round_trip(3); }
TEST(CompoundFile, RoundTripV4With4096ByteSectors) { check_round_trip(4); }

TEST(CompoundFile, FatCycleIsAnAnomalyAndReadingStops) {
  CfbBuilder b;
  b.stream("Big", big(3 * 512 + 100 + 4096, 'q'));
  Bytes file = b.build();
  auto cf0 = CompoundFile::open(file);
  ASSERT_TRUE(cf0);
  std::uint32_t start = cf0->find("Big")->start_sector;
  // Make the stream's third sector point back to its first.
  CfbBuilder::put32(file, 512 + (start + 2) * 4, start);
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  std::vector<std::string> anomalies;
  std::string s = read_all(*cf, "Big", &anomalies);
  EXPECT_EQ(s.size(), 3u * 512);
  ASSERT_FALSE(anomalies.empty());
  EXPECT_NE(anomalies.front().find("cycle"), std::string::npos) << anomalies.front();
}

TEST(CompoundFile, OutOfRangeSectorIsAnAnomaly) {
  CfbBuilder b;
  b.stream("Big", big(4096 + 512, 'q'));
  Bytes file = b.build();
  std::uint32_t start = CompoundFile::open(file)->find("Big")->start_sector;
  CfbBuilder::put32(file, 512 + (start + 1) * 4, 0x00ABCDEF);
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  std::vector<std::string> anomalies;
  EXPECT_EQ(read_all(*cf, "Big", &anomalies).size(), 1024u);
  ASSERT_FALSE(anomalies.empty());
  EXPECT_NE(anomalies.front().find("out of range"), std::string::npos);
}

TEST(CompoundFile, DirectoryCycleIsAnAnomaly) {
  CfbBuilder b;
  int s = b.storage("S");
  b.stream("A", "a", s);
  b.stream("B", "b", s);
  Bytes file = b.build();
  // Entry 3 ("B") gets entry 2 ("A", its left-hand sibling) as right sibling: a loop.
  std::size_t dir = (b.dir_sector() + 1) * 512;
  CfbBuilder::put32(file, dir + 3 * 128 + 72, 2);
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  EXPECT_EQ(read_all(*cf, "S/A"), "a");
  EXPECT_EQ(read_all(*cf, "S/B"), "b");
  bool cycle = false;
  for (const auto& a : cf->anomalies()) cycle = cycle || a.find("cycle") != std::string::npos;
  EXPECT_TRUE(cycle);
  // A self-referencing storage child is refused too.
  CfbBuilder::put32(file, dir + 1 * 128 + 76, 1);
  auto cf2 = CompoundFile::open(file);
  ASSERT_TRUE(cf2);
  EXPECT_FALSE(cf2->anomalies().empty());
  EXPECT_EQ(cf2->find("S/A"), nullptr);
  EXPECT_GT(cf2->orphan_count(), 0u);
}

TEST(CompoundFile, TruncatedFileKeepsWhatIsThere) {
  CfbBuilder b;
  b.stream("Small", "tiny");
  b.stream("Big", big(8192, 'z'));
  Bytes file = b.build();
  file.resize(file.size() - 3000);
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  EXPECT_EQ(read_all(*cf, "Small"), "tiny");
  std::vector<std::string> anomalies;
  std::string s = read_all(*cf, "Big", &anomalies);
  EXPECT_LT(s.size(), 8192u);
  EXPECT_EQ(s, big(8192, 'z').substr(0, s.size()));
  EXPECT_FALSE(anomalies.empty());
  // Cut inside the header: an error, never a crash.
  Bytes head(file.begin(), file.begin() + 100);
  EXPECT_FALSE(CompoundFile::open(head));
}

TEST(CompoundFile, SizeLargerThanChainIsAnAnomaly) {
  CfbBuilder b;
  b.stream("Big", big(4096, 'k'));
  Bytes file = b.build();
  std::size_t dir = (b.dir_sector() + 1) * 512;
  CfbBuilder::put32(file, dir + 1 * 128 + 120, 1 << 20);
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  std::vector<std::string> anomalies;
  EXPECT_EQ(read_all(*cf, "Big", &anomalies), big(4096, 'k'));
  EXPECT_FALSE(anomalies.empty());
}

TEST(CompoundFile, EveryTruncationAndByteFlipIsSafe) {
  CfbBuilder b;
  int st = b.storage("VBA");
  b.stream("dir", big(700, 'd'), st);
  b.stream("Big", big(5000, 'b'));
  Bytes file = b.build();
  for (std::size_t cut = 0; cut < file.size(); cut += 97) {
    Bytes t(file.begin(), file.begin() + cut);
    auto cf = CompoundFile::open(t);
    if (!cf) continue;
    for (const CfbEntry& e : cf->entries())
      if (e.type == CfbObjectType::kStream) (void)cf->read_stream(e, 1 << 20);
  }
  for (std::size_t i = 0; i < file.size(); i += 13) {
    Bytes t = file;
    t[i] ^= 0xA5;
    auto cf = CompoundFile::open(t);
    if (!cf) continue;
    for (const CfbEntry& e : cf->entries())
      if (e.type == CfbObjectType::kStream) (void)cf->read_stream(e, 1 << 20);
  }
}

TEST(CompoundFile, RealFiles) {
  namespace fs = std::filesystem;
  int opened = 0;
  std::vector<std::string> paths = {"/usr/share/clamav-testfiles/clam.ole.doc",
                                    "/usr/share/clamav-testfiles/clam.ppt"};
  for (const auto& e : fs::recursive_directory_iterator(LG_SHARED_DIR "/corpus/office"))
    if (e.is_regular_file()) paths.push_back(e.path().string());
  for (const std::string& p : paths) {
    std::string data = testing::read_file(p);
    if (!CompoundFile::has_signature(as_bytes(data))) continue;
    auto cf = CompoundFile::open(as_bytes(data));
    ASSERT_TRUE(cf) << p;
    ++opened;
    EXPECT_GT(cf->walk_order().size(), 1u) << p;
    for (std::uint32_t id : cf->walk_order()) {
      const CfbEntry& e = cf->entries()[id];
      if (e.type != CfbObjectType::kStream) continue;
      auto s = cf->read_stream(e, 1 << 26);
      ASSERT_TRUE(s) << p << " " << e.path;
      EXPECT_EQ(s->size(), e.size) << p << " " << e.path;
    }
  }
  EXPECT_GE(opened, 25);
  std::string doc = testing::read_file("/usr/share/clamav-testfiles/clam.ole.doc");
  auto cf = CompoundFile::open(as_bytes(doc));
  ASSERT_TRUE(cf);
  EXPECT_NE(cf->find("WordDocument"), nullptr);
}

// stream_extents: the runs cover each stream (mini and regular) byte for byte, so a
// same-length rewrite in place reads back through a fresh CompoundFile.
TEST(CompoundFile, StreamExtentsAllowInPlaceRewrite) {
  for (int version : {3, 4}) {
    testing::CfbBuilder b(version);
    b.stream("small", to_bytes(big(300, 'a')));
    b.stream("large", to_bytes(big(9000, 'k')));
    const Bytes file = b.build();
    auto cf = CompoundFile::open(file);
    ASSERT_TRUE(cf);
    Bytes copy = file;
    for (const char* name : {"small", "large"}) {
      const CfbEntry* e = cf->find(name);
      ASSERT_NE(e, nullptr);
      auto ext = cf->stream_extents(*e);
      ASSERT_TRUE(ext) << name;
      std::size_t total = 0;
      for (const CfbExtent& x : *ext) {
        EXPECT_EQ(as_chars(ByteView(file).subspan(x.offset, x.length)),
                  read_all(*cf, name).substr(total, x.length));
        for (std::size_t i = 0; i < x.length; ++i) copy[x.offset + i] = 'Z';
        total += x.length;
      }
      EXPECT_EQ(total, e->size) << name;
    }
    auto again = CompoundFile::open(copy);
    ASSERT_TRUE(again);
    EXPECT_EQ(read_all(*again, "small"), std::string(300, 'Z'));
    EXPECT_EQ(read_all(*again, "large"), std::string(9000, 'Z'));
  }
}

TEST(CompoundFile, StreamExtentsRefuseShortChains) {
  testing::CfbBuilder b;
  b.stream("large", to_bytes(big(9000, 'k')));
  Bytes file = b.build();
  file.resize(file.size() - 1024);  // the stream's last sectors are gone
  auto cf = CompoundFile::open(file);
  ASSERT_TRUE(cf);
  const CfbEntry* e = cf->find("large");
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(cf->stream_extents(*e));
}

}  // namespace
}  // namespace lg
