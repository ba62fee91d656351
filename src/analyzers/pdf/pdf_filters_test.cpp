// Stream filters (ISO 32000-1 7.4) with known vectors, predictors and output caps.
#include "analyzers/pdf/pdf_filters.h"

#include <gtest/gtest.h>

#include "core/testing/zlib_writer.h"

namespace lg {
namespace {

std::string str(const Bytes& b) { return std::string(b.begin(), b.end()); }

Bytes zlib(const Bytes& in) { return to_bytes(lg::testing::zlib_compress(as_chars(in))); }

PdfObject parms(std::initializer_list<std::pair<const char*, std::int64_t>> kv) {
  PdfObject d;
  d.kind = PdfObject::Kind::kDict;
  for (const auto& [k, v] : kv) {
    d.keys.emplace_back(k);
    PdfObject i;
    i.kind = PdfObject::Kind::kInt;
    i.integer = v;
    d.items.push_back(i);
  }
  return d;
}

TEST(PdfFilters, AsciiHex) {
  bool capped = false, damaged = false;
  EXPECT_EQ(str(pdf_ascii_hex_decode(as_bytes("48 65\n6C6c6F2>ignored"), 100, &capped, &damaged)),
            "Hello ");
  EXPECT_FALSE(damaged);
  EXPECT_EQ(str(pdf_ascii_hex_decode(as_bytes("414243"), 2, &capped, &damaged)), "AB");
  EXPECT_TRUE(capped);
}

TEST(PdfFilters, Ascii85) {
  bool capped = false, damaged = false;
  // The classic "Man is distinguished" example, a 'z' group and a partial final group.
  EXPECT_EQ(str(pdf_ascii85_decode(as_bytes("<~9jqo^BlbD-BleB1~>"), 100, &capped, &damaged)),
            "Man is disti");
  EXPECT_EQ(pdf_ascii85_decode(as_bytes("z~>"), 100, &capped, &damaged), Bytes(4, 0));
  EXPECT_EQ(str(pdf_ascii85_decode(as_bytes("9jqo^Bl~>"), 100, &capped, &damaged)), "Man i");
  EXPECT_FALSE(damaged);
  pdf_ascii85_decode(as_bytes("9jqo\x7f"), 100, &capped, &damaged);
  EXPECT_TRUE(damaged);
}

TEST(PdfFilters, RunLength) {
  bool capped = false, damaged = false;
  const Bytes in = {2, 'a', 'b', 'c', 254, 'x', 128, 'z'};
  EXPECT_EQ(str(pdf_run_length_decode(in, 100, &capped, &damaged)), "abcxxx");
  const Bytes bomb = {129, 'y', 129, 'y', 129, 'y'};
  EXPECT_EQ(pdf_run_length_decode(bomb, 200, &capped, &damaged).size(), 200u);
  EXPECT_TRUE(capped);
}

TEST(PdfFilters, LzwSpecExample) {
  // 7.4.4.2 Example: codes 256 45 258 258 65 259 66 257 for "-----A---B".
  const Bytes in = {0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01};
  bool capped = false, damaged = false;
  EXPECT_EQ(str(pdf_lzw_decode(in, true, 100, &capped, &damaged)), "-----A---B");
  EXPECT_FALSE(damaged);
  EXPECT_EQ(str(pdf_lzw_decode(in, true, 4, &capped, &damaged)), "---");  // stops at a code
  EXPECT_TRUE(capped);
}

// Encodes `data` as 9-bit LZW codes without ever adding to the table past 511 entries (a
// clear code every 200 literals), so EarlyChange 0 and 1 read it the same way.
Bytes lzw_literals(std::string_view data) {
  std::vector<unsigned> codes{256};
  std::size_t n = 0;
  for (char c : data) {
    if (n++ == 200) {
      codes.push_back(256);
      n = 1;
    }
    codes.push_back(static_cast<unsigned char>(c));
  }
  codes.push_back(257);
  Bytes out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned c : codes) {
    acc = (acc << 9) | c;
    bits += 9;
    while (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(acc >> (bits - 8)));
      bits -= 8;
    }
  }
  if (bits > 0) out.push_back(static_cast<std::uint8_t>(acc << (8 - bits)));
  return out;
}

