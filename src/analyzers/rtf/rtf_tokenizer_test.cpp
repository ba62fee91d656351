// The lexer, hex decoding, OLE1 headers, field instructions and code pages, one by one.
#include "analyzers/rtf/rtf_tokenizer.h"
#include "core/charset.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/rtf/rtf_fields.h"
#include "analyzers/rtf/rtf_object.h"
#include "analyzers/rtf/rtf_text.h"

namespace lg::rtf {
namespace {

std::vector<Token> lex(const std::string& s) {
  Tokenizer t(as_bytes(s));
  std::vector<Token> out;
  for (int i = 0; i < 10000; ++i) {
    Token k = t.next();
    if (k.kind == TokenKind::kEnd) break;
    out.push_back(k);
  }
  return out;
}

TEST(RtfTokenizer, GroupsWordsParamsAndText) {
  const std::string s = "{\\rtf1\\ansi\\ansicpg932 Hello\r\n world\\par}";
  auto t = lex(s);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].kind, TokenKind::kGroupStart);
  EXPECT_EQ(t[1].word, "rtf");
  EXPECT_TRUE(t[1].has_param);
  EXPECT_EQ(t[1].param, 1);
  EXPECT_EQ(t[2].word, "ansi");
  EXPECT_FALSE(t[2].has_param);
  EXPECT_EQ(t[3].word, "ansicpg");
  EXPECT_EQ(t[3].param, 932);
  // The delimiting space belongs to the word; CR LF are dropped between text runs.
  EXPECT_EQ(as_chars(t[4].data), "Hello");
  EXPECT_EQ(as_chars(t[5].data), " world");
  EXPECT_EQ(t[6].word, "par");
  EXPECT_EQ(t[7].kind, TokenKind::kGroupEnd);
}

TEST(RtfTokenizer, NegativeParamSymbolsAndHexBytes) {
  const std::string s = "\\u-4064?\\'e9\\*\\{\\'4";
  auto t = lex(s);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].word, "u");
  EXPECT_EQ(t[0].param, -4064);
  EXPECT_EQ(as_chars(t[1].data), "?");
  EXPECT_EQ(t[2].kind, TokenKind::kHexByte);
  EXPECT_EQ(t[2].byte, 0xE9);
  EXPECT_EQ(t[3].kind, TokenKind::kControlSymbol);
  EXPECT_EQ(t[3].byte, '*');
  EXPECT_EQ(t[4].byte, '{');
  EXPECT_EQ(t[5].kind, TokenKind::kHexByte);  // one digit before the end: tolerated
  EXPECT_EQ(t[5].byte, 4);
}

TEST(RtfTokenizer, BinReturnsRawBytesEvenBraces) {
  const std::string s = "\\bin4 {}\\\\x}";
  auto t = lex(s);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[3].kind, TokenKind::kGroupEnd);
  EXPECT_EQ(t[1].kind, TokenKind::kBinary);
  EXPECT_EQ(as_chars(t[1].data), "{}\\\\");
  EXPECT_EQ(as_chars(t[2].data), "x");
}

TEST(RtfTokenizer, BinPastTheEndAndOversizedWords) {
  const std::string s = "\\bin999999 abc";
  Tokenizer t(as_bytes(s));
  EXPECT_EQ(t.next().word, "bin");
  Token b = t.next();
  EXPECT_EQ(b.kind, TokenKind::kBinary);
  EXPECT_EQ(b.data.size(), 3u);
  EXPECT_TRUE(t.binary_truncated());
  EXPECT_EQ(t.next().kind, TokenKind::kEnd);
  EXPECT_EQ(t.next().kind, TokenKind::kEnd);

  const std::string long_word = "\\" + std::string(40, 'a') + "99999999999999999999 x";
  Tokenizer big(as_bytes(long_word));
  Token w = big.next();
  EXPECT_EQ(w.word.size(), 40u);
  EXPECT_EQ(w.param, 2147483647);  // saturated
  EXPECT_EQ(big.oversized_words(), 2u);
}

TEST(RtfTokenizer, LoneBackslashAtEnd) {
  const std::string s = "ab\\";
  auto t = lex(s);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].kind, TokenKind::kControlSymbol);
}

TEST(RtfObject, HexDigitsOddCountDropsLast) {
  EXPECT_EQ(decode_hex_digits("d0CF1"), (Bytes{0xD0, 0xCF}));
  EXPECT_TRUE(decode_hex_digits("").empty());
}

TEST(RtfObject, Ole1HeaderEmbedded) {
  std::string s("\x01\x05\x00\x00\x02\x00\x00\x00\x08\x00\x00\x00Package\x00", 20);
  s += std::string("\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00hello", 17);
  auto o = parse_ole1(as_bytes(s));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->format_id, 2u);
  EXPECT_EQ(o->class_name, "Package");
  EXPECT_EQ(as_chars(o->native), "hello");
  EXPECT_FALSE(o->truncated);
  EXPECT_EQ(o->native_offset, 28u);
  s.pop_back();  // one byte short of NativeDataSize
  o = parse_ole1(as_bytes(s));
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->truncated);
  EXPECT_FALSE(parse_ole1(as_bytes(std::string("\x01\x05\x00\x00\x07\x00\x00\x00", 8))));
}

TEST(RtfObject, ExploitClsidTable) {
  EXPECT_NE(exploit_clsid_description("{0002ce02-0000-0000-c000-000000000046}"), nullptr);
  EXPECT_NE(exploit_clsid_description("00000300-0000-0000-C000-000000000046"), nullptr);
  EXPECT_EQ(exploit_clsid_description("{00020906-0000-0000-C000-000000000046}"), nullptr);
}

TEST(RtfFields, Instructions) {
  auto f = parse_field_instruction(" HYPERLINK \\h \"https://x.example/a b\" ");
  EXPECT_EQ(f.keyword, "HYPERLINK");
  EXPECT_EQ(f.argument, "https://x.example/a b");
  f = parse_field_instruction("ddeauto c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\"");
  EXPECT_EQ(f.keyword, "DDEAUTO");
  EXPECT_TRUE(is_dde_keyword(f.keyword));
  EXPECT_EQ(f.argument, "c:\\\\windows\\\\system32\\\\cmd.exe");
  EXPECT_TRUE(parse_field_instruction("   ").keyword.empty());
  // Bookmark links take \l's argument: no URL.
  EXPECT_EQ(parse_field_instruction("HYPERLINK \\l \"_Toc123\" \\o \"tip\"").argument, "");
  EXPECT_EQ(parse_field_instruction("HYPERLINK \\l _Toc1 \"http://a.example/\"").argument,
            "http://a.example/");
  EXPECT_FALSE(is_dde_keyword("PAGE"));
}

TEST(RtfText, CodePagesAndSurrogates) {
  EXPECT_EQ(windows_code_page_charset(932), "Shift_JIS");
  EXPECT_EQ(windows_code_page_charset(1251), "windows-1251");
  EXPECT_EQ(windows_code_page_charset(42), "windows-1252");
  TextSink s;
  s.unit(0xD83D, "windows-1252");
  s.unit(0xDE00, "windows-1252");
  s.byte(0xE9);
  s.flush("windows-1252");
  EXPECT_EQ(s.text(), "\xF0\x9F\x98\x80\xC3\xA9");
  TextSink small(4);
  small.bytes(as_bytes("abcdef"));
  EXPECT_TRUE(small.clipped());
}

}  // namespace
}  // namespace lg::rtf
