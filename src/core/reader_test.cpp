#include "core/reader.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace lg {
namespace {

using namespace std::string_literals;
constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();

TEST(CheckedArithmetic, AddAndMul) {
  EXPECT_EQ(checked_add(1, 2), 3u);
  EXPECT_EQ(checked_add(kMax, 0), kMax);
  EXPECT_FALSE(checked_add(kMax, 1));
  EXPECT_FALSE(checked_add(kMax / 2 + 1, kMax / 2 + 1));
  EXPECT_EQ(checked_mul(0, kMax), 0u);
  EXPECT_EQ(checked_mul(kMax, 1), kMax);
  EXPECT_EQ(checked_mul(1u << 16, 1u << 16), std::size_t{1} << 32);
  EXPECT_FALSE(checked_mul(kMax / 2 + 1, 2));
  EXPECT_FALSE(checked_mul(std::size_t{1} << 33, std::size_t{1} << 33));
}

TEST(Reader, HasIsOverflowSafe) {
  const std::string s = "abcdef";
  Reader r(as_bytes(s));
  EXPECT_EQ(r.size(), 6u);
  EXPECT_TRUE(r.has(0, 6));
  EXPECT_TRUE(r.has(6, 0));
  EXPECT_FALSE(r.has(7, 0));
  EXPECT_FALSE(r.has(0, 7));
  EXPECT_FALSE(r.has(5, 2));
  EXPECT_FALSE(r.has(1, kMax));  // off + n wraps around
  EXPECT_FALSE(r.has(kMax, 1));
  EXPECT_FALSE(r.has(kMax, kMax));
}

TEST(Reader, IntegersBothEndians) {
  const std::string s = "\x01\x02\x03\x04\x05\x06\x07\x08\xFF"s;
  Reader r(as_bytes(s));
  EXPECT_EQ(r.u8(0), 0x01);
  EXPECT_EQ(r.u8(8), 0xFF);
  EXPECT_FALSE(r.u8(9));
  EXPECT_EQ(r.u16le(0), 0x0201);
  EXPECT_EQ(r.u16be(0), 0x0102);
  EXPECT_EQ(r.u32le(0), 0x04030201u);
  EXPECT_EQ(r.u32be(0), 0x01020304u);
  EXPECT_EQ(r.u64le(0), 0x0807060504030201ull);
  EXPECT_EQ(r.u64be(0), 0x0102030405060708ull);
  EXPECT_EQ(r.u64le(1), 0xFF08070605040302ull);  // the last byte, high bits set
  EXPECT_EQ(r.u16le(7), 0xFF08);
  EXPECT_FALSE(r.u16le(8));  // one byte short
  EXPECT_FALSE(r.u32be(6));
  EXPECT_FALSE(r.u64be(2));
  EXPECT_FALSE(r.u32le(kMax - 1));
}

TEST(Reader, ViewsAndMagic) {
  const std::string s = "PK\x03\x04rest"s;
  Reader r(as_bytes(s));
  auto sub = r.subspan(4, 4);
  ASSERT_TRUE(sub);
  EXPECT_EQ(as_chars(*sub), "rest");
  EXPECT_FALSE(r.subspan(5, 4));
  EXPECT_FALSE(r.subspan(kMax, 2));
  ASSERT_TRUE(r.subspan(8, 0));
  EXPECT_TRUE(r.subspan(8, 0)->empty());
  EXPECT_EQ(r.tail(4).value().size(), 4u);
  EXPECT_TRUE(r.tail(8).value().empty());
  EXPECT_FALSE(r.tail(9));
  EXPECT_EQ(r.chars(0, 2), "PK");
  EXPECT_FALSE(r.chars(7, 2));
  EXPECT_TRUE(r.starts_with_at(0, "PK\x03\x04"s));
  EXPECT_TRUE(r.starts_with_at(4, "rest"));
  EXPECT_FALSE(r.starts_with_at(4, "rests"));  // would read past the end
  EXPECT_FALSE(r.starts_with_at(kMax, "x"));
  EXPECT_TRUE(r.starts_with_at(8, ""));
  EXPECT_EQ(r.data().size(), s.size());
}

TEST(Reader, EmptyInput) {
  Reader r(ByteView{});
  EXPECT_EQ(r.size(), 0u);
  EXPECT_TRUE(r.has(0, 0));
  EXPECT_FALSE(r.has(0, 1));
  EXPECT_FALSE(r.u8(0));
  EXPECT_FALSE(r.u64le(0));
  EXPECT_TRUE(r.tail(0).value().empty());
  EXPECT_FALSE(r.starts_with_at(0, "a"));
}

}  // namespace
}  // namespace lg
