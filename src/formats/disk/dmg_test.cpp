#include "formats/disk/dmg.h"

#include <gtest/gtest.h>

#include "formats/disk/adc.h"
#include "formats/disk/disk_test_images.h"

namespace lg::disk {
namespace {

Bytes sample(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i / 512) ^ (i % 13));
  return b;
}

TEST(Dmg, ZlibPartitionReassembles) {
  Bytes part = sample(3u << 20);
  Bytes file = testing::make_dmg(part, 0x80000005);
  auto img = parse_dmg(file);
  ASSERT_TRUE(img) << img.status().message();
  ASSERT_EQ(img->partitions.size(), 1u);
  const DmgPartition& p = img->partitions[0];
  EXPECT_EQ(p.name, "disk image (Apple_HFS : 1)");
  EXPECT_EQ(p.sectors, part.size() / 512);
  EXPECT_EQ(p.chunks.size(), 3u);  // the terminator is not kept
  auto data = reassemble_dmg_partition(file, p, 64u << 20);
  ASSERT_TRUE(data);
  EXPECT_TRUE(data->problems.empty());
  EXPECT_EQ(data->data, part);
  // Over the cap: refused before anything is allocated.
  auto capped = reassemble_dmg_partition(file, p, 1u << 20);
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.status().code(), ErrorCode::kLimit);
}

TEST(Dmg, Bzip2AdcAndRawChunks) {
  Bytes part = sample(600 * 1024);
  for (std::uint32_t type : {0x80000006u, 0x80000004u, 1u}) {
    Bytes file = testing::make_dmg(part, type, 256);
    auto img = parse_dmg(file);
    ASSERT_TRUE(img);
    auto data = reassemble_dmg_partition(file, img->partitions.at(0), 64u << 20);
    ASSERT_TRUE(data);
    EXPECT_EQ(data->data, part) << type;
  }
}

TEST(Dmg, OverlappingChunksDecodeOnce) {
  Bytes file = sample(4096);
  DmgPartition p;
  p.sectors = 8;
  for (int i = 0; i < 1000; ++i) p.chunks.push_back({1, 0, 8, 0, 4096});  // all the same
  auto data = reassemble_dmg_partition(file, p, 1u << 20);
  ASSERT_TRUE(data);
  EXPECT_EQ(data->data, file);
  ASSERT_EQ(data->problems.size(), 1u);
  EXPECT_NE(data->problems[0].find("cover more"), std::string::npos);
}

TEST(Dmg, LzfseChunkIsNamedNotDecoded) {
  Bytes file = testing::make_dmg(sample(4096), 0x80000007);
  auto img = parse_dmg(file);
  ASSERT_TRUE(img);
  auto data = reassemble_dmg_partition(file, img->partitions.at(0), 1u << 20);
  ASSERT_TRUE(data);
  ASSERT_EQ(data->problems.size(), 1u);
  EXPECT_NE(data->problems[0].find("lzfse"), std::string::npos);
  EXPECT_EQ(data->data, Bytes(4096, 0));
}

TEST(Dmg, EncryptedAndMalformed) {
  Bytes enc = to_bytes("encrcdsa");
  enc.resize(4096, 0);
  EXPECT_TRUE(is_encrypted_dmg(enc));
  EXPECT_FALSE(parse_dmg(enc));
  Bytes file = testing::make_dmg(sample(4096), 1);
  // A plist without blkx.
  Bytes broken = file;
  std::string s(broken.begin(), broken.end());
  auto at = s.find("<key>blkx</key>");
  ASSERT_NE(at, std::string::npos);
  broken[at + 5] = 'X';
  EXPECT_FALSE(parse_dmg(broken));
}

TEST(Adc, LiteralsAndBackReferences) {
  // Literal "abc" (0x82), then a 2-byte code: length 3 + 3 = 6, distance 2 -> "abcabc", then a
  // 3-byte code: length 4, distance 0 -> repeat the last byte four times.
  const Bytes in = {0x82, 'a', 'b', 'c', 0x0C, 0x02, 0x40, 0x00, 0x00};
  AdcResult r = adc_decompress(in, 100);
  EXPECT_FALSE(r.damaged);
  EXPECT_EQ(to_string(r.data), "abcabcabccccc");
  EXPECT_EQ(adc_decompress(in, 5).data.size(), 5u);
  const Bytes bad = {0x0C, 0x02};  // a reference before any output
  EXPECT_TRUE(adc_decompress(bad, 100).damaged);
}

}  // namespace
}  // namespace lg::disk
