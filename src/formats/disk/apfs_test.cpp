// APFS containers read through libfsapfs over a BlockDevice: the container superblock's
// signature, a container made by mkapfs (one empty volume), and how damaged or truncated
// containers fail within bounds. An encrypted volume is not tested: clearing a volume's
// APFS_FS_UNENCRYPTED flag (and resealing its checksum) did not make libfsapfs report it locked,
// and no Debian tool writes an encrypted volume.
#include <gtest/gtest.h>

#include "formats/disk/apfs_test_image.h"
#include "formats/disk/fs_volume.h"

namespace lg::disk {
namespace {

using testing::SparseDevice;
using testing::SparseImage;

#define REQUIRE_APFS(var)          \
  auto var = testing::make_apfs(); \
  if (!var) GTEST_SKIP() << "mkapfs (Debian apfsprogs) not installed";

// The smallest block 0 that carries the signature: an obj_phys_t of zeros, then "NXSB".
Bytes bare_superblock() {
  Bytes b(4096, 0);
  testing::put_str(b, 32, "NXSB");
  return b;
}

// Opening may fail; what opens lists within the caps.
void expect_bounded(const BlockDevice& dev) {
  auto v = open_apfs(dev);
  if (!v) return;
  EXPECT_LE(v->size(), kMaxApfsVolumes);
  for (auto& slot : *v) {
    if (slot.volume) {
      EXPECT_LE(slot.volume->list().files.size(), kMaxVolumeEntries);
    }
  }
}

TEST(ApfsContainer, SignatureAtOffset32) {
  EXPECT_TRUE(is_apfs_container(bare_superblock()));
  Bytes at0(4096, 0);
  testing::put_str(at0, 0, "NXSB");
  EXPECT_FALSE(is_apfs_container(at0));
  Bytes cut = bare_superblock();
  cut.resize(35);
  EXPECT_FALSE(is_apfs_container(cut));
  Bytes volume_superblock(4096, 0);
  testing::put_str(volume_superblock, 32, "APSB");
  EXPECT_FALSE(is_apfs_container(volume_superblock));
}

TEST(ApfsContainer, SignatureAloneIsRefusedByTheLibrary) {
  Bytes b = bare_superblock();
  b.resize(1u << 20, 0);
  MemoryDevice dev(b);
  auto r = open_apfs(dev);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.status().message().find("APFS container not opened"), std::string::npos);
  const Bytes zeros(4096, 0);
  MemoryDevice none(zeros);
  EXPECT_FALSE(open_apfs(none).has_value());
}

TEST(ApfsContainer, OpensMkapfsContainer) {
  REQUIRE_APFS(img);
  SparseDevice dev(*img);
  auto head = dev.read(0, 4096);
  ASSERT_TRUE(head && is_apfs_container(*head));
  auto volumes = open_apfs(dev);
  ASSERT_TRUE(volumes.has_value()) << volumes.status().message();
  ASSERT_EQ(volumes->size(), 1u);
  ASSERT_TRUE((*volumes)[0].volume) << (*volumes)[0].problem;
  FsVolume& vol = *(*volumes)[0].volume;
  EXPECT_EQ(vol.kind(), "APFS");
  EXPECT_EQ(vol.label(), "Lure");
  VolumeListing l = vol.list();
  EXPECT_TRUE(l.problems.empty()) << l.problems[0];
  EXPECT_TRUE(l.files.empty());  // mkapfs writes an empty root (no private-dir listed)
  EXPECT_EQ(l.directories, 0u);
  EXPECT_FALSE(vol.budget_refused());
}

TEST(ApfsContainer, TruncatedOrDamagedContainersFailWithinBounds) {
  REQUIRE_APFS(img);
  // Block 0 alone: the checkpoint and object map lie past the end of the device.
  Bytes head = *SparseDevice(*img).read(0, 4096);
  MemoryDevice short_dev(head);
  EXPECT_FALSE(open_apfs(short_dev).has_value());
  // Everything but block 0 gone (the device keeps its size).
  SparseImage only_head;
  only_head.size = img->size;
  only_head.blocks[0] = img->blocks.at(0);
  SparseDevice hollow(only_head);
  expect_bounded(hollow);
  // Every 97th byte of every written block past block 0 flipped: opening or listing may
  // fail, but returns.
  SparseImage broken = *img;
  for (auto& [n, b] : broken.blocks) {
    if (n == 0) continue;
    for (std::size_t i = 40; i < b.size(); i += 97) b[i] ^= 0x5A;
  }
  SparseDevice broken_dev(broken);
  expect_bounded(broken_dev);
}

TEST(ApfsContainer, StopRequestEndsReads) {
  REQUIRE_APFS(img);
  SparseDevice dev(*img);
  EXPECT_FALSE(open_apfs(dev, [] { return true; }).has_value());
}

}  // namespace
}  // namespace lg::disk
