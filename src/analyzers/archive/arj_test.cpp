// ARJ: archives written by hand (arj_test_writer.h: stored and method 4 entries, garbling,
// damage) and archives the Debian `arj` program makes with methods 0-4 (skipped, saying so,
// when the program is absent; scripts/install-deps.sh installs it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "analyzers/archive/alzip_analyzer.h"
#include "analyzers/archive/arj_decode.h"
#include "analyzers/archive/arj_reader.h"
#include "analyzers/archive/arj_test_writer.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/registry.h"

namespace lg {
namespace {

using testing::ArjFile;
using testing::RecordingContext;
using testing::write_arj;

void run(ByteView data, RecordingContext& ctx) {
  EXPECT_TRUE(AlzipAnalyzer(FileType::kArj).analyze(data, ctx).is_ok());
}

std::string child_text(const RecordingContext& ctx, const std::string& name) {
  for (const auto& c : ctx.children)
    if (c.info.name == name) return std::string(as_chars(c.data));
  return "<missing>";
}

std::string random_text(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// Prose with repeats near and far (matches of every length, distances up to the window).
std::string prose(std::size_t n) {
  static const char* kWords[] = {"invoice ",  "wallet ",   "please ", "review ", "the ",
                                 "attached ", "terms\r\n", "before ", "Friday ", "token "};
  std::mt19937 rng(7);
  std::string s;
  while (s.size() < n) {
    if (rng() % 50 == 0 && s.size() > 20000) {
      s += s.substr(s.size() - 20000 + rng() % 1000, 300 + rng() % 400);  // a long, far repeat
    } else {
      s += kWords[rng() % 10];
    }
  }
  s.resize(n);
  return s;
}

TEST(Arj, StoredAndFastestEntriesBecomeChildren) {
  const std::string text = prose(70000);
  Bytes data = write_arj({testing::arj_stored("docs/JD.pdf", "%PDF-1.4 job description"),
                          testing::arj_fastest("docs\\note.txt", text),
                          {"docs", "", 0, 0, 0, 0, 3}});
  EXPECT_EQ(identify(data), FileType::kArj);
  RecordingContext ctx;
  run(data, ctx);
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(child_text(ctx, "docs/JD.pdf"), "%PDF-1.4 job description");
  EXPECT_EQ(child_text(ctx, "docs/note.txt"), text);
  EXPECT_EQ(ctx.str("format"), "arj");
  EXPECT_EQ(ctx.num("entries"), 2);
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
  EXPECT_TRUE(ctx.findings.empty());
}

TEST(Arj, FastestDecoderRoundTrips) {
  for (const std::string& s : {std::string(), std::string("a"), std::string(100000, 'z'),
                               random_text(5000, 1), prose(50000)}) {
    const std::string packed = testing::arj_fastest_encode(s);
    Inflated out = arj_decode(as_bytes(packed), 4, s.size(), 1u << 20);
    EXPECT_TRUE(out.complete);
    EXPECT_FALSE(out.damaged);
    EXPECT_EQ(std::string(as_chars(out.data)), s);
  }
}

TEST(Arj, DecoderCapsAndDamage) {
  const std::string s(100000, 'z');
  const std::string packed = testing::arj_fastest_encode(s);
  Inflated capped = arj_decode(as_bytes(packed), 4, s.size(), 1000);
  EXPECT_TRUE(capped.capped);
  EXPECT_FALSE(capped.complete);
  EXPECT_EQ(capped.data.size(), 1000u);
  // A match before the first byte: a length prefix '1 0' + one bit, then a position.
  testing::MsbWriter w;
  w.put(0b100, 3);
  w.put(0, 1);
  w.put(5, 9);
  Inflated bad = arj_decode(as_bytes(w.finish()), 4, 10, 100);
  EXPECT_TRUE(bad.damaged);
  // Input that ends early: zeros are read past it, and that is damage.
  Inflated cut = arj_decode(as_bytes(packed.substr(0, packed.size() / 2)), 4, s.size(), 1u << 20);
  EXPECT_FALSE(cut.complete);
  EXPECT_TRUE(cut.damaged);
  EXPECT_TRUE(arj_decode(as_bytes(packed), 7, 10, 100).damaged);
  // Methods 1-3 on noise: no crash, never past the cap.
  for (unsigned seed = 0; seed < 200; ++seed) {
    const std::string noise = random_text(64 + seed, seed);
    Inflated x = arj_decode(as_bytes(noise), 1 + seed % 3, 5000, 4096);
    EXPECT_LE(x.data.size(), 4096u);
  }
}

TEST(Arj, GarbledEntriesStayClosed) {
  ArjFile f = testing::arj_stored("secret.exe", "MZ garbled");
  f.flags = 0x01;
  RecordingContext ctx;
  ctx.passwords = {"infected"};
  run(write_arj({f, testing::arj_stored("readme.txt", "open")}), ctx);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "readme.txt");
  EXPECT_EQ(ctx.num("encrypted_entries"), 1);
  EXPECT_TRUE(ctx.has(Symbol::ARCHIVE_ENCRYPTED));
}

TEST(Arj, CrcMismatchesAreAnomalies) {
  ArjFile f = testing::arj_fastest("a.txt", prose(3000));
  f.crc ^= 1;
  ArjFile g = testing::arj_stored("b.txt", "second");
  g.bad_header_crc = true;
  RecordingContext ctx;
  run(write_arj({f, g}), ctx);
  ASSERT_EQ(ctx.children.size(), 2u);  // kept: the content is still worth a look
  ASSERT_EQ(ctx.anomalies.size(), 2u);
  EXPECT_NE(ctx.anomalies[0].find("header CRC-32 mismatch"), std::string::npos);
  EXPECT_EQ(ctx.anomalies[1], "a.txt: CRC-32 mismatch");
}

TEST(Arj, DamageAndTruncationAreAnomalies) {
  Bytes data = write_arj(
      {testing::arj_stored("a.txt", "first entry"), testing::arj_fastest("b.txt", prose(2000))});
  // Every prefix, and every byte flipped: no crash, and what came before damage is kept.
  for (std::size_t n = 0; n <= data.size(); ++n) {
    RecordingContext ctx;
    run(ByteView(data).first(n), ctx);
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    Bytes flipped = data;
    flipped[i] ^= 0xFF;
    RecordingContext ctx;
    run(flipped, ctx);
  }
  RecordingContext cut;
  run(ByteView(data).first(data.size() - 40), cut);
  EXPECT_EQ(child_text(cut, "a.txt"), "first entry");
  EXPECT_FALSE(cut.anomalies.empty());
  PackedArchive none = read_arj(as_bytes(std::string("\x60\xEA\x00\x00", 4)));
  ASSERT_EQ(none.anomalies.size(), 1u);
  EXPECT_NE(none.anomalies[0].find("not a main header"), std::string::npos);
}

TEST(Arj, RatioCapRefusesABomb) {
  // Method 4 reaches about 85:1 at best (a 256-byte match in 24 bits): under the default
  // ratio of 200, so a lower one makes 8 MiB of zeros a bomb.
  RecordingContext ctx;
  ctx.limits_.max_ratio = 5;
  run(write_arj({testing::arj_fastest("bomb.bin", std::string(8u << 20, '\0'))}), ctx);
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
}

TEST(Arj, RegistryMapsTheType) {
  EXPECT_NE(dynamic_cast<AlzipAnalyzer*>(make_analyzer(FileType::kArj).get()), nullptr);
}

// --- archives made by the arj program -----------------------------------------------------

bool have_arj() { return std::system("command -v arj >/dev/null 2>&1") == 0; }

class ArjProgram : public ::testing::TestWithParam<int> {};

TEST_P(ArjProgram, EveryMethodDecodes) {
  if (!have_arj()) GTEST_SKIP() << "the arj program is not installed (apt-get install arj)";
  const int method = GetParam();
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("lg_arj_test_" + std::to_string(::getpid()) + "_" + std::to_string(method));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"prose.txt", prose(300000)},  // several blocks, far matches
      {"noise.bin", random_text(70000, 3)},
      {"zeros.bin", std::string(200000, '\0')},
      {"one.txt", "x"},
      {"empty.txt", ""}};
  for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
  const std::string cmd = "cd '" + dir.string() + "' && arj a -y -m" + std::to_string(method) +
                          " t.arj prose.txt noise.bin zeros.bin one.txt empty.txt >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "t.arj", std::ios::binary);
  const std::string archive((std::istreambuf_iterator<char>(in)), {});
  fs::remove_all(dir);
  ASSERT_EQ(identify(as_bytes(archive)), FileType::kArj);
  const PackedArchive a = read_arj(as_bytes(archive));
  EXPECT_TRUE(a.ended);
  EXPECT_TRUE(a.anomalies.empty()) << a.anomalies[0];
  ASSERT_EQ(a.entries.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE(files[i].first);
    EXPECT_EQ(a.entries[i].name, files[i].first);
    auto x = extract_packed(a.entries[i], 1u << 24);
    ASSERT_TRUE(x);
    EXPECT_FALSE(x->damaged);
    EXPECT_TRUE(x->crc_ok);
    EXPECT_EQ(std::string(as_chars(x->data)), files[i].second);
  }
}

INSTANTIATE_TEST_SUITE_P(Methods, ArjProgram, ::testing::Values(0, 1, 2, 3, 4));

TEST(ArjProgram, GarbledArchiveStaysClosed) {
  if (!have_arj()) GTEST_SKIP() << "the arj program is not installed (apt-get install arj)";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("lg_arj_g_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt", std::ios::binary) << prose(5000);
  const std::string cmd =
      "cd '" + dir.string() + "' && arj a -y -gsecret g.arj a.txt >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "g.arj", std::ios::binary);
  const std::string archive((std::istreambuf_iterator<char>(in)), {});
  fs::remove_all(dir);
  RecordingContext ctx;
  run(as_bytes(archive), ctx);
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_TRUE(ctx.has(Symbol::ARCHIVE_ENCRYPTED));
}

}  // namespace
}  // namespace lg
