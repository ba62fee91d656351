#include "core/transfer_encoding.h"
#include "core/testing/test_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/hash.h"

namespace lg {
namespace {

std::string as_str(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(Base64, DecodesRfc4648Vectors) {
  // [RFC 4648] 10 test vectors.
  EXPECT_EQ(as_str(decode_base64("").data), "");
  EXPECT_EQ(as_str(decode_base64("Zg==").data), "f");
  EXPECT_EQ(as_str(decode_base64("Zm8=").data), "fo");
  EXPECT_EQ(as_str(decode_base64("Zm9v").data), "foo");
  EXPECT_EQ(as_str(decode_base64("Zm9vYg==").data), "foob");
  EXPECT_EQ(as_str(decode_base64("Zm9vYmE=").data), "fooba");
  EXPECT_EQ(as_str(decode_base64("Zm9vYmFy").data), "foobar");
  EXPECT_FALSE(decode_base64("Zm9vYmFy").damaged);
}

TEST(Base64, ToleratesLineBreaksJunkAndMissingPadding) {
  auto d = decode_base64("Zm9v\r\nYmFy\n");
  EXPECT_EQ(as_str(d.data), "foobar");
  EXPECT_FALSE(d.damaged);
  d = decode_base64("Zm9vYg");  // no padding: tolerated
  EXPECT_EQ(as_str(d.data), "foob");
  EXPECT_FALSE(d.damaged);
  d = decode_base64("Zm9v!!Ym*Fy");  // junk skipped and reported
  EXPECT_EQ(as_str(d.data), "foobar");
  EXPECT_TRUE(d.damaged);
  d = decode_base64("Zm9vY");  // a lone sextet carries no byte
  EXPECT_EQ(as_str(d.data), "foo");
  EXPECT_TRUE(d.damaged);
  // Two encoded parts glued together, each with its padding.
  d = decode_base64("Zg==Zm8=");
  EXPECT_EQ(as_str(d.data), "ffo");
}

TEST(Base64, OutputIsBounded) {
  auto d = decode_base64("Zm9vYmFyZm9vYmFy", 5);
  EXPECT_EQ(as_str(d.data), "fooba");
  EXPECT_TRUE(d.damaged);
}

TEST(Base64, EncodeRoundTrips) {
  EXPECT_EQ(encode_base64(as_bytes("")), "");
  EXPECT_EQ(encode_base64(as_bytes("f")), "Zg==");
  EXPECT_EQ(encode_base64(as_bytes("fo")), "Zm8=");
  EXPECT_EQ(encode_base64(as_bytes("foobar")), "Zm9vYmFy");
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<std::uint8_t>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    ByteView v(all.data(), n);
    EXPECT_EQ(decode_base64(encode_base64(v)).data, Bytes(v.begin(), v.end())) << n;
  }
}

TEST(QuotedPrintable, Rfc2045Rules) {
  auto d = decode_quoted_printable("caf=C3=A9 =e2=82=ac");  // lowercase hex accepted
  EXPECT_EQ(as_str(d.data), "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_FALSE(d.damaged);
  // Soft line breaks (CRLF, LF, and with transport whitespace after "=").
  d = decode_quoted_printable("long=\r\nline=\nwrapped= \t\r\nhere=");
  EXPECT_EQ(as_str(d.data), "longlinewrappedhere");
  // Trailing whitespace on a hard line is transport padding and removed (rule 3).
  d = decode_quoted_printable("a b  \r\nc\t\nd");
  EXPECT_EQ(as_str(d.data), "a b\r\nc\nd");
  // Bad escapes stay literal.
  d = decode_quoted_printable("100=% =G1 x=4");
  EXPECT_EQ(as_str(d.data), "100=% =G1 x=4");
  EXPECT_TRUE(d.damaged);
  d = decode_quoted_printable("=3D=3D=3D", 2);
  EXPECT_EQ(as_str(d.data), "==");
  EXPECT_TRUE(d.damaged);
}

TEST(QEncoding, Rfc2047Section42) {
  auto d = decode_q_encoding("Keith_Moore=3F_=E3=81=82");
  EXPECT_EQ(as_str(d.data), "Keith Moore? \xE3\x81\x82");
  EXPECT_FALSE(d.damaged);
  d = decode_q_encoding("a=zz_b=");
  EXPECT_EQ(as_str(d.data), "a=zz b=");
  EXPECT_TRUE(d.damaged);
}

using lg::testing::read_file;

TEST(Base64, ClamExeMbox) {
  const std::string mbox = read_file(lg::testing::kClamavDir + "clam.exe.mbox.base64");
  ASSERT_FALSE(mbox.empty());
  const std::size_t body = mbox.find("\n\n");
  ASSERT_NE(body, std::string::npos);
  auto d = decode_base64(std::string_view(mbox).substr(body + 2));
  EXPECT_EQ(sha256_hex(d.data), lg::testing::kClamExeSha256);
}

}  // namespace
}  // namespace lg
