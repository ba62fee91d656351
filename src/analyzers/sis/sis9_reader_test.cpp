// Symbian 9 SIS files written here: deflated and stored file data named from the controller,
// a stored controller, a run-on-install file, and damage (cut fields, FileIndex past the data).
#include "analyzers/sis/sis9_reader.h"

#include <gtest/gtest.h>

#include "analyzers/sis/sis_analyzer.h"
#include "analyzers/sis/sis_test_builder.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using lg::testing::sis9_package;
using lg::testing::Sis9TestFile;

const std::string kExe = "pretend E32 bytes " + std::string(300, 'e');
const std::string kText = "Read me before you install.";

std::vector<Sis9TestFile> two_files() {
  return {{"!:\\sys\\bin\\wallet.exe", kSis9OpInstall, kExe, true},
          {"!:\\private\\e0001234\\readme.txt", kSis9OpText, kText, false}};
}

TEST(Sis9Reader, FilesAreNamedFromTheController) {
  for (bool deflate_controller : {true, false}) {
    const std::string file = sis9_package(two_files(), "Wallet", deflate_controller);
    ASSERT_EQ(identify(as_bytes(file)), FileType::kSis);
    const Sis9Package p = read_sis9(as_bytes(file), 1 << 20);
    EXPECT_TRUE(p.valid);
    EXPECT_TRUE(p.anomalies.empty()) << p.anomalies.front();
    EXPECT_EQ(p.uid, 0xE0001234u);
    EXPECT_EQ(p.name, "Wallet");
    EXPECT_EQ(p.descriptions, 2u);
    ASSERT_EQ(p.files.size(), 2u);
    EXPECT_EQ(p.files[0].target, "!:\\sys\\bin\\wallet.exe");
    EXPECT_TRUE(p.files[0].deflated);
    EXPECT_EQ(p.files[0].size, kExe.size());
    EXPECT_EQ(p.files[1].target, "!:\\private\\e0001234\\readme.txt");
    EXPECT_EQ(p.files[1].operation, kSis9OpText);
    EXPECT_EQ(to_string(p.files[1].stored), kText);
  }
}

TEST(Sis9Reader, ConditionalFilesAreNamedToo) {
  auto files = two_files();
  files.push_back({"!:\\sys\\bin\\n95.dll", kSis9OpInstall, "device specific", true});
  const Sis9Package p = read_sis9(
      as_bytes(sis9_package(files, "Wallet", true, static_cast<std::size_t>(-1), 1)), 1 << 20);
  EXPECT_TRUE(p.anomalies.empty()) << p.anomalies.front();
  EXPECT_EQ(p.descriptions, 3u);
  ASSERT_EQ(p.files.size(), 3u);
  EXPECT_EQ(p.files[0].target, "!:\\sys\\bin\\wallet.exe");
  EXPECT_EQ(p.files[1].target, "!:\\private\\e0001234\\readme.txt");  // in the SISElseIf
  EXPECT_EQ(p.files[2].target, "!:\\sys\\bin\\n95.dll");
}

TEST(Sis9Reader, AnalyzerInflatesAndReportsRunOnInstall) {
  auto files = two_files();
  files[0].operation = kSis9OpRun | kSis9OpInstall;
  RecordingContext ctx;
  SisAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(sis9_package(files, "Wallet")), ctx).is_ok());
  ASSERT_EQ(ctx.children.size(), 2u);
  EXPECT_EQ(to_string(ctx.children[0].data), kExe);
  EXPECT_EQ(ctx.children[0].info.name, "!:\\sys\\bin\\wallet.exe");
  EXPECT_EQ(to_string(ctx.children[1].data), kText);
  EXPECT_EQ(ctx.str("sis_format"), "symbian9");
  EXPECT_EQ(ctx.str("sis_uid"), "0xE0001234");
  EXPECT_EQ(ctx.str("sis_component_name"), "Wallet");
  ASSERT_EQ(ctx.findings.size(), 1u);
  EXPECT_EQ(ctx.findings[0].symbol, Symbol::SIS_RUN_ON_INSTALL);
  EXPECT_EQ(ctx.findings[0].evidence.value, "!:\\sys\\bin\\wallet.exe");
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
}

TEST(Sis9Reader, CutPackagesAreRefused) {
  const std::string file = sis9_package(two_files(), "Wallet");
  // SISContents runs to the end of the file: every cut leaves it incomplete.
  for (std::size_t n = 0; n < file.size(); n += 3) {
    const Sis9Package p = read_sis9(as_bytes(file.substr(0, n)), 1 << 20);
    EXPECT_FALSE(p.valid) << n;
    EXPECT_EQ(p.anomalies.at(0), "not a Symbian 9 SIS header and SISContents") << n;
  }
}

TEST(Sis9Reader, DescriptionPastTheDataIsAnAnomaly) {
  auto files = two_files();
  files.push_back({"!:\\sys\\bin\\ghost.exe", kSis9OpInstall, "ghost", true});
  const Sis9Package p = read_sis9(as_bytes(sis9_package(files, "Wallet", true, 2)), 1 << 20);
  ASSERT_TRUE(p.valid);
  EXPECT_EQ(p.descriptions, 3u);
  ASSERT_EQ(p.files.size(), 2u);
  ASSERT_EQ(p.anomalies.size(), 1u);
  EXPECT_EQ(p.anomalies[0],
            "SIS 9 file description points past the file data: !:\\sys\\bin\\ghost.exe");
}

TEST(Sis9Reader, ControllerCapAndUnknownCompression) {
  const std::string file = sis9_package(two_files(), "Wallet");
  // A controller cap too small to hold the controller: the files stay unnamed.
  const Sis9Package small = read_sis9(as_bytes(file), 16);
  ASSERT_EQ(small.files.size(), 2u);
  EXPECT_TRUE(small.files[0].target.empty());
  EXPECT_FALSE(small.anomalies.empty());
  // SISContents at 16 (data at 24), SISControllerChecksum (12 bytes), then the controller's
  // SISCompressed, whose CompressionAlgorithm is at 44.
  std::string odd = file;
  odd.replace(44, 4, lg::testing::sis_u32(7));
  const Sis9Package p = read_sis9(as_bytes(odd), 1 << 20);
  ASSERT_EQ(p.files.size(), 2u);
  EXPECT_EQ(p.anomalies.at(0), "SIS 9 controller: unknown compression 7");
}

}  // namespace
}  // namespace lg
