#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/hash.h"
#include "core/testing/test_files.h"
#include "core/transfer_encoding.h"

namespace lg {
namespace {

using lg::testing::read_file;

TEST(EmbeddedFiles, BinhexClamExe) {
  const std::string text = read_file(lg::testing::kClamavDir + "clam.exe.binhex");
  ASSERT_FALSE(text.empty());
  auto files = find_embedded_files(text, 10, 1 << 20);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].encoding, "binhex");
  EXPECT_EQ(files[0].name, "clam.exe");
  EXPECT_EQ(files[0].data.size(), 544u);
  EXPECT_EQ(sha256_hex(files[0].data), lg::testing::kClamExeSha256);
  EXPECT_FALSE(files[0].damaged);
  EXPECT_EQ(files[0].begin, 0u);
  EXPECT_EQ(text[files[0].end - 1], ':');
}

TEST(EmbeddedFiles, BinhexCorruptionIsDamaged) {
  const std::string text = read_file(lg::testing::kClamavDir + "clam.exe.binhex");
  ASSERT_GT(text.size(), 400u);
  // One changed character in the data fork breaks its CRC.
  std::string bad = text;
  const std::size_t at = bad.find('\n', 300) + 5;
  bad[at] = bad[at] == 'a' ? 'b' : 'a';
  auto files = find_embedded_files(bad, 10, 1 << 20);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(files[0].damaged);
  // Truncated block: no closing colon, short data fork.
  std::string cut = text.substr(0, 300);
  files = find_embedded_files(cut, 10, 1 << 20);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "clam.exe");
  EXPECT_TRUE(files[0].damaged);
  EXPECT_LT(files[0].data.size(), 544u);
  // The size limit cuts the data fork.
  files = find_embedded_files(text, 10, 100);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].data.size(), 100u);
  EXPECT_TRUE(files[0].damaged);
  // A marker with nothing after it is no file.
  EXPECT_TRUE(
      find_embedded_files("(This file must be converted with BinHex 4.0)\n", 10, 100).empty());
}

// Encodes 8-bit bytes with the BinHex 4.0 6-bit alphabet (no run-length step).
std::string binhex_chars(const Bytes& raw) {
  static constexpr char kAlphabet[] =
      "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::uint8_t b : raw) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

TEST(EmbeddedFiles, BinhexRunLengthBombIsBounded) {
  // Header for "a" declaring a 4 GB data fork, then 20,000 runs of 255 bytes each (5 MB).
  Bytes raw = {1, 'a',  0,    'T',  'E',  'X', 'T', 'C', 'R', 'E',  'A', 0,
               0, 0xFF, 0xFF, 0xFF, 0xFF, 0,   0,   0,   0,   0x12, 0x34};
  for (int i = 0; i < 20000; ++i) {
    raw.push_back('A');
    raw.push_back(0x90);
    raw.push_back(0xFF);
  }
  const std::string text =
      "(This file must be converted with BinHex 4.0)\n:" + binhex_chars(raw) + ":\n";
  auto files = find_embedded_files(text, 10, 4096);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "a");
  EXPECT_EQ(files[0].data.size(), 4096u);
  EXPECT_EQ(files[0].data[100], 'A');
  EXPECT_TRUE(files[0].damaged);
}

TEST(EmbeddedFiles, BinhexRunLengthAndLiteral90) {
  // Data fork "xx\x90yyyy" written as x 0x90 02, 0x90 00, y 0x90 04; CRCs deliberately wrong.
  Bytes raw = {2, 'o', 'k', 0, 'T', 'E', 'X', 'T', 'C',  'R', 'E',  'A', 0,   0,    0, 0, 0,
               7, 0,   0,   0, 0,   0,   0,   'x', 0x90, 2,   0x90, 0,   'y', 0x90, 4, 0, 0};
  const std::string text =
      "(This file must be converted with BinHex 4.0)\n:" + binhex_chars(raw) + ":";
  auto files = find_embedded_files(text, 10, 4096);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "ok");
  EXPECT_EQ(std::string(files[0].data.begin(), files[0].data.end()), "xx\x90yyyy");
  EXPECT_TRUE(files[0].damaged);  // the zero CRCs do not match
}

TEST(EmbeddedFiles, UuencodeClamExeMbox) {
  const std::string text = read_file(lg::testing::kClamavDir + "clam.exe.mbox.uu");
  ASSERT_FALSE(text.empty());
  auto files = find_embedded_files(text, 10, 1 << 20);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].encoding, "uuencode");
  EXPECT_EQ(files[0].name, "clam.exe");
  EXPECT_EQ(sha256_hex(files[0].data), lg::testing::kClamExeSha256);
  EXPECT_EQ(text.substr(files[0].begin, 18), "begin 644 clam.exe");
  // This sample's last line is "e", not "end": the block is reported as unterminated.
  EXPECT_TRUE(files[0].damaged);
}

TEST(EmbeddedFiles, UuencodeCraftedBlocks) {
  // Produced with Python's binascii.b2a_uu: "Cat" and "hello world\n".
  const std::string body =
      "Hi, two files follow.\r\n"
      "begin 644 cat.txt\r\n"
      "#0V%T\r\n"
      "`\r\n"
      "end\r\n"
      "some text between\n"
      "begin 600 my file.bin\n"
      ",:&5L;&\\@=V]R;&0*\n"
      "`\n"
      "end\n"
      "tail\n";
  auto files = find_embedded_files(body, 10, 1 << 20);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].name, "cat.txt");
  EXPECT_EQ(std::string(files[0].data.begin(), files[0].data.end()), "Cat");
  EXPECT_FALSE(files[0].damaged);
  EXPECT_EQ(body.substr(files[0].end, 4), "some");
  EXPECT_EQ(files[1].name, "my file.bin");
  EXPECT_EQ(std::string(files[1].data.begin(), files[1].data.end()), "hello world\n");
  EXPECT_FALSE(files[1].damaged);
  // max_files is honoured.
  EXPECT_EQ(find_embedded_files(body, 1, 1 << 20).size(), 1u);
  // The POSIX begin-base64 variant.
  files = find_embedded_files("begin-base64 644 b.txt\nQ2F0\n====\n", 10, 100);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(std::string(files[0].data.begin(), files[0].data.end()), "Cat");
}

TEST(EmbeddedFiles, ProseIsNotUuencode) {
  EXPECT_TRUE(find_embedded_files("We begin 644 things here\nbegin at once\n", 10, 100).empty());
  EXPECT_TRUE(
      find_embedded_files("begin 644 notes\nHello there, this is prose.\n", 10, 100).empty());
  EXPECT_TRUE(find_embedded_files("begin 9x9 name\n#0V%T\nend\n", 10, 100).empty());
}

TEST(EmbeddedFiles, ManyBeginLinesStayLinear) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "begin 644 x\n";
  auto files = find_embedded_files(body, 5, 100);
  EXPECT_TRUE(files.empty());
}

}  // namespace
}  // namespace lg
