// Deflate64: streams written by hand with a small LSB-first writer (stored and fixed-Huffman
// blocks using deflate64's length code 285 and distance codes 30 and 31), plain deflate
// from zlib (valid deflate64 when no 258-byte match is used), damage and caps.
#include "core/deflate64.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

#include "core/testing/lsb_writer.h"

namespace lg {
namespace {

class LsbWriter : public testing::LsbWriter {
 public:
  // [RFC 1951] 3.2.6 fixed literal/length codes.
  void fixed_lit(unsigned v) {
    if (v < 144)
      code(0x30 + v, 8);
    else if (v < 256)
      code(0x190 + v - 144, 9);
    else if (v < 280)
      code(v - 256, 7);
    else
      code(0xC0 + v - 280, 8);
  }
};

std::string noise(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// A stored block (not final) of `prefix`.
void stored(LsbWriter& w, const std::string& prefix) {
  w.put(0, 1);
  w.put(0, 2);
  w.align();
  w.put(static_cast<std::uint32_t>(prefix.size()), 16);
  w.put(static_cast<std::uint32_t>(prefix.size()) ^ 0xFFFF, 16);
  for (char c : prefix) w.byte(static_cast<std::uint8_t>(c));
}

std::string copy_from(std::string s, std::size_t dist, std::size_t len) {
  for (std::size_t i = 0; i < len; ++i) s += s[s.size() - dist];
  return s;
}

TEST(Deflate64, LongLengthsAndFarDistances) {
  const std::string prefix = noise(60000, 1);
  LsbWriter w;
  stored(w, prefix);
  w.put(1, 1);  // final
  w.put(1, 2);  // fixed Huffman
  // Length code 285: 3 + 16 extra bits (5000); distance code 30: 32769 + 14 bits (33000).
  w.fixed_lit(285);
  w.put(5000 - 3, 16);
  w.code(30, 5);
  w.put(33000 - 32769, 14);
  // Distance code 31 (49153 + 14 bits: 50000), length code 284 (227 + 5 bits: 250).
  w.fixed_lit(284);
  w.put(250 - 227, 5);
  w.code(31, 5);
  w.put(50000 - 49153, 14);
  w.fixed_lit('A');
  w.fixed_lit(256);
  std::string want = copy_from(copy_from(prefix, 33000, 5000), 50000, 250) + "A";
  Inflated out = inflate64_bytes(w.finish(), 1u << 20);
  EXPECT_TRUE(out.complete);
  EXPECT_FALSE(out.damaged);
  EXPECT_EQ(std::string(as_chars(out.data)), want);
}

TEST(Deflate64, ZlibStreamsWithoutLongMatchesDecode) {
  // Text whose repeats are all shorter than 258 bytes: deflate and deflate64 read the same.
  std::mt19937 rng(3);
  std::string text;
  while (text.size() < 200000) text += "word" + std::to_string(rng() % 5000) + ' ';
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  Bytes z(deflateBound(&zs, text.size()));
  zs.next_in = reinterpret_cast<Bytef*>(text.data());
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = z.data();
  zs.avail_out = static_cast<uInt>(z.size());
  ASSERT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  z.resize(zs.total_out);
  deflateEnd(&zs);
  Inflated out = inflate64_bytes(z, 1u << 20);
  EXPECT_TRUE(out.complete);
  EXPECT_FALSE(out.damaged);
  EXPECT_EQ(out.consumed, z.size());
  EXPECT_EQ(std::string(as_chars(out.data)), text);
  // Every prefix: no crash, never complete; damage or a short output.
  for (std::size_t n = 0; n < z.size(); n += 97) {
    Inflated cut = inflate64_bytes(ByteView(z).first(n), 1u << 20);
    EXPECT_FALSE(cut.complete);
    EXPECT_LT(cut.data.size(), text.size());
  }
  Inflated capped = inflate64_bytes(z, 1000);
  EXPECT_TRUE(capped.capped);
  EXPECT_FALSE(capped.complete);
  EXPECT_EQ(capped.data.size(), 1000u);
}

TEST(Deflate64, DamageIsReported) {
  LsbWriter bad_type;
  bad_type.put(1, 1);
  bad_type.put(3, 2);  // block type 3 is reserved
  EXPECT_TRUE(inflate64_bytes(bad_type.finish(), 100).damaged);
  LsbWriter too_far;  // a match before the first byte
  too_far.put(1, 1);
  too_far.put(1, 2);
  too_far.fixed_lit('x');
  too_far.fixed_lit(257);
  too_far.code(2, 5);  // distance 3, one byte written
  too_far.fixed_lit(256);
  EXPECT_TRUE(inflate64_bytes(too_far.finish(), 100).damaged);
  LsbWriter nlen;  // stored block whose NLEN does not complement LEN
  nlen.put(1, 1);
  nlen.put(0, 2);
  nlen.align();
  nlen.put(5, 16);
  nlen.put(5, 16);
  EXPECT_TRUE(inflate64_bytes(nlen.finish(), 100).damaged);
  for (unsigned seed = 0; seed < 300; ++seed) {
    const std::string n = noise(32 + seed, seed);
    Inflated x = inflate64_bytes(as_bytes(n), 4096);
    EXPECT_LE(x.data.size(), 4096u);
  }
}

}  // namespace
}  // namespace lg
