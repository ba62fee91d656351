#include "analyzers/mail/encoded_word.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(MailEncodedWord, PlainAsciiUnchanged) {
  HeaderText t = decode_header_text("Hello world");
  EXPECT_EQ(t.utf8, "Hello world");
  EXPECT_FALSE(t.had_encoded_words);
  EXPECT_TRUE(t.guessed.empty());
}

TEST(MailEncodedWord, BAndQ) {
  EXPECT_EQ(decode_header_text("=?UTF-8?B?44G+44G/44KA44KB44KC?=").utf8,
            "\u307e\u307f\u3080\u3081\u3082");  // まみむめも
  EXPECT_EQ(decode_header_text("=?ISO-8859-1?Q?Eelanal=FC=FCsi_p=E4ring?=").utf8,
            "Eelanal\u00fc\u00fcsi p\u00e4ring");
  EXPECT_EQ(decode_header_text("=?utf-8?q?caf=C3=A9?=").utf8, "caf\u00e9");
}

TEST(MailEncodedWord, WhitespaceBetweenWordsDropped) {
  EXPECT_EQ(decode_header_text("=?utf-8?q?a?= =?utf-8?q?b?=").utf8, "ab");
  EXPECT_EQ(decode_header_text("=?utf-8?q?a?=\t  =?iso-8859-1?q?b?=").utf8, "ab");
  // Whitespace between a word and plain text is kept.
  EXPECT_EQ(decode_header_text("Re: =?utf-8?q?a?= b").utf8, "Re: a b");
  EXPECT_EQ(decode_header_text("=?utf-8?q?a?= x =?utf-8?q?b?=").utf8, "a x b");
}

TEST(MailEncodedWord, MultibyteCharacterSplitAcrossWords) {
  // "日本" in UTF-8 is E6 97 A5 E6 9C AC; split after the fourth byte.
  EXPECT_EQ(decode_header_text("=?UTF-8?Q?=E6=97=A5=E6?= =?UTF-8?Q?=9C=AC?=").utf8, "\u65e5\u672c");
  EXPECT_EQ(decode_header_text("=?utf-8?B?5pel5g==?= =?UTF-8?B?nKw=?=").utf8, "\u65e5\u672c");
}

TEST(MailEncodedWord, Iso2022JpSplitAcrossWords) {
  // The MimeKit japanese.txt subject: one ISO-2022-JP escape sequence spans two words.
  HeaderText t = decode_header_text(
      "=?ISO-2022-JP?B?GyRCRnxLXDhsJWEhPCVrJUYlOSVIGyhCICh0ZXN0aW5nIEph?= "
      "=?ISO-2022-JP?B?cGFuZXNlIGVtYWlscyk=?=");
  EXPECT_EQ(t.utf8,
            "\u65e5\u672c\u8a9e\u30e1\u30fc\u30eb\u30c6\u30b9\u30c8 (testing Japanese emails)");
}

TEST(MailEncodedWord, MalformedWordsStayText) {
  HeaderText t = decode_header_text("=?utf-8?X?abc?= and =?utf-8?Q?unterminated");
  EXPECT_EQ(t.utf8, "=?utf-8?X?abc?= and =?utf-8?Q?unterminated");
  EXPECT_TRUE(t.malformed);
  EXPECT_EQ(decode_header_text("=??Q?x?=").utf8, "=??Q?x?=");
  EXPECT_EQ(decode_header_text("a =? b ?= c").utf8, "a =? b ?= c");
}

TEST(MailEncodedWord, LanguageSuffixAndSpacesInQ) {
  EXPECT_EQ(decode_header_text("=?US-ASCII*EN?Q?Keith_Moore?=").utf8, "Keith Moore");
  EXPECT_EQ(decode_header_text("=?iso-8859-1?q?Hello World?=").utf8, "Hello World");
  EXPECT_EQ(strip_charset_language("utf-8*ja"), "utf-8");
}

TEST(MailEncodedWord, Raw8BitHeaderDecodedByDetection) {
  // "채용 제안: 블록체인 소프트웨어 개발 계약서 검토 요청" in EUC-KR, undeclared.
  const std::string euc_kr =
      "\xc3\xa4\xbf\xeb \xc1\xa6\xbe\xc8: \xba\xed\xb7\xcf\xc3\xbc\xc0\xce "
      "\xbc\xd2\xc7\xc1\xc6\xae\xbf\xfe\xbe\xee \xb0\xb3\xb9\xdf \xb0\xe8\xbe\xe0\xbc\xad "
      "\xb0\xcb\xc5\xe4 \xbf\xe4\xc3\xbb";
  const std::string expected = "채용 제안: 블록체인 소프트웨어 개발 계약서 검토 요청";
  HeaderText t = decode_header_text(euc_kr);
  EXPECT_EQ(t.utf8, expected);
  ASSERT_EQ(t.guessed.size(), 1u);
  EXPECT_EQ(t.guessed[0], "");
  // With the body's charset as the fallback: no guess needed, even for a short text.
  t = decode_header_text("\xc5\xd7\xbd\xba\xc6\xae", "euc-kr");
  EXPECT_EQ(t.utf8, "테스트");
  EXPECT_TRUE(t.guessed.empty());
}

TEST(MailEncodedWord, WrongCharsetReported) {
  // Shift_JIS bytes labelled UTF-8: decoded by detection, reported.
  HeaderText t = decode_header_text("=?UTF-8?B?gqCCooKkgqaCqA==?=");
  ASSERT_EQ(t.guessed.size(), 1u);
  EXPECT_EQ(t.guessed[0], "UTF-8");
  EXPECT_EQ(t.utf8, "\u3042\u3044\u3046\u3048\u304a");  // あいうえお
}

TEST(MailEncodedWord, ManyOpeningsStayLinear) {
  std::string s;
  for (int i = 0; i < 100000; ++i) s += "=?utf-8?q?abc ";
  HeaderText t = decode_header_text(s);
  EXPECT_EQ(t.utf8, s);
}

}  // namespace
}  // namespace lg
