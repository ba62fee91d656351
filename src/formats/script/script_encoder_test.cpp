#include "formats/script/script_encoder.h"

#include <gtest/gtest.h>

#include "formats/script/script_encoder_fixture.h"

namespace lg::script {
namespace {

// Published samples: screnc's output for MsgBox "Hello" and MsgBox "Hello world" (as quoted
// in decoder test suites and documentation, where the DEL byte after "JC" is usually lost in
// copying: the length fields, 14 and 25, count it).
TEST(ScriptEncoder, DecodesAKnownSample) {
  auto d = decode_script_encoder("#@~^DgAAAA==\\ko$K6,JC\x7FV^GJqAQAAA==^#~@", 4);
  EXPECT_EQ(d.text, "MsgBox \"Hello\"");
  EXPECT_EQ(d.blocks, 1u);
  EXPECT_FALSE(d.damaged);  // the checksum matches
}

TEST(ScriptEncoder, DecodesEscapesAndKeepsSurroundingText) {
  auto d = decode_script_encoder("<%#@~^GQAAAA==\\ko$K6,JC\x7FV^GPSW.V9J~@#@&JwcAAA==^#~@%>", 4);
  EXPECT_EQ(d.text, "<%MsgBox \"Hello world\" \r\n%>");
  EXPECT_FALSE(d.damaged);
}

TEST(ScriptEncoder, RoundTripsOwnEncoder) {
  const std::string script =
      "var s = new ActiveXObject(\"WScript.Shell\");\r\n\ts.Run(\"cmd /c echo <a> @b\", 0);\n";
  const std::string encoded = testing::encode_script(script);
  EXPECT_EQ(encoded.find("WScript"), std::string::npos);
  auto d = decode_script_encoder("// header\n" + encoded + "\n// trailer", 4);
  EXPECT_EQ(d.text, "// header\n" + script + "\n// trailer");
  EXPECT_EQ(d.blocks, 1u);
  EXPECT_FALSE(d.damaged);
}

TEST(ScriptEncoder, ReportsDamage) {
  std::string encoded = testing::encode_script("MsgBox \"Hi\"");
  std::string bad = encoded;
  bad[14] = bad[14] == 'a' ? 'b' : 'a';  // a body character: checksum mismatch
  EXPECT_TRUE(decode_script_encoder(bad, 4).damaged);
  auto cut = decode_script_encoder(encoded.substr(0, 20), 4);  // no checksum, no trailer
  EXPECT_TRUE(cut.damaged);
  EXPECT_EQ(cut.blocks, 1u);
}

TEST(ScriptEncoder, IgnoresMarkerWithoutLength) {
  auto d = decode_script_encoder("a #@~^ in prose", 4);
  EXPECT_EQ(d.text, "a #@~^ in prose");
  EXPECT_EQ(d.blocks, 0u);
  EXPECT_FALSE(d.damaged);
}

TEST(ScriptEncoder, BlockCap) {
  std::string two = testing::encode_script("a=1") + testing::encode_script("b=2");
  auto d = decode_script_encoder(two, 1);
  EXPECT_EQ(d.blocks, 1u);
  EXPECT_TRUE(d.text.starts_with("a=1#@~^"));
}

}  // namespace
}  // namespace lg::script
