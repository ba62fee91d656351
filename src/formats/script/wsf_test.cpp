#include "formats/script/wsf.h"

#include <gtest/gtest.h>

namespace lg::script {
namespace {

TEST(Wsf, ExtractsScriptElements) {
  const std::string wsf =
      "<?xml version=\"1.0\"?>\n<package>\n<job id=\"a\">\n"
      "<script language=\"JScript\" src=\"http://e.test/lib.js\"/>\n"
      "<SCRIPT LANGUAGE='VBScript'><![CDATA[\nIf a < b Then MsgBox \"x\"\n]]></SCRIPT>\n"
      "<script language=JScript>var s = 1 &lt; 2 &amp;&amp; true;</script>\n"
      "<scriptlet>not a script</scriptlet>\n"
      "</job></package>";
  auto scripts = wsf_scripts(wsf, 16);
  ASSERT_EQ(scripts.size(), 3u);
  EXPECT_EQ(scripts[0].language, "JScript");
  EXPECT_EQ(scripts[0].src, "http://e.test/lib.js");
  EXPECT_EQ(scripts[0].body, "");
  EXPECT_EQ(scripts[1].language, "VBScript");
  EXPECT_EQ(scripts[1].body, "\nIf a < b Then MsgBox \"x\"\n");
  EXPECT_EQ(scripts[2].language, "JScript");
  EXPECT_EQ(scripts[2].body, "var s = 1 < 2 && true;");
}

TEST(Wsf, UnclosedAndCapped) {
  auto open = wsf_scripts("<job><script language=\"VBScript\">MsgBox 1", 4);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].body, "MsgBox 1");
  std::string many;
  for (int i = 0; i < 10; ++i) many += "<script>x</script>";
  EXPECT_EQ(wsf_scripts(many, 4).size(), 4u);
  EXPECT_TRUE(wsf_scripts("<script language=\"x\"", 4).empty());  // tag never closed
}

}  // namespace
}  // namespace lg::script
