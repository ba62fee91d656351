// XOR obfuscation primitives ([MS-OFFCRYPTO] 2.3.7) and the PowerPoint edit-chain walk
// ([MS-PPT] 2.1.2, 2.3.7) on hand-built streams.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/office_crypto/office_crypto_test_writer.h"
#include "formats/office_crypto/ppt_encryption.h"
#include "formats/office_crypto/xor_obfuscation.h"

namespace lg {
namespace {

using testing::put32;
using testing::record_header;

TEST(XorObfuscation, VerifierOfExcelsDefaultPassword) {
  // The verifier Excel writes in a FilePass for "VelvetSweatshop" (bytes 0A 9A).
  EXPECT_EQ(xor_password_verifier("VelvetSweatshop"), 0x9A0A);
  EXPECT_NE(xor_password_verifier("VelvetSweatshoq"), 0x9A0A);
  // A FilePass written by Excel for "1950": 2F 00 06 00 00 00 9A 49 61 CC (key, verifier).
  EXPECT_EQ(xor_key_method1("1950"), 0x499A);
  EXPECT_EQ(xor_password_verifier("1950"), 0xCC61);
  const auto opened = open_xor(XorObfuscation{0x499A, 0xCC61}, "1950");
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, xor_array_method1("1950"));
}

TEST(XorObfuscation, PasswordBytesAndArray) {
  EXPECT_EQ(xor_password_bytes("abc"), "abc");
  // U+D55C: low byte 0x5C; U+0100: low byte 0, so the high byte 0x01.
  EXPECT_EQ(xor_password_bytes("\xED\x95\x9C\xC4\x80"), std::string("\x5C\x01"));
  EXPECT_FALSE(xor_password_bytes(""));
  EXPECT_FALSE(xor_password_bytes("sixteen-chars-xx"));
  EXPECT_TRUE(xor_password_bytes("fifteen-chars-x"));
  // Every length up to 15 (the key walks the whole XOR matrix at 15); one character changed
  // changes the array.
  for (std::string pw = "a"; pw.size() <= kMaxXorPasswordChars; pw.push_back('k')) {
    std::string other = pw;
    other.back() = 'q';
    EXPECT_NE(xor_array_method1(pw), xor_array_method1(other)) << pw;
  }
  const XorObfuscation x{xor_key_method1("pw"), xor_password_verifier("pw")};
  EXPECT_TRUE(open_xor(x, "pw"));
  EXPECT_FALSE(open_xor(x, "pW"));
}

TEST(XorObfuscation, Method2VerifierOfAKnownPassword) {
  // [ECMA-376] Part 4 (legacy document protection, the same 32-bit value as 2.3.7.4) gives
  // 0x64CEED7E for "Example": the key 0x64CE, the Method 1 verifier 0xED7E.
  EXPECT_EQ(xor_password_verifier_method2("Example"), 0x64CEED7Eu);
  EXPECT_TRUE(open_word_xor(0x64CEED7E, "Example"));
  EXPECT_FALSE(open_word_xor(0x64CEED7E, "example"));
  EXPECT_FALSE(open_word_xor(0x64CEED7E, ""));
  // A Word password longer than 15 characters counts by its first 15 (2.3.7.4).
  const std::uint32_t lkey = xor_password_verifier_method2("fifteen-chars-x");
  EXPECT_TRUE(open_word_xor(lkey, "fifteen-chars-x and more"));
  EXPECT_FALSE(open_word_xor(lkey, "fifteen-chars-"));
}

TEST(XorObfuscation, Method2ArrayIsTheMethod1Array) {
  // 2.3.7.5 builds the array front to back from the key of CreateXorKey_Method1; 2.3.7.2 builds
  // it from both ends. Both give the same bytes for every password length.
  for (std::string pw = "V"; pw.size() <= kMaxXorPasswordChars; pw.push_back('a' + pw.size())) {
    const auto spec = testing::xor_array_method2_spec(pw, xor_key_method1(pw));
    EXPECT_EQ(xor_array_method1(pw), spec) << pw;
    const auto opened = open_word_xor(xor_password_verifier_method2(pw), pw);
    ASSERT_TRUE(opened) << pw;
    EXPECT_EQ(*opened, spec) << pw;
  }
}

TEST(XorObfuscation, Method2TransformKeepsZeroAndKeyBytes) {
  const auto array = xor_array_method1("secret");
  Bytes plain(300);
  for (std::size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<std::uint8_t>(i * 7);
  plain[100] = 0;
  plain[101] = array[101 % 16];  // written as it is
  Bytes enc = plain;
  testing::encrypt_data_method2(enc, 68, array);
  EXPECT_TRUE(std::equal(plain.begin(), plain.begin() + 68, enc.begin()));
  EXPECT_EQ(enc[100], 0);
  EXPECT_EQ(enc[101], array[101 % 16]);
  EXPECT_EQ(enc[69], static_cast<std::uint8_t>(plain[69] ^ array[69 % 16]));
  EXPECT_NE(enc, plain);
  xor_method2(enc, 68, array);
  EXPECT_EQ(enc, plain);
}

// A PowerPoint Document stream: one persist object, a PersistDirectoryAtom and a UserEditAtom
// whose record length is `edit_len` (0x20 with encryptSessionPersistIdRef = `session`).
Bytes ppt_stream(std::uint32_t edit_len, std::uint32_t session, std::uint32_t last_edit = 0) {
  Bytes d;
  record_header(d, 0x000F, 0x03E8, 4);  // DocumentContainer-like object, persist id 1
  put32(d, 0);
  const auto dir_at = static_cast<std::uint32_t>(d.size());
  record_header(d, 0, 0x1772, 12);
  put32(d, 1u | 2u << 20);  // ids 1 and 2
  put32(d, 0);
  put32(d, 0);  // id 2 at offset 0 too (a CryptSession10Container would be here)
  const auto edit_at = static_cast<std::uint32_t>(d.size());
  record_header(d, 0, 0x0FF5, edit_len);
  for (std::uint32_t v : {0u, 0u, last_edit, dir_at, 1u, 2u, 0u}) put32(d, v);
  if (edit_len == 0x20) put32(d, session);
  EXPECT_EQ(edit_at, 32u);
  return d;
}

TEST(PptEncryption, EditChainErrorsNameTheirCause) {
  auto no_session = find_ppt_encryption(ppt_stream(0x1C, 0), 32);
  ASSERT_FALSE(no_session);
  EXPECT_NE(no_session.status().message().find("names no CryptSession10Container"),
            std::string::npos);
  auto not_a_container = find_ppt_encryption(ppt_stream(0x20, 2), 32);
  ASSERT_FALSE(not_a_container);
  EXPECT_NE(not_a_container.status().message().find("no CryptSession10Container"),
            std::string::npos);
  auto unknown_id = find_ppt_encryption(ppt_stream(0x20, 9), 32);
  ASSERT_FALSE(unknown_id);
  EXPECT_NE(unknown_id.status().message().find("no persist entry"), std::string::npos);
  auto forward = find_ppt_encryption(ppt_stream(0x20, 2, 40), 32);
  ASSERT_FALSE(forward);
  EXPECT_NE(forward.status().message().find("backwards"), std::string::npos);
  EXPECT_FALSE(find_ppt_encryption(ppt_stream(0x20, 2), 5));
}

TEST(PptEncryption, CurrentUserAtom) {
  Bytes cu;
  record_header(cu, 0, 0x0FF6, 20);
  put32(cu, 0x14);
  put32(cu, kPptEncryptedToken);
  put32(cu, 1234);
  auto u = parse_current_user(cu);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->encrypted());
  EXPECT_EQ(u->offset_to_current_edit, 1234u);
  cu[8] = 0x15;  // size MUST be 0x14
  EXPECT_FALSE(parse_current_user(cu));
}

}  // namespace
}  // namespace lg
