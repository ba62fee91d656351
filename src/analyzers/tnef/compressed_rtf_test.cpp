// Compressed RTF ([MS-OXRTFCP]): the specification's example stream, streams written here by
// a literal-only compressor with a bitwise CRC (independent of the decoder's table-driven one),
// "MELA", damage, and the RTF body of a TNEF message reaching the RTF analyzer.
#include "analyzers/tnef/compressed_rtf.h"

#include <gtest/gtest.h>

#include "analyzers/tnef/tnef_analyzer.h"
#include "analyzers/tnef/tnef_test_builder.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"

namespace lg {
namespace {

using testing::TnefBuilder;

void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>(v >> (8 * i));
}

// 3.1.3.2 bit by bit: CRC-32 polynomial 0xEDB88320, initial value 0, no final inversion.
std::uint32_t bitwise_crc(std::string_view data) {
  std::uint32_t crc = 0;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ ((crc & 1) ? 0xEDB88320u : 0);
  }
  return crc;
}

// LZFu with literals only: a zero control byte before each 8 literals, then the end marker,
// a reference to the dictionary's write position (207 + size, modulo 4096).
std::string compress_literals(std::string_view rtf) {
  std::string body;
  std::size_t i = 0;
  for (; i + 8 <= rtf.size(); i += 8) body += '\0' + std::string(rtf.substr(i, 8));
  const std::size_t rest = rtf.size() - i;
  body += static_cast<char>(1u << rest);
  body += rtf.substr(i);
  const std::size_t end = (207 + rtf.size()) % 4096;
  body += static_cast<char>(end >> 4);
  body += static_cast<char>((end & 0xF) << 4);
  std::string out;
  put32(out, static_cast<std::uint32_t>(body.size() + 12));
  put32(out, static_cast<std::uint32_t>(rtf.size()));
  out += "LZFu";
  put32(out, bitwise_crc(body));
  return out + body;
}

std::string text(const Bytes& b) { return std::string(b.begin(), b.end()); }

// [MS-OXRTFCP] 3.1.2: "{\rtf1 WXYZWXYZWXYZWXYZWXYZ}", where one reference copies a run that
// overlaps the bytes it writes.
TEST(CompressedRtf, SpecificationExample) {
  const std::string stream(
      "\x1a\x00\x00\x00\x1c\x00\x00\x00LZFu\xe2\xd4KQA\x00\x04 WXYZ\rn}\x01\x0e\xb0", 30);
  const CompressedRtf r = decompress_rtf(as_bytes(stream));
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.anomalies.empty()) << r.anomalies.front();
  EXPECT_EQ(r.compression, "LZFu");
  EXPECT_EQ(text(r.rtf), "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}");
  EXPECT_EQ(bitwise_crc(stream.substr(16)), 0x514BD4E2u);  // the header's CRC field
}

TEST(CompressedRtf, LiteralStreamsOfEveryLength) {
  const std::string rtf = "{\\rtf1\\ansi hello {\\object\\objemb}}";
  for (std::size_t n = 0; n <= rtf.size(); ++n) {
    const CompressedRtf r = decompress_rtf(as_bytes(compress_literals(rtf.substr(0, n))));
    EXPECT_TRUE(r.ok) << n;
    EXPECT_TRUE(r.anomalies.empty()) << n << ": " << r.anomalies.front();
    EXPECT_EQ(text(r.rtf), rtf.substr(0, n));
  }
}

TEST(CompressedRtf, UncompressedMela) {
  std::string s;
  put32(s, 12 + 9);
  put32(s, 9);
  s += "MELA";
  put32(s, 0);
  s += "{\\rtf1 x}";
  const CompressedRtf r = decompress_rtf(as_bytes(s));
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.compression, "MELA");
  EXPECT_EQ(text(r.rtf), "{\\rtf1 x}");
  EXPECT_TRUE(r.anomalies.empty());
}

TEST(CompressedRtf, DamageIsReported) {
  std::string good = compress_literals("{\\rtf1 some words here}");
  std::string bad_crc = good;
  bad_crc[20] ^= 1;  // a literal changed: same length, wrong CRC
  EXPECT_FALSE(decompress_rtf(as_bytes(bad_crc)).anomalies.empty());
  for (std::size_t n = 0; n < good.size(); ++n) {
    const CompressedRtf r = decompress_rtf(as_bytes(good.substr(0, n)));
    EXPECT_FALSE(r.anomalies.empty()) << n;
  }
  std::string unknown = good;
  unknown.replace(8, 4, "ABCD");
  EXPECT_TRUE(decompress_rtf(as_bytes(unknown)).rtf.empty());
  // RAWSIZE far above the cap: output stops at the cap.
  const CompressedRtf capped = decompress_rtf(as_bytes(good), 5);
  EXPECT_EQ(text(capped.rtf), "{\\rtf");
  EXPECT_FALSE(capped.anomalies.empty());
}

// A reference that copies from the dictionary's initial contents: offset 0, 15 + 2 bytes,
// then the end marker at write position 207 + 17.
TEST(CompressedRtf, ReferenceIntoTheInitialDictionary) {
  std::string body("\x03\x00\x0F", 3);
  const std::size_t end = 207 + 17;
  body += static_cast<char>(end >> 4);
  body += static_cast<char>((end & 0xF) << 4);
  std::string s;
  put32(s, static_cast<std::uint32_t>(body.size() + 12));
  put32(s, 17);
  s += "LZFu";
  put32(s, bitwise_crc(body));
  const CompressedRtf r = decompress_rtf(as_bytes(s + body));
  EXPECT_TRUE(r.anomalies.empty()) << r.anomalies.front();
  EXPECT_EQ(text(r.rtf), "{\\rtf1\\ansi\\mac\\d");
}

constexpr std::uint32_t kAttMsgProps = 0x00069003;

// The TNEF analyzer hands the decompressed body over as RTF; through the engine, the RTF
// analyzer reads the link field in it.
TEST(CompressedRtf, TnefRtfBodyIsAnRtfChild) {
  const std::string rtf =
      "{\\rtf1\\ansi {\\field{\\*\\fldinst HYPERLINK \"https://wallet-verify.example/login\"}"
      "{\\fldrslt Open your wallet}}}";
  TnefBuilder b;
  b.attribute(1, kAttMsgProps, TnefBuilder::props({{0x0102, 0x1009, compress_literals(rtf)}}));
  const Bytes tnef = b.build();
  lg::testing::RecordingContext ctx;
  ASSERT_TRUE(TnefAnalyzer().analyze(tnef, ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "body.rtf");
  EXPECT_EQ(text(ctx.children[0].data), rtf);
  EXPECT_EQ(ctx.str("tnef_rtf_compression"), "LZFu");

  const Report r = lg::testing::scan_bytes("winmail.dat", std::string(tnef.begin(), tnef.end()));
  ASSERT_GE(r.objects.size(), 2u);
  EXPECT_EQ(r.objects[1].type, "rtf");
  bool url = false;
  for (const auto& u : r.observables.urls) url |= u.host == "wallet-verify.example";
  EXPECT_TRUE(url);
}

}  // namespace
}  // namespace lg
