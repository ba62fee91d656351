// Implode and shrink (legacy_methods.h): streams written by hand (no Debian program makes
// them), Debian's clam.impl.zip when clamav-testfiles is installed, damage and caps.
#include "formats/zip/legacy_methods.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>

#include "core/testing/lsb_writer.h"
#include "formats/zip/zip_test_builder.h"
#include "formats/zip/zip_walker.h"

namespace lg::zip {
namespace {

using lg::testing::LsbWriter;

// --- implode -------------------------------------------------------------------------------

// Trees of equal lengths (complete): `n` values of `bits` bits, 16 per byte.
void flat_tree(LsbWriter& w, unsigned n, unsigned bits) {
  w.byte(static_cast<std::uint8_t>(n / 16 - 1));
  for (unsigned i = 0; i < n / 16; ++i) w.byte(static_cast<std::uint8_t>(0xF0 | (bits - 1)));
}

// With equal lengths the canonical code of value v is v; implode sends its complement.
void sf(LsbWriter& w, unsigned v, unsigned bits) { w.code(((1u << bits) - 1) ^ v, bits); }

struct Implode {
  bool literal_tree;
  bool big_window;
  std::uint16_t flags() const { return (big_window ? 2 : 0) | (literal_tree ? 4 : 0); }
  unsigned dist_bits() const { return big_window ? 7 : 6; }
  unsigned min_match() const { return literal_tree ? 3 : 2; }

  void start(LsbWriter& w) const {
    if (literal_tree) flat_tree(w, 256, 8);
    flat_tree(w, 64, 6);
    flat_tree(w, 64, 6);
  }
  void literal(LsbWriter& w, std::uint8_t c) const {
    w.put(1, 1);
    if (literal_tree) {
      sf(w, c, 8);
    } else {
      w.put(c, 8);
    }
  }
  void match(LsbWriter& w, std::size_t dist, std::size_t len) const {
    w.put(0, 1);
    const std::size_t d = dist - 1;
    w.put(static_cast<std::uint32_t>(d & ((1u << dist_bits()) - 1)), dist_bits());
    sf(w, static_cast<unsigned>(d >> dist_bits()), 6);
    const std::size_t l = len - min_match();
    if (l >= 63) {
      sf(w, 63, 6);
      w.put(static_cast<std::uint32_t>(l - 63), 8);
    } else {
      sf(w, static_cast<unsigned>(l), 6);
    }
  }
};

class ExplodeModes : public ::testing::TestWithParam<int> {};

TEST_P(ExplodeModes, LiteralsMatchesAndTheZeroWindow) {
  const Implode m{(GetParam() & 1) != 0, (GetParam() & 2) != 0};
  LsbWriter w;
  m.start(w);
  std::string want;
  m.match(w, 5, 4);  // before the start: zeros
  want += std::string(4, '\0');
  for (char c : std::string("wallet seed ")) {
    m.literal(w, static_cast<std::uint8_t>(c));
    want += c;
  }
  m.match(w, 12, 100);  // overlapping, long: length code 63 and 8 more bits
  for (int i = 0; i < 100; ++i) want += want[want.size() - 12];
  const std::size_t far = m.big_window ? 8000 : 4000;
  while (want.size() < far + 10) {
    m.literal(w, static_cast<std::uint8_t>('a' + want.size() % 26));
    want += static_cast<char>('a' + want.size() % 26);
  }
  m.match(w, far, 20);
  for (int i = 0; i < 20; ++i) want += want[want.size() - far];
  const Bytes data = w.finish();
  Inflated out = explode_bytes(data, m.flags(), want.size(), 1u << 20);
  EXPECT_TRUE(out.complete);
  EXPECT_FALSE(out.damaged);
  EXPECT_EQ(std::string(as_chars(out.data)), want);
  // Through the ZIP walker.
  testing::ZipBuilder b;
  b.add_raw("old.txt", data, kMethodImplode, testing::crc_of(as_bytes(want)), want.size()).flags =
      m.flags();
  const Bytes zip = b.build();
  const Archive a = walk(zip);
  ASSERT_EQ(a.entries.size(), 1u);
  auto x = extract(zip, a.entries[0], 1u << 20);
  ASSERT_TRUE(x);
  EXPECT_TRUE(x->crc_ok);
  // Caps, truncation and noise.
  Inflated capped = explode_bytes(data, m.flags(), want.size(), 50);
  EXPECT_TRUE(capped.capped);
  EXPECT_EQ(capped.data.size(), 50u);
  for (std::size_t n = 0; n < data.size(); n += 7) {
    Inflated cut = explode_bytes(ByteView(data).first(n), m.flags(), want.size(), 1u << 20);
    EXPECT_FALSE(cut.complete);
    EXPECT_EQ(std::string(as_chars(cut.data)), want.substr(0, cut.data.size()));
  }
}

INSTANTIATE_TEST_SUITE_P(Trees, ExplodeModes, ::testing::Values(0, 1, 2, 3));

TEST(Explode, BadTreesAreDamage) {
  LsbWriter w;  // a 64-value tree of 65 values
  w.byte(4);
  for (int i = 0; i < 5; ++i) w.byte(0xF5);
  EXPECT_TRUE(explode_bytes(w.finish(), 0, 10, 100).damaged);
  LsbWriter incomplete;  // 64 values of 7 bits: half the code space
  flat_tree(incomplete, 64, 7);
  flat_tree(incomplete, 64, 6);
  EXPECT_TRUE(explode_bytes(incomplete.finish(), 0, 10, 100).damaged);
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    Bytes noise(40 + i);
    for (auto& c : noise) c = static_cast<std::uint8_t>(rng());
    Inflated x = explode_bytes(noise, static_cast<std::uint16_t>(i & 6), 5000, 4096);
    EXPECT_LE(x.data.size(), 4096u);
  }
}

TEST(Explode, ClamavTestFile) {
  const std::filesystem::path p = "/usr/share/clamav-testfiles/clam.impl.zip";
  if (!std::filesystem::exists(p))
    GTEST_SKIP() << p << " absent (apt-get install clamav-testfiles)";
  std::ifstream in(p, std::ios::binary);
  const std::string s((std::istreambuf_iterator<char>(in)), {});
  const Archive a = walk(as_bytes(s));
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].method, kMethodImplode);
  auto x = extract(as_bytes(s), a.entries[0], 1u << 20);
  ASSERT_TRUE(x);
  EXPECT_TRUE(x->crc_ok);
  EXPECT_EQ(x->data.size(), 544u);
}

