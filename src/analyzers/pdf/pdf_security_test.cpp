// Standard security handler algorithms against vectors computed independently (Python's
// hashlib and the cryptography package, the spec's algorithms written out separately).
#include "analyzers/pdf/pdf_security.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

std::string hex(const Bytes& b) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (std::uint8_t c : b) {
    s += kHex[c >> 4];
    s += kHex[c & 15];
  }
  return s;
}

PdfEncryptParams params(int r, std::size_t key_bytes) {
  PdfEncryptParams p;
  p.filter = "Standard";
  p.v = r == 2 ? 1 : 2;
  p.r = r;
  p.key_bytes = key_bytes;
  p.o = std::string(32, 'O');
  p.p = -1028;
  p.id0 = "0123456789abcdef";
  return p;
}

TEST(PdfSecurity, Rc4KnownVector) {
  EXPECT_EQ(hex(pdf_rc4(as_bytes("Key"), as_bytes("Plaintext"))), "bbf316e8d940af0ad3");
}

TEST(PdfSecurity, Algorithm2And5R3) {
  const PdfEncryptParams p = params(3, 16);
  const Bytes key = pdf_file_key("", p);
  EXPECT_EQ(hex(key), "061e987ece410c1fd7e11303b746a5a9");
  EXPECT_EQ(hex(pdf_u_value(key, p)), "16616d32f0202a5c7a80085fb2f275fc");
  EXPECT_EQ(hex(pdf_file_key("secret", p)), "96164470c172749cb7d72340b7eafa3e");
  EXPECT_EQ(hex(pdf_object_key(key, {7, 0}, false)), "fc5124b506cb18507e73480858b04f89");
}

TEST(PdfSecurity, Algorithm2And4R2) {
  const PdfEncryptParams p = params(2, 5);
  const Bytes key = pdf_file_key("", p);
  EXPECT_EQ(hex(key), "ce238a9636");
  EXPECT_EQ(hex(pdf_u_value(key, p)),
            "f5866af9831d665167190e688c1e9c58d8c5d48e5d26e6d31aa8a7035c77131f");
}

TEST(PdfSecurity, Algorithm2BR6) {
  EXPECT_EQ(hex(pdf_hash_r6("", as_bytes("saltsalt"), {})),
            "f383e1cdcd8e7e67f45a599473d3f5a7bd181c381364391074cafe0713e3331d");
  EXPECT_EQ(hex(pdf_hash_r6("user", as_bytes("12345678"), {})),
            "33a74805a1940282ca67d2b4938a4f77db6f69c75e92e9f281f0743ef0111571");
}

TEST(PdfSecurity, OpensWithEmptyPasswordOnlyWhenItMatches) {
  PdfEncryptParams p = params(3, 16);
  p.u = std::string("\x16\x61\x6d\x32\xf0\x20\x2a\x5c\x7a\x80\x08\x5f\xb2\xf2\x75\xfc", 16) +
        std::string(16, '\0');
  PdfSecurity open(p, {"", "other"});
  EXPECT_TRUE(open.supported());
  EXPECT_TRUE(open.opened());
  EXPECT_EQ(open.password_index(), 0);
  p.u[0] = 'X';
  PdfSecurity closed(p, {"", "secret"});
  EXPECT_FALSE(closed.opened());
  EXPECT_EQ(closed.password_index(), -1);
}

TEST(PdfSecurity, AesRoundTripWithPadding) {
  const Bytes key(16, 0x42), iv(16, 0x01);
  Bytes enc = pdf_aes_cbc_encrypt(key, iv, as_bytes("attack at dawn!!x"), true);
  ASSERT_EQ(enc.size(), 32u);
  enc.insert(enc.begin(), iv.begin(), iv.end());
  const Bytes dec = pdf_aes_cbc_decrypt(key, enc);
  EXPECT_EQ(std::string(dec.begin(), dec.end()), "attack at dawn!!x");
  EXPECT_TRUE(pdf_aes_cbc_decrypt(key, Bytes(5, 0)).empty());  // shorter than an IV
}

TEST(PdfSecurity, UnsupportedHandler) {
  PdfEncryptParams p = params(3, 16);
  p.filter = "Adobe.PubSec";
  PdfSecurity s(p, {""});
  EXPECT_FALSE(s.supported());
  EXPECT_FALSE(s.opened());
}

}  // namespace
}  // namespace lg
