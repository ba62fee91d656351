#include "formats/disk/vhd.h"

#include <gtest/gtest.h>

#include <chrono>

#include "formats/disk/disk_test_images.h"
#include "formats/disk/vhdx.h"

namespace lg::disk {
namespace {

Bytes pattern(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return b;
}

TEST(Vhd, Fixed) {
  Bytes disk = pattern(3 * 512);
  Bytes file = testing::make_fixed_vhd(disk);
  auto img = VhdImage::open(file);
  ASSERT_TRUE(img) << img.status().message();
  EXPECT_EQ((*img)->info().type, VhdDiskType::kFixed);
  EXPECT_EQ((*img)->size(), disk.size());
  EXPECT_EQ(*(*img)->read(0, disk.size()), disk);
  EXPECT_FALSE((*img)->read(disk.size() - 1, 2));
}

TEST(Vhd, DynamicReadsAllocatedBlocksAndZeros) {
  Bytes disk(5u << 20, 0);  // blocks 0 and 2 hold data, block 1 stays unallocated
  Bytes p = pattern(1000);
  std::copy(p.begin(), p.end(), disk.begin() + 100);
  std::copy(p.begin(), p.end(), disk.begin() + (4u << 20) + 5);
  Bytes file = testing::make_dynamic_vhd(disk, 6u << 20);
  auto img = VhdImage::open(file);
  ASSERT_TRUE(img) << img.status().message();
  const VhdInfo& info = (*img)->info();
  EXPECT_EQ(info.type, VhdDiskType::kDynamic);
  EXPECT_EQ(info.block_size, 2u << 20);
  EXPECT_EQ(info.bat_entries, 3u);
  EXPECT_EQ(info.allocated_blocks, 2u);
  EXPECT_EQ(*(*img)->read(0, disk.size()), disk);
  // A read across the block boundary 0|1 (allocated, then zeros).
  auto cross = (*img)->read((2u << 20) - 4, 8);
  ASSERT_TRUE(cross);
  EXPECT_EQ(*cross, Bytes(8, 0));
}

TEST(Vhd, SparseTwoTerabytesOpensWithoutMaterializing) {
  const std::uint64_t size = 2'000'000'000'000ull / (2u << 20) * (2u << 20);
  Bytes file = testing::make_dynamic_vhd({}, size);
  EXPECT_LT(file.size(), 5u << 20);
  auto start = std::chrono::steady_clock::now();
  auto img = VhdImage::open(file);
  ASSERT_TRUE(img) << img.status().message();
  EXPECT_EQ((*img)->size(), size);
  EXPECT_EQ((*img)->info().allocated_blocks, 0u);
  EXPECT_EQ(*(*img)->read(size - 512, 512), Bytes(512, 0));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Vhd, Malformed) {
  EXPECT_FALSE(VhdImage::open(Bytes(1024, 0)));
  Bytes file = testing::make_dynamic_vhd(Bytes(512, 1), 2u << 20);
  file[512] = 'X';  // the dynamic header's cookie
  file.erase(file.end() - 512, file.end());
  file.resize(file.size() + 512, 0);  // and no footer at the end: the copy at 0 is used
  auto img = VhdImage::open(file);
  ASSERT_FALSE(img);
  EXPECT_NE(img.status().message().find("cxsparse"), std::string::npos);
  // Over the specification's 2040 GB.
  Bytes huge = testing::make_fixed_vhd(Bytes(512, 0));
  testing::put64be(huge, huge.size() - 512 + 48, 3ull << 40);
  EXPECT_FALSE(VhdImage::open(huge));
}

TEST(Vhdx, OnePayloadBlock) {
  Bytes disk(1u << 20, 0);
  Bytes p = pattern(4096);
  std::copy(p.begin(), p.end(), disk.begin() + 512);
  Bytes file = testing::make_vhdx(disk, 8u << 20);
  auto img = VhdxImage::open(file);
  ASSERT_TRUE(img) << img.status().message();
  EXPECT_EQ((*img)->size(), 8u << 20);
  EXPECT_EQ((*img)->info().block_size, 1u << 20);
  EXPECT_EQ((*img)->info().present_blocks, 1u);
  EXPECT_EQ(*(*img)->read(0, disk.size()), disk);
  EXPECT_EQ(*(*img)->read(7u << 20, 16), Bytes(16, 0));
}

TEST(Vhdx, Malformed) {
  Bytes file = testing::make_vhdx(Bytes(512, 1), 1u << 20);
  Bytes no_regions = file;
  no_regions[192 << 10] = 'X';
  no_regions[256 << 10] = 'X';
  EXPECT_FALSE(VhdxImage::open(no_regions));
  Bytes bad_block = file;
  testing::put32le(bad_block, (2u << 20) + 64 * 1024, 3u << 20);  // not a power of two
  EXPECT_FALSE(VhdxImage::open(bad_block));
  Bytes huge = file;  // 64 TB + 1 MiB
  testing::put64le(huge, (2u << 20) + 64 * 1024 + 8, (64ull << 40) + (1u << 20));
  EXPECT_FALSE(VhdxImage::open(huge));
}

}  // namespace
}  // namespace lg::disk