// --- shrink --------------------------------------------------------------------------------

// LZW as shrink sends it, without partial clears: the width grows (256, 1) when a code needs
// it; new strings until the table is full.
Bytes shrink(const std::string& text) {
  LsbWriter w;
  std::map<std::string, unsigned> dict;
  for (unsigned c = 0; c < 256; ++c) dict[std::string(1, static_cast<char>(c))] = c;
  unsigned next = 257, width = 9;
  auto emit = [&](unsigned code) {
    while (code >= (1u << width)) {
      w.put(256, width);
      w.put(1, width);
      ++width;
    }
    w.put(code, width);
  };
  std::string cur;
  for (char c : text) {
    if (dict.count(cur + c)) {
      cur += c;
      continue;
    }
    emit(dict[cur]);
    if (next < 8192) dict[cur + c] = next++;
    cur = std::string(1, c);
  }
  if (!cur.empty()) emit(dict[cur]);
  return w.finish();
}

TEST(Unshrink, RoundTrips) {
  std::mt19937 rng(9);
  std::string text;
  while (text.size() < 300000) text += "token" + std::to_string(rng() % 3000) + ' ';
  for (const std::string& s :
       {std::string("a"), std::string("abababababab"), std::string(5000, 'z'), text}) {
    const Bytes data = shrink(s);
    Inflated out = unshrink_bytes(data, s.size(), 1u << 20);
    EXPECT_TRUE(out.complete);
    EXPECT_FALSE(out.damaged);
    EXPECT_EQ(std::string(as_chars(out.data)), s);
  }
  const Bytes data = shrink(text);
  Inflated capped = unshrink_bytes(data, text.size(), 1000);
  EXPECT_TRUE(capped.capped);
  EXPECT_EQ(capped.data.size(), 1000u);
}

TEST(Unshrink, PartialClearFreesLeaves) {
  LsbWriter w;
  w.put('a', 9);
  w.put('b', 9);  // 257 = "ab"
  w.put(256, 9);
  w.put(2, 9);    // partial clear: 257 is a leaf, freed
  w.put('c', 9);  // 257 = "bc"
  w.put(257, 9);  // "bc"
  Inflated out = unshrink_bytes(w.finish(), 5, 100);
  EXPECT_TRUE(out.complete);
  EXPECT_EQ(std::string(as_chars(out.data)), "abcbc");
  LsbWriter bad;  // an unknown control code
  bad.put('a', 9);
  bad.put(256, 9);
  bad.put(7, 9);
  EXPECT_TRUE(unshrink_bytes(bad.finish(), 5, 100).damaged);
  std::mt19937 rng(6);
  for (int i = 0; i < 300; ++i) {
    Bytes noise(40 + i * 3);
    for (auto& c : noise) c = static_cast<std::uint8_t>(rng());
    Inflated x = unshrink_bytes(noise, 100000, 4096);
    EXPECT_LE(x.data.size(), 4096u);
  }
}

}  // namespace
}  // namespace lg::zip
