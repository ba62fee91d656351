// Programs through the whole engine: any program scores at least "suspicious", a program under
// a document name is a disguise, and a .app bundle in a ZIP is reported with its signature.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "engine/engine.h"
#include "formats/zip/zip_test_builder.h"

namespace lg {
namespace {

using zip::testing::ZipBuilder;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::set<std::string> symbols(const Report& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(f.symbol);
  return out;
}

Report scan(std::string_view name, ByteView bytes) {
  Engine engine(default_config());
  return engine.scan(name, bytes);
}

// "Any executable from outside is at least suspicious": a bare program, nothing else known.
TEST(ExecutableEngine, AnyProgramIsAtLeastSuspicious) {
  const std::string exe = read_file("/usr/share/clamav-testfiles/clam.exe");
  if (exe.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  Report r = scan("setup.exe", as_bytes(exe));
  EXPECT_EQ(r.objects[0].type, "pe");
  EXPECT_TRUE(symbols(r).count("EXECUTABLE_ATTACHMENT"));
  EXPECT_GE(r.score, 6.0);
  EXPECT_NE(r.verdict, Verdict::kClean);
  const std::string elf = read_file("/bin/ls");
  if (!elf.empty()) {
    Report e = scan("ls", as_bytes(elf));
    EXPECT_GE(e.score, 6.0);
  }
}

TEST(ExecutableEngine, ProgramUnderADocumentName) {
  const std::string exe = read_file("/usr/share/clamav-testfiles/clam.exe");
  if (exe.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  ZipBuilder zip;
  zip.add("Invoice_2024.pdf", exe);
  const Bytes bytes = zip.build();
  Report r = scan("invoice.zip", bytes);
  auto s = symbols(r);
  EXPECT_TRUE(s.count("EXECUTABLE_ATTACHMENT"));
  EXPECT_TRUE(s.count("EXECUTABLE_DOCUMENT_DISGUISE"));
  EXPECT_TRUE(s.count("TYPE_MISMATCH"));
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
  // The same program under its own name is no disguise.
  ZipBuilder plain;
  plain.add("setup.exe", exe);
  EXPECT_FALSE(symbols(scan("setup.zip", plain.build())).count("EXECUTABLE_DOCUMENT_DISGUISE"));
}

TEST(ExecutableEngine, AppBundleInAZip) {
  std::string macho(0x200, '\0');
  const unsigned char header[] = {0xCF, 0xFA, 0xED, 0xFE, 0x0C, 0x00, 0x00, 0x01,
                                  0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};
  macho.replace(0, sizeof header, reinterpret_cast<const char*>(header), sizeof header);
  ZipBuilder zip;
  zip.add("Report.pdf.app/Contents/Info.plist", "<?xml version=\"1.0\"?><plist></plist>");
  zip.add("Report.pdf.app/Contents/MacOS/Report", macho);
  zip.add("Report.pdf.app/Contents/Resources/icon.icns", "icns");
  Report r = scan("Report.zip", zip.build());
  auto s = symbols(r);
  EXPECT_TRUE(s.count("MACOS_APP_BUNDLE"));
  EXPECT_TRUE(s.count("EXECUTABLE_DOCUMENT_DISGUISE"));
  EXPECT_TRUE(s.count("EXECUTABLE_ATTACHMENT"));
  EXPECT_TRUE(s.count("EXECUTABLE_UNSIGNED"));
  for (const auto& f : r.findings) {
    if (f.symbol != "MACOS_APP_BUNDLE") continue;
    EXPECT_EQ(f.evidence.value, "Report.pdf.app");
    EXPECT_NE(f.evidence.detail.find("unsigned"), std::string::npos);
    EXPECT_NE(f.evidence.detail.find("MacOS/Report"), std::string::npos);
  }
  ZipBuilder signed_app;
  signed_app.add("Tool.app/Contents/Info.plist", "<plist/>");
  signed_app.add("Tool.app/Contents/_CodeSignature/CodeResources", "<plist/>");
  Report sr = scan("tool.zip", signed_app.build());
  auto ss = symbols(sr);
  EXPECT_TRUE(ss.count("MACOS_APP_BUNDLE"));
  EXPECT_FALSE(ss.count("EXECUTABLE_DOCUMENT_DISGUISE"));
  // A folder merely named like a bundle, without Info.plist or a program, is not one.
  ZipBuilder notes;
  notes.add("notes.app/readme.txt", "hello");
  EXPECT_FALSE(symbols(scan("notes.zip", notes.build())).count("MACOS_APP_BUNDLE"));
}

}  // namespace
}  // namespace lg
