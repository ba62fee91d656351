#include "core/huffman.h"

#include <gtest/gtest.h>

#include <vector>

namespace lg {
namespace {

// [RFC 1951] 3.2.2's example: lengths (3, 3, 3, 3, 3, 2, 4, 4) for A-H give F = 00, A = 010,
// ..., E = 110, G = 1110, H = 1111.
TEST(Huffman, RfcExampleCodes) {
  HuffmanTable t;
  const std::vector<std::uint8_t> len = {3, 3, 3, 3, 3, 2, 4, 4};
  ASSERT_EQ(t.build(len), HuffmanTable::Shape::kComplete);
  auto at = [&](std::uint32_t code, unsigned n) { return t.decode(code << (16 - n)); };
  EXPECT_EQ(at(0b00, 2).symbol, 5);
  EXPECT_EQ(at(0b00, 2).length, 2);
  EXPECT_EQ(at(0b010, 3).symbol, 0);
  EXPECT_EQ(at(0b110, 3).symbol, 4);
  EXPECT_EQ(at(0b1110, 4).symbol, 6);
  EXPECT_EQ(at(0b1111, 4).symbol, 7);
  EXPECT_EQ(at(0b1111, 4).length, 4);
}

TEST(Huffman, LongCodesUseTheSlowPath) {
  // Lengths 1, 2, ..., 15, 16, 16: complete, codes up to 16 bits.
  std::vector<std::uint8_t> len;
  for (std::uint8_t l = 1; l <= 16; ++l) len.push_back(l);
  len.push_back(16);
  HuffmanTable t;
  ASSERT_EQ(t.build(len), HuffmanTable::Shape::kComplete);
  for (unsigned s = 0; s < 16; ++s) {
    // Symbol s: s one bits, then a zero.
    const std::uint32_t code = ((1u << s) - 1) << 1;
    auto c = t.decode(code << (15 - s));
    EXPECT_EQ(c.symbol, s);
    EXPECT_EQ(c.length, s + 1);
  }
  EXPECT_EQ(t.decode(0xFFFF).symbol, 16);
  EXPECT_EQ(t.decode(0xFFFF).length, 16);
}

TEST(Huffman, Shapes) {
  HuffmanTable t;
  EXPECT_EQ(t.build(std::vector<std::uint8_t>{1}), HuffmanTable::Shape::kIncomplete);
  EXPECT_EQ(t.decode(0x0000).length, 1);
  EXPECT_EQ(t.decode(0x8000).length, 0);  // no code starts with 1
  EXPECT_EQ(t.build(std::vector<std::uint8_t>{1, 1, 1}), HuffmanTable::Shape::kOversubscribed);
  EXPECT_EQ(t.build(std::vector<std::uint8_t>{0, 0}), HuffmanTable::Shape::kEmpty);
  EXPECT_EQ(t.build(std::vector<std::uint8_t>{17, 1}), HuffmanTable::Shape::kOversubscribed);
  EXPECT_EQ(t.build(std::vector<std::uint8_t>(HuffmanTable::kMaxSymbols + 1, 10)),
            HuffmanTable::Shape::kOversubscribed);
}

TEST(Huffman, Reverse16) {
  EXPECT_EQ(reverse16(0x0001), 0x8000u);
  EXPECT_EQ(reverse16(0x1234), 0x2C48u);
  EXPECT_EQ(reverse16(0xF0000), 0u);  // only the low 16 bits
}

}  // namespace
}  // namespace lg
