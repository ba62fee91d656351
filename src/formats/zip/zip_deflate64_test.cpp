// ZIP method 9 (deflate64) through the walker: archives made by 7-Zip (`7zz` or `7z`, Debian
// 7zip / p7zip-full; skipped, saying so, when neither is installed) and one written by hand.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "formats/zip/zip_test_builder.h"
#include "formats/zip/zip_walker.h"

namespace lg::zip {
namespace {

std::string seven_zip() {
  for (const char* p : {"7zz", "7z"}) {
    if (std::system((std::string("command -v ") + p + " >/dev/null 2>&1").c_str()) == 0) return p;
  }
  return "";
}

// Long repeats far back: 7-Zip then uses length code 285 and distance codes 30 and 31.
std::string far_repeats(std::size_t n) {
  std::mt19937 rng(11);
  std::string s;
  while (s.size() < n) {
    if (s.size() > 60000 && rng() % 3 == 0) {
      s += s.substr(s.size() - 60000 + rng() % 10000, 1000 + rng() % 4000);
    } else {
      for (int i = 0; i < 64; ++i) s += static_cast<char>('a' + rng() % 26);
    }
  }
  s.resize(n);
  return s;
}

// Deflate without 258-byte matches is also deflate64: an entry written with method 9.
TEST(ZipDeflate64, MethodNineExtracts) {
  const std::string text = "Dear partner, the wallet terms are attached. Dear partner, sign.";
  testing::ZipBuilder b;
  b.add_raw("terms.txt", testing::deflate_raw(as_bytes(text)), kMethodDeflate64,
            testing::crc_of(as_bytes(text)), text.size());
  const Bytes zip = b.build();
  const Archive a = walk(zip);
  ASSERT_EQ(a.entries.size(), 1u);
  auto x = extract(zip, a.entries[0], 1u << 20);
  ASSERT_TRUE(x);
  EXPECT_TRUE(x->crc_ok);
  EXPECT_EQ(std::string(as_chars(x->data)), text);
}

TEST(ZipDeflate64, SevenZipArchivesExtract) {
  const std::string tool = seven_zip();
  if (tool.empty()) GTEST_SKIP() << "7-Zip is not installed (apt-get install 7zip)";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("lg_d64_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string text = far_repeats(400000);
  std::ofstream(dir / "big.txt", std::ios::binary) << text;
  std::ofstream(dir / "small.txt", std::ios::binary) << "hello hello hello hello";
  const std::string cmd = "cd '" + dir.string() + "' && " + tool +
                          " a -tzip -mm=Deflate64 t.zip big.txt small.txt >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "t.zip", std::ios::binary);
  const std::string archive((std::istreambuf_iterator<char>(in)), {});
  fs::remove_all(dir);
  const Archive a = walk(as_bytes(archive));
  ASSERT_EQ(a.entries.size(), 2u);
  for (const Entry& e : a.entries) {
    SCOPED_TRACE(e.name);
    if (e.name == "big.txt") {  // small.txt may be stored
      EXPECT_EQ(e.method, kMethodDeflate64);
    }
    auto x = extract(as_bytes(archive), e, 1u << 22);
    ASSERT_TRUE(x);
    EXPECT_TRUE(x->crc_ok);
    EXPECT_FALSE(x->damaged);
    EXPECT_EQ(std::string(as_chars(x->data)),
              e.name == "big.txt" ? text : "hello hello hello hello");
  }
  // The cap holds.
  auto capped = extract(as_bytes(archive),
                        a.entries[0].name == "big.txt" ? a.entries[0] : a.entries[1], 1000);
  ASSERT_TRUE(capped);
  EXPECT_TRUE(capped->capped);
  EXPECT_EQ(capped->data.size(), 1000u);
}

}  // namespace
}  // namespace lg::zip
