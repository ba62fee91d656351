#include "formats/disk/fat.h"

#include <gtest/gtest.h>

#include "formats/disk/disk_test_images.h"
#include "formats/disk/partition.h"

namespace lg::disk {
namespace {

using testing::FatFileSpec;
using testing::make_fat;

const FatFile* find(const FatListing& l, const std::string& path) {
  for (const auto& f : l.files)
    if (f.path == path) return &f;
  return nullptr;
}

TEST(Fat, Fat12ListsLongNamesSubdirectoriesAndReadsFiles) {
  std::string big(3000, 'x');  // six clusters
  Bytes vol = make_fat({}, {{"Job Description.pdf.lnk", "L\0\0\0", false},
                            {"Job Description.pdf", "%PDF-1.7", false},
                            {"payload/run.vbs", big, true}});
  MemoryDevice dev(vol);
  auto v = FatVolume::open(dev);
  ASSERT_TRUE(v) << v.status().message();
  EXPECT_EQ(v->kind(), "FAT12");
  FatListing l = v->list();
  EXPECT_TRUE(l.problems.empty()) << l.problems.front();
  ASSERT_EQ(l.files.size(), 3u);
  EXPECT_EQ(l.directories, 1u);
  const FatFile* lnk = find(l, "Job Description.pdf.lnk");
  ASSERT_NE(lnk, nullptr);
  const FatFile* vbs = find(l, "payload/run.vbs");
  ASSERT_NE(vbs, nullptr);
  EXPECT_TRUE(vbs->hidden);
  bool capped = false;
  auto data = v->read_file(*vbs, 1 << 20, capped);
  ASSERT_TRUE(data);
  EXPECT_FALSE(capped);
  EXPECT_EQ(to_string(*data), big);
  data = v->read_file(*vbs, 100, capped);
  ASSERT_TRUE(data);
  EXPECT_TRUE(capped);
  EXPECT_EQ(data->size(), 100u);
}

TEST(Fat, Fat16) {
  Bytes vol = make_fat({16, 8192, 1, 512}, {{"a.txt", "hello"}});
  MemoryDevice dev(vol);
  auto v = FatVolume::open(dev);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->kind(), "FAT16");
  FatListing l = v->list();
  ASSERT_EQ(l.files.size(), 1u);
  bool capped = false;
  EXPECT_EQ(to_string(*v->read_file(l.files[0], 100, capped)), "hello");
}

TEST(Fat, ShortNameWithoutLongName) {
  Bytes vol = make_fat({}, {});
  // A bare 8.3 entry in the root directory (sector 1 + 2 * 9 FAT sectors = 19).
  Bytes e(32, 0);
  testing::put_str(e, 0, "README  TXT");
  e[11] = 0x20;
  e[12] = 0x08;  // lower-case base name
  std::copy(e.begin(), e.end(), vol.begin() + 19 * 512);
  MemoryDevice dev(vol);
  FatListing l = FatVolume::open(dev)->list();
  ASSERT_EQ(l.files.size(), 1u);
  EXPECT_EQ(l.files[0].path, "readme.TXT");
}

TEST(Fat, ClusterChainCycleStops) {
  Bytes vol = make_fat({}, {{"a.bin", std::string(2048, 'a')}});  // clusters 2..5
  // FAT12 entry of cluster 5 -> 2: a loop. Entry 5 is the high 12 bits at 512 + 7.
  const std::size_t off = 512 + 5 + 5 / 2;
  std::uint32_t cur = vol[off] | (vol[off + 1] << 8);
  cur = (cur & 0x000F) | (2u << 4);
  testing::put16le(vol, off, cur);
  MemoryDevice dev(vol);
  auto v = FatVolume::open(dev);
  FatListing l = v->list();
  ASSERT_EQ(l.files.size(), 1u);
  l.files[0].size = 1u << 30;  // claims more than the loop holds
  bool capped = false;
  auto data = v->read_file(l.files[0], 1u << 30, capped);
  ASSERT_FALSE(data);
  EXPECT_NE(data.status().message().find("loops"), std::string::npos);
}

TEST(Fat, DirectoryLoopIsReadOnce) {
  Bytes vol = make_fat({}, {{"d/x.txt", "x"}});
  MemoryDevice dev(vol);
  auto v = FatVolume::open(dev);
  FatListing l = v->list();
  ASSERT_EQ(l.files.size(), 1u);
  // Point a second root entry at the same directory cluster: read once, the loop reported.
  Bytes copy = vol;
  const std::size_t root = 19 * 512;
  std::size_t at = root;
  while (copy[at] != 0) at += 32;
  std::copy(copy.begin() + at - 32, copy.begin() + at, copy.begin() + at);
  copy[at] = 'E';  // a different short name, no long name
  MemoryDevice dev2(copy);
  FatListing l2 = FatVolume::open(dev2)->list();
  EXPECT_EQ(l2.files.size(), 1u);
  EXPECT_FALSE(l2.problems.empty());
}

TEST(Fat, RejectsNonFat) {
  Bytes zeros(4096, 0);
  MemoryDevice dev(zeros);
  EXPECT_FALSE(FatVolume::open(dev));
  EXPECT_FALSE(is_fat_boot_sector(zeros));
}

TEST(Partition, MbrAndFatVolume) {
  Bytes disk = testing::make_mbr_disk(make_fat({}, {{"a.txt", "a"}}), 0x01);
  MemoryDevice dev(disk);
  PartitionTable t = read_partition_table(dev);
  EXPECT_EQ(t.scheme, "mbr");
  ASSERT_EQ(t.partitions.size(), 1u);
  EXPECT_EQ(t.partitions[0].offset, 2048u * 512);
  EXPECT_EQ(t.partitions[0].type, "0x01");
  SliceDevice part(dev, t.partitions[0].offset, t.partitions[0].length);
  EXPECT_TRUE(FatVolume::open(part));
}

TEST(Partition, GptEntries) {
  Bytes disk(64 * 1024, 0);
  disk[446 + 4] = 0xEE;
  testing::put32le(disk, 446 + 8, 1);
  testing::put32le(disk, 446 + 12, 127);
  disk[510] = 0x55, disk[511] = 0xAA;
  testing::put_str(disk, 512, "EFI PART");
  testing::put64le(disk, 512 + 72, 2);
  testing::put32le(disk, 512 + 80, 128);
  testing::put32le(disk, 512 + 84, 128);
  disk[1024] = 0xA2;  // a type GUID (Microsoft basic data begins A2 A0 D0 EB)
  disk[1025] = 0xA0, disk[1026] = 0xD0, disk[1027] = 0xEB;
  testing::put64le(disk, 1024 + 32, 40);
  testing::put64le(disk, 1024 + 40, 99);
  testing::put16le(disk, 1024 + 56, 'D');
  MemoryDevice dev(disk);
  PartitionTable t = read_partition_table(dev);
  EXPECT_EQ(t.scheme, "gpt");
  ASSERT_EQ(t.partitions.size(), 1u);
  EXPECT_EQ(t.partitions[0].offset, 40u * 512);
  EXPECT_EQ(t.partitions[0].length, 60u * 512);
  EXPECT_EQ(t.partitions[0].name, "D");
  EXPECT_EQ(t.partitions[0].type.substr(0, 8), "EBD0A0A2");
}

}  // namespace
}  // namespace lg::disk
