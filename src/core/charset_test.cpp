#include "core/charset.h"
#include "core/testing/test_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lg {
namespace {

// Byte strings below were produced at test-writing time with Python's codecs (the same
// tables as iconv): text.encode("cp932"), "euc_jp", "iso2022_jp", "cp949", "iso2022_kr",
// "gbk", "latin1".
constexpr std::string_view kJaText =
    "採用のご案内：職務経歴書と履歴書をお送りください。面接の日程を調整します。";
constexpr std::string_view kJaSjis =
    "\x8D\xCC\x97\x70\x82\xCC\x82\xB2\x88\xC4\x93\xE0\x81\x46\x90\x45\x96\xB1\x8C\x6F\x97\xF0"
    "\x8F\x91\x82\xC6\x97\x9A\x97\xF0\x8F\x91\x82\xF0\x82\xA8\x91\x97\x82\xE8\x82\xAD\x82\xBE"
    "\x82\xB3\x82\xA2\x81\x42\x96\xCA\x90\xDA\x82\xCC\x93\xFA\x92\xF6\x82\xF0\x92\xB2\x90\xAE"
    "\x82\xB5\x82\xDC\x82\xB7\x81\x42";
constexpr std::string_view kJaEuc =
    "\xBA\xCE\xCD\xD1\xA4\xCE\xA4\xB4\xB0\xC6\xC6\xE2\xA1\xA7\xBF\xA6\xCC\xB3\xB7\xD0\xCE\xF2"
    "\xBD\xF1\xA4\xC8\xCD\xFA\xCE\xF2\xBD\xF1\xA4\xF2\xA4\xAA\xC1\xF7\xA4\xEA\xA4\xAF\xA4\xC0"
    "\xA4\xB5\xA4\xA4\xA1\xA3\xCC\xCC\xC0\xDC\xA4\xCE\xC6\xFC\xC4\xF8\xA4\xF2\xC4\xB4\xC0\xB0"
    "\xA4\xB7\xA4\xDE\xA4\xB9\xA1\xA3";
constexpr std::string_view kJa2022Text = "採用のご案内：履歴書をお送りください。";
constexpr std::string_view kJa2022 =
    "\x1B\x24\x42\x3A\x4E\x4D\x51\x24\x4E\x24\x34\x30\x46\x46\x62\x21\x27\x4D\x7A\x4E\x72\x3D"
    "\x71\x24\x72\x24\x2A\x41\x77\x24\x6A\x24\x2F\x24\x40\x24\x35\x24\x24\x21\x23\x1B\x28\x42";
constexpr std::string_view kKoText =
    "안녕하세요. 블록체인 소프트웨어 개발 계약서와 입사지원서를 보내드립니다. 확인 부탁드립니다.";
constexpr std::string_view kKo949 =
    "\xBE\xC8\xB3\xE7\xC7\xCF\xBC\xBC\xBF\xE4\x2E\x20\xBA\xED\xB7\xCF\xC3\xBC\xC0\xCE\x20\xBC"
    "\xD2\xC7\xC1\xC6\xAE\xBF\xFE\xBE\xEE\x20\xB0\xB3\xB9\xDF\x20\xB0\xE8\xBE\xE0\xBC\xAD\xBF"
    "\xCD\x20\xC0\xD4\xBB\xE7\xC1\xF6\xBF\xF8\xBC\xAD\xB8\xA6\x20\xBA\xB8\xB3\xBB\xB5\xE5\xB8"
    "\xB3\xB4\xCF\xB4\xD9\x2E\x20\xC8\xAE\xC0\xCE\x20\xBA\xCE\xC5\xB9\xB5\xE5\xB8\xB3\xB4\xCF"
    "\xB4\xD9\x2E";
// "똠방각하 햏 안녕": 똠 and 햏 exist only in CP949's UHC extension, not in EUC-KR.
constexpr std::string_view kKoUhcText = "똠방각하 햏 안녕";
constexpr std::string_view kKoUhc =
    "\x8C\x63\xB9\xE6\xB0\xA2\xC7\xCF\x20\xC1\x64\x20\xBE\xC8\xB3\xE7";
constexpr std::string_view kKo2022Text = "안녕하세요. 이력서를 보내드립니다.";
constexpr std::string_view kKo2022 =
    "\x1B\x24\x29\x43\x0E\x3E\x48\x33\x67\x47\x4F\x3C\x3C\x3F\x64\x0F\x2E\x20\x0E\x40\x4C\x37"
    "\x42\x3C\x2D\x38\x26\x0F\x20\x0E\x3A\x38\x33\x3B\x35\x65\x38\x33\x34\x4F\x34\x59\x0F\x2E";
constexpr std::string_view kZhText =
    "您好，这是区块链软件开发合同和投资协议，请查收并回复确认。谢谢。";
constexpr std::string_view kZhGbk =
    "\xC4\xFA\xBA\xC3\xA3\xAC\xD5\xE2\xCA\xC7\xC7\xF8\xBF\xE9\xC1\xB4\xC8\xED\xBC\xFE\xBF\xAA"
    "\xB7\xA2\xBA\xCF\xCD\xAC\xBA\xCD\xCD\xB6\xD7\xCA\xD0\xAD\xD2\xE9\xA3\xAC\xC7\xEB\xB2\xE9"
    "\xCA\xD5\xB2\xA2\xBB\xD8\xB8\xB4\xC8\xB7\xC8\xCF\xA1\xA3\xD0\xBB\xD0\xBB\xA1\xA3";
// "①髙橋様、面接は②番会議室です。": ① ② 髙 are Microsoft (NEC/IBM) extensions of Shift_JIS.
constexpr std::string_view kJaExtText = "①髙橋様、面接は②番会議室です。";
constexpr std::string_view kJaExt =
    "\x87\x40\xEE\xE0\x8B\xB4\x97\x6C\x81\x41\x96\xCA\x90\xDA\x82\xCD\x87\x41\x94\xD4\x89\xEF"
    "\x8B\x63\x8E\xBA\x82\xC5\x82\xB7\x81\x42";
constexpr std::string_view kLatin1Text = "Grüße aus Köln, café crème à la française.";
constexpr std::string_view kLatin1 =
    "\x47\x72\xFC\xDF\x65\x20\x61\x75\x73\x20\x4B\xF6\x6C\x6E\x2C\x20\x63\x61\x66\xE9\x20\x63"
    "\x72\xE8\x6D\x65\x20\xE0\x20\x6C\x61\x20\x66\x72\x61\x6E\xE7\x61\x69\x73\x65\x2E";

Decoded dec(std::string_view bytes, std::string_view charset) {
  return decode_text(as_bytes(bytes), charset);
}

TEST(Charset, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text, long enough for the word loop"));
  EXPECT_TRUE(is_valid_utf8(kJaText));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE3\x81"));       // truncated
  EXPECT_FALSE(is_valid_utf8(kJaSjis));
  EXPECT_TRUE(is_ascii("hello\x7F"));
  EXPECT_FALSE(is_ascii("0123456789abcdef\x80"));
}

TEST(Charset, RepairUsesMaximalSubparts) {
  // [Unicode 15] 3.9, Table 3-8: each maximal subpart becomes one U+FFFD.
  EXPECT_EQ(repair_utf8("a\xE3\x81"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(repair_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(repair_utf8("\xF1\x80\x80\xE1\x80\xC2\x61\x80\x62"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\x61\xEF\xBF\xBD\x62");
  EXPECT_EQ(repair_utf8(kJaText), kJaText);
  EXPECT_TRUE(is_valid_utf8(repair_utf8(kJaSjis)));
}

TEST(Charset, DeclaredCjkCharsets) {
  struct Case {
    std::string_view bytes, charset, text, used;
  };
  const Case cases[] = {
      {kJaSjis, "Shift_JIS", kJaText, "Shift_JIS"},
      {kJaSjis, "x-sjis", kJaText, "Shift_JIS"},
      {kJaExt, "shift_jis", kJaExtText, "Shift_JIS"},  // ICU's Shift_JIS is windows-31j
      {kJaEuc, "EUC-JP", kJaText, "EUC-JP"},
      {kJa2022, "ISO-2022-JP", kJa2022Text, "ISO-2022-JP"},
      {kJa2022, "iso-2022-jp-2", kJa2022Text, "ISO-2022-JP-2"},
      {kKo949, "ks_c_5601-1987", kKoText, "windows-949"},
      {kKo949, "EUC-KR", kKoText, "windows-949"},
      {kKoUhc, "euc-kr", kKoUhcText, "windows-949"},
      {kKoUhc, "\"KS_C_5601-1987\"", kKoUhcText, "windows-949"},
      {kKo2022, "ISO-2022-KR", kKo2022Text, "ISO-2022-KR"},
      {kZhGbk, "gb2312", kZhText, "GBK"},
      {kZhGbk, "GBK", kZhText, "GBK"},
      {kLatin1, "iso-8859-1", kLatin1Text, "windows-1252"},
  };
  for (const auto& c : cases) {
    Decoded d = dec(c.bytes, c.charset);
    EXPECT_EQ(d.utf8, c.text) << c.charset;
    EXPECT_EQ(d.charset, c.used) << c.charset;
    EXPECT_FALSE(d.guessed) << c.charset;
    EXPECT_FALSE(d.lossy) << c.charset;
  }
}

TEST(Charset, Iso2022Jp3PlaneOneDesignation) {
  // ESC $ ( Q designates JIS X 0213 plane 1, a superset of JIS X 0208: "パスワード".
  Decoded d = dec("\x1B$(Q%Q%9%o!<%I\x1B(B", "ISO-2022-JP-3");
  EXPECT_EQ(d.utf8, "パスワード");
  EXPECT_FALSE(d.lossy);
}

TEST(Charset, UndeclaredIsDetected) {
  struct Case {
    std::string_view bytes, text;
  };
  const Case cases[] = {{kJaSjis, kJaText}, {kJaEuc, kJaText},      {kJa2022, kJa2022Text},
                        {kKo949, kKoText},  {kKo2022, kKo2022Text}, {kZhGbk, kZhText},
                        {kJaText, kJaText}};
  for (const auto& c : cases) {
    Decoded d = dec(c.bytes, "");
    EXPECT_EQ(d.utf8, c.text) << d.charset;
    EXPECT_TRUE(d.guessed) << d.charset;
  }
  EXPECT_EQ(detect_charset(as_bytes(kJa2022)), "ISO-2022-JP");
  EXPECT_EQ(detect_charset(as_bytes(kKo2022)), "ISO-2022-KR");
  EXPECT_EQ(detect_charset(as_bytes(kJaText)), "UTF-8");
  EXPECT_EQ(detect_charset(as_bytes("hello")), "US-ASCII");
  EXPECT_EQ(detect_charset(as_bytes(kJaSjis)), "windows-31j");
  EXPECT_EQ(detect_charset(as_bytes(kKo949)), "windows-949");
}

TEST(Charset, NeverMojibake) {
  // ISO-2022-JP labelled us-ascii: the escapes win.
  Decoded d = dec(kJa2022, "us-ascii");
  EXPECT_EQ(d.utf8, kJa2022Text);
  EXPECT_TRUE(d.guessed);
  // Shift_JIS labelled UTF-8.
  d = dec(kJaSjis, "utf-8");
  EXPECT_EQ(d.utf8, kJaText);
  EXPECT_TRUE(d.guessed);
  EXPECT_FALSE(d.lossy);
  // UTF-8 labelled ISO-8859-1 or Shift_JIS.
  d = dec(kKoText, "iso-8859-1");
  EXPECT_EQ(d.utf8, kKoText);
  EXPECT_TRUE(d.guessed);
  d = dec(kJaText, "shift_jis");
  EXPECT_EQ(d.utf8, kJaText);
  EXPECT_TRUE(d.guessed);
  // Shift_JIS labelled windows-1252 (mostly 8-bit, and CJK statistics).
  d = dec(kJaSjis, "windows-1252");
  EXPECT_EQ(d.utf8, kJaText);
  EXPECT_TRUE(d.guessed);
  // EUC-KR labelled Shift_JIS: illegal there, detected as Korean.
  d = dec(kKo949, "shift_jis");
  EXPECT_EQ(d.utf8, kKoText);
  EXPECT_TRUE(d.guessed);
  // Real Latin-1 stays Latin-1.
  d = dec(kLatin1, "windows-1252");
  EXPECT_EQ(d.utf8, kLatin1Text);
  EXPECT_FALSE(d.guessed);
}

TEST(Charset, UnknownAndBrokenInput) {
  Decoded d = dec(kJaSjis, "x-no-such-charset");
  EXPECT_EQ(d.utf8, kJaText);
  EXPECT_TRUE(d.guessed);
  // Garbage that nothing reads cleanly still gives valid UTF-8.
  std::string junk;
  for (int i = 0; i < 512; ++i) junk.push_back(static_cast<char>((i * 151 + 7) & 0xFF));
  for (std::string_view cs : {"", "utf-8", "shift_jis", "iso-2022-jp", "euc-kr", "utf-16"}) {
    d = dec(junk, cs);
    EXPECT_TRUE(is_valid_utf8(d.utf8)) << cs;
    EXPECT_FALSE(d.charset.empty()) << cs;
  }
  // Pure ASCII with no declaration is the RFC 2045 default, nothing guessed.
  d = dec("hello", "");
  EXPECT_EQ(d.utf8, "hello");
  EXPECT_FALSE(d.guessed);
  d = dec("", "utf-8");
  EXPECT_EQ(d.utf8, "");
}

TEST(Charset, Utf16NeedsIcu) {
  Decoded d = dec(std::string_view("\x41\x00\x42\x00", 4), "utf-16le");
  EXPECT_EQ(d.utf8, "AB");
}

TEST(Charset, StrictConversion) {
  auto r = convert_to_utf8(as_bytes(kKo949), "ks_c_5601-1987");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, kKoText);
  r = convert_to_utf8(as_bytes(kJaSjis), "no-such-charset");
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnsupported);
  r = convert_to_utf8(as_bytes(kKo949), "utf-8");
  EXPECT_EQ(r.status().code(), ErrorCode::kMalformed);
  r = convert_to_utf8(as_bytes("\x82\xA0\xFF\xFF"), "shift_jis");
  EXPECT_EQ(r.status().code(), ErrorCode::kMalformed);
}

TEST(Charset, Normalization) {
  // "é" decomposed (e + U+0301) composes under NFC.
  EXPECT_EQ(normalize_nfc("cafe\xCC\x81"), "caf\xC3\xA9");
  EXPECT_EQ(normalize_nfc("abc"), "abc");
  // Fullwidth Latin and halfwidth katakana fold under NFKC_Casefold.
  EXPECT_EQ(normalize_nfkc_casefold("ＣｏｉｎＢａｓｅ"), "coinbase");
  EXPECT_EQ(normalize_nfkc_casefold("ﾊﾟｽﾜｰﾄﾞ"), "パスワード");
  EXPECT_EQ(normalize_nfkc_casefold("PassWord"), "password");
  EXPECT_EQ(normalize_nfkc_casefold("Straße"), "strasse");
  // Ill-formed input is repaired, never passed through.
  EXPECT_TRUE(
      is_valid_utf8(normalize_nfc("a\xFF"
                                  "b\xCC\x81")));
}

using lg::testing::read_file;

TEST(Charset, RealIso2022JpMail) {
  // MimeKit's japanese.txt: an ISO-2022-JP body.
  const auto path =
      std::filesystem::path(LG_SHARED_DIR) / "corpus/mail/mime-edge/mimekit/japanese.txt";
  const std::string mail = read_file(path);
  ASSERT_FALSE(mail.empty()) << path;
  const std::size_t body = mail.find("\n\n");
  ASSERT_NE(body, std::string::npos);
  Decoded d = dec(std::string_view(mail).substr(body + 2), "iso-2022-jp");
  EXPECT_TRUE(is_valid_utf8(d.utf8));
  EXPECT_FALSE(d.lossy);
  EXPECT_EQ(d.utf8.find('\x1b'), std::string::npos);
  EXPECT_NE(d.utf8.find("日本語が\n正常に\n送れているか\nテスト."), std::string::npos) << d.utf8;
  // Undeclared, the escapes identify it.
  Decoded g = dec(std::string_view(mail).substr(body + 2), "");
  EXPECT_EQ(g.utf8, d.utf8);
  EXPECT_EQ(g.charset, "ISO-2022-JP");
}

}  // namespace
}  // namespace lg

namespace lg {
namespace {

// Joined RFC 2047 words: each ends in ASCII and the next designates JIS X 0208 again at once.
TEST(Charset, Iso2022JpBackToBackDesignationsDecodeCleanly) {
  auto d = decode_text(as_bytes("\x1b$B$3\x1b(B\x1b$B$s\x1b(B"), "iso-2022-jp");
  EXPECT_EQ(d.utf8, "\xe3\x81\x93\xe3\x82\x93");  // "こん"
  EXPECT_FALSE(d.lossy);
  EXPECT_FALSE(d.guessed);
}

}  // namespace
}  // namespace lg