TEST(PdfFilters, LzwLongInputWithClears) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += static_cast<char>('a' + i % 26);
  bool capped = false, damaged = false;
  EXPECT_EQ(str(pdf_lzw_decode(lzw_literals(text), true, 1 << 20, &capped, &damaged)), text);
  EXPECT_FALSE(damaged);
}

TEST(PdfFilters, PngPredictorsAllTypes) {
  // Two-colour 8-bit rows of 3 pixels (6 bytes), one row per PNG filter type.
  const Bytes rows[5] = {{1, 2, 3, 4, 5, 6},
                         {10, 20, 30, 40, 50, 60},
                         {11, 22, 33, 44, 55, 66},
                         {7, 7, 7, 7, 7, 7},
                         {200, 100, 201, 99, 250, 1}};
  Bytes enc;
  Bytes prior(6, 0);
  for (int type = 0; type < 5; ++type) {
    const Bytes& r = rows[type];
    enc.push_back(static_cast<std::uint8_t>(type));
    for (std::size_t k = 0; k < 6; ++k) {
      const int a = k >= 2 ? r[k - 2] : 0, b = prior[k], c = k >= 2 ? prior[k - 2] : 0;
      int pred = 0;
      if (type == 1) pred = a;
      if (type == 2) pred = b;
      if (type == 3) pred = (a + b) / 2;
      if (type == 4) {
        const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
        pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
      }
      enc.push_back(static_cast<std::uint8_t>(r[k] - pred));
    }
    prior = r;
  }
  const PdfObject p = parms({{"Predictor", 15}, {"Colors", 2}, {"Columns", 3}});
  const std::vector<PdfFilter> chain{{"FlateDecode", &p}};
  const PdfDecoded d = pdf_decode(zlib(enc), chain, 1 << 20);
  Bytes want;
  for (const Bytes& r : rows) want.insert(want.end(), r.begin(), r.end());
  EXPECT_EQ(d.data, want);
  EXPECT_FALSE(d.damaged);
}

TEST(PdfFilters, TiffPredictor) {
  const PdfObject p = parms({{"Predictor", 2}, {"Colors", 1}, {"Columns", 4}});
  bool damaged = false;
  EXPECT_EQ(pdf_unpredict({1, 1, 1, 1, 5, 1, 1, 1}, &p, &damaged), (Bytes{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(PdfFilters, ChainAndImageStop) {
  const Bytes z = zlib(to_bytes("chained text"));
  std::string hex;
  for (std::uint8_t b : z) {
    static const char* kHex = "0123456789ABCDEF";
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  hex += ">";
  const std::vector<PdfFilter> chain{{"AHx", nullptr}, {"FlateDecode", nullptr}};
  EXPECT_EQ(str(pdf_decode(as_bytes(hex), chain, 1 << 20).data), "chained text");
  const std::vector<PdfFilter> image{{"FlateDecode", nullptr}, {"DCTDecode", nullptr}};
  const PdfDecoded d = pdf_decode(z, image, 1 << 20);
  EXPECT_EQ(d.stopped_at, "DCTDecode");
  EXPECT_EQ(str(d.data), "chained text");
}

TEST(PdfFilters, FlateBombIsCapped) {
  const Bytes z = zlib(Bytes(32u << 20, 0));  // 32 MiB of zeros in ~32 KB
  const PdfDecoded d = pdf_decode(z, {{"FlateDecode", nullptr}}, 1u << 20);
  EXPECT_EQ(d.data.size(), 1u << 20);
  EXPECT_TRUE(d.capped);
}

}  // namespace
}  // namespace lg
