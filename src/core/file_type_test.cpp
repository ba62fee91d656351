#include "core/file_type.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace lg {
namespace {

namespace fs = std::filesystem;

const fs::path kShared = LG_SHARED_DIR;
const fs::path kClam = "/usr/share/clamav-testfiles";

Bytes read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

FileType identify_file(const fs::path& p) {
  Bytes b = read_all(p);
  return identify(b);
}

constexpr auto kLast = static_cast<int>(FileType::kText);

TEST(FileTypeNames, EveryTypeHasAUniqueSnakeCaseName) {
  std::set<std::string_view> seen;
  for (int i = 0; i <= kLast; ++i) {
    auto t = static_cast<FileType>(i);
    std::string_view n = file_type_name(t);
    ASSERT_FALSE(n.empty()) << i;
    for (char c : n) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << n;
    EXPECT_TRUE(seen.insert(n).second) << n;
  }
  EXPECT_EQ(file_type_name(FileType::kOoxmlWord), "ooxml_word");
  EXPECT_EQ(file_type_name(FileType::kSevenZip), "seven_zip");
  EXPECT_EQ(file_type_name(FileType::kMachOFat), "mach_o_fat");
  EXPECT_EQ(file_type_name(FileType::kUnknown), "unknown");
  EXPECT_EQ(file_type_mime(FileType::kPdf), "application/pdf");
  EXPECT_EQ(file_type_mime(FileType::kUnknown), "");
  EXPECT_EQ(file_type_mime(FileType::kMessage), "message/rfc822");
}

// Apple File System Reference, nx_superblock_t: o_type at 24, "NXSB" at 32, block size at 36.
TEST(FileTypeMagic, ApfsContainerSuperblock) {
  auto block0 = [](std::uint32_t type, std::uint32_t block_size) {
    Bytes b(4096, 0);
    for (int i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(0x1F + (i == 1 ? 0x6C : 0));
    for (int i = 0; i < 4; ++i) {
      b[24 + i] = static_cast<std::uint8_t>(type >> (8 * i));
      b[36 + i] = static_cast<std::uint8_t>(block_size >> (8 * i));
    }
    std::copy_n("NXSB", 4, b.begin() + 32);
    return b;
  };
  // The checksum starts 1F 8B (gzip's magic): the superblock still wins.
  EXPECT_EQ(identify(block0(0x80000001, 4096)), FileType::kApfs);
  EXPECT_EQ(identify(block0(0x80000001, 65536)), FileType::kApfs);
  EXPECT_NE(identify(block0(0x80000001, 512)), FileType::kApfs);
  EXPECT_NE(identify(block0(0x80000001, 6000)), FileType::kApfs);
  EXPECT_NE(identify(block0(0x0000000D, 4096)), FileType::kApfs);  // a volume superblock's type
  EXPECT_EQ(file_type_name(FileType::kApfs), "apfs");
}

TEST(FileTypeNames, ExecutableAndScriptPredicates) {
  std::set<FileType> exe = {FileType::kPe, FileType::kElf, FileType::kMachO, FileType::kMachOFat};
  std::set<FileType> script = {FileType::kJavaScript,   FileType::kVbScript, FileType::kPowerShell,
                               FileType::kBatch,        FileType::kHta,      FileType::kWsf,
                               FileType::kEncodedScript};
  for (int i = 0; i <= kLast; ++i) {
    auto t = static_cast<FileType>(i);
    EXPECT_EQ(file_type_is_executable(t), exe.count(t) == 1) << file_type_name(t);
    EXPECT_EQ(file_type_is_script(t), script.count(t) == 1) << file_type_name(t);
  }
}

TEST(FileTypeFiles, ClamavTestfiles) {
  if (!fs::exists(kClam)) GTEST_SKIP() << "clamav-testfiles not installed";
  const std::vector<std::pair<std::string, FileType>> expected = {
      {"clam.exe", FileType::kPe},
      {"clam-upx.exe", FileType::kPe},
      {"clam-nsis.exe", FileType::kPe},
      {"clam_ISmsi_int.exe", FileType::kPe},
      {"clam.7z", FileType::kSevenZip},
      {"clam.cab", FileType::kCab},
      {"clam.chm", FileType::kChm},
      {"clam.zip", FileType::kZip},
      {"clam.bz2.zip", FileType::kZip},
      {"clam.impl.zip", FileType::kZip},
      {"clam.d64.zip", FileType::kZip},
      {"clam.tar.gz", FileType::kGzip},
      {"clam_cache_emax.tgz", FileType::kGzip},
      {"clam.exe.bz2", FileType::kBzip2},
      {"clam.ole.doc", FileType::kOle2},
      {"clam.ppt", FileType::kOle2},
      {"clam.pdf", FileType::kPdf},
      {"clam.exe.rtf", FileType::kRtf},
      {"clam.mail", FileType::kMessage},
      {"clam.exe.mbox.base64", FileType::kMessage},
      {"clam.exe.mbox.uu", FileType::kMessage},
      {"clam.exe.html", FileType::kHtml},
      {"clam.exe.binhex", FileType::kText},
      {"clam.newc.cpio", FileType::kCpio},
      {"clam.odc.cpio", FileType::kCpio},
      {"clam.bin-le.cpio", FileType::kCpio},
      {"clam.bin-be.cpio", FileType::kCpio},
      {"clam.arj", FileType::kArj},
      {"clam.exe.szdd", FileType::kSzdd},
      {"clam.tnef", FileType::kTnef},
      {"clam.sis", FileType::kSis},
  };
  for (const auto& [name, type] : expected) {
    EXPECT_EQ(file_type_name(identify_file(kClam / name)), file_type_name(type)) << name;
  }
  // Every PE sample in the package.
  for (const auto& e : fs::directory_iterator(kClam)) {
    if (e.path().extension() == ".exe") {
      EXPECT_EQ(identify_file(e.path()), FileType::kPe) << e.path();
    }
  }
}

TEST(FileTypeFiles, OfficeCorpusByExtension) {
  fs::path dir = kShared / "corpus/office";
  if (!fs::exists(dir)) GTEST_SKIP() << "no corpus";
  std::size_t checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    std::string name = e.path().filename().string();
    FileType t = identify_file(e.path());
    bool encrypted = e.path().parent_path().filename() == "encrypted" || name == "encrypted.docx";
    FileType want = FileType::kUnknown;
    if (ext == ".doc" || ext == ".xls" || ext == ".ppt" || ext == ".dot" || ext == ".xlt" ||
        ext == ".pps" || ext == ".pot" || ext == ".xla") {
      want = FileType::kOle2;
    } else if (encrypted) {
      want = FileType::kOle2;  // encrypted OOXML is an OLE2 EncryptedPackage
    } else if (ext == ".docx" || ext == ".docm" || ext == ".dotx" || ext == ".dotm") {
      want = FileType::kOoxmlWord;
    } else if (ext == ".xlsx" || ext == ".xlsm" || ext == ".xlsb" || ext == ".xltx" ||
               ext == ".xltm" || ext == ".xlam") {
      want = FileType::kOoxmlExcel;
    } else if (ext == ".pptx" || ext == ".pptm" || ext == ".ppsx" || ext == ".ppsm" ||
               ext == ".potx" || ext == ".potm") {
      want = FileType::kOoxmlPowerpoint;
    } else if (ext == ".odt" || ext == ".ods" || ext == ".odp") {
      want = FileType::kOdf;
    } else if (ext == ".rtf") {
      want = FileType::kRtf;
    } else if (ext == ".zip" || ext == ".xps") {
      want = FileType::kZip;
    } else if (ext == ".slk") {
      want = FileType::kSylk;
    } else if (ext == ".xml" || ext == ".csv") {
      want = FileType::kText;
    } else {
      continue;
    }
    EXPECT_EQ(file_type_name(t), file_type_name(want)) << e.path();
    ++checked;
  }
  EXPECT_GT(checked, 90u);
}

TEST(FileTypeFiles, LnkHwpPdfCorpus) {
  std::size_t n = 0;
  for (auto [sub, ext, type] :
       {std::tuple{"lnk", ".lnk", FileType::kLnk}, std::tuple{"hwp", ".hwp", FileType::kHwp},
        std::tuple{"pdf", ".pdf", FileType::kPdf}}) {
    fs::path dir = kShared / "corpus" / sub;
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ext) continue;
      EXPECT_EQ(file_type_name(identify_file(e.path())), file_type_name(type)) << e.path();
      ++n;
    }
  }
  if (n == 0) GTEST_SKIP() << "no corpus";
  EXPECT_GE(n, 40u);
}

TEST(FileTypeFiles, MailCorpusIsMessages) {
  std::size_t n = 0;
  for (const char* sub : {"ham", "spam"}) {
    fs::path dir = kShared / "corpus/mail" / sub;
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      FileType t = identify_file(e.path());
      EXPECT_EQ(file_type_name(t), "message") << e.path();
      ++n;
    }
  }
  if (n == 0) GTEST_SKIP() << "no corpus";
}

TEST(FileTypeFiles, TruncatedPrefixesNeverCrash) {
  std::vector<fs::path> files = {kClam / "clam.ole.doc",
                                 kClam / "clam.zip",
                                 kClam / "clam.exe",
                                 kShared / "corpus/hwp/table.hwp",
                                 kShared / "corpus/office/msodde/dde-test.docx",
                                 kShared / "corpus/lnk/sample2.lnk"};
  for (const auto& p : files) {
    if (!fs::exists(p)) continue;
    Bytes b = read_all(p);
    for (std::size_t n = 0; n <= b.size(); n += (n < 2048 ? 1 : 97)) {
      FileType t = identify(ByteView(b.data(), n));
      EXPECT_LE(static_cast<int>(t), kLast);
    }
    // The last 512 bytes cut off: the type must not change into something unrelated.
    EXPECT_NE(identify(ByteView(b.data(), b.size() / 2)), FileType::kText) << p;
  }
}

TEST(FileTypeFiles, TruncatedHwpStaysOle2OrHwp) {
  Bytes b = read_all(kShared / "corpus/hwp/table.hwp");
  if (b.empty()) GTEST_SKIP();
  EXPECT_EQ(identify(ByteView(b.data(), 512)), FileType::kOle2);  // header only
}

}  // namespace
}  // namespace lg
