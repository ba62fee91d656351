// The office_crypto layer on the corpus (ECMA-376 Agile files encrypted with Excel's default
// password, an Excel workbook under Office binary RC4) and on packages encrypted here with Standard
// and Agile encryption by an independent writer (office_crypto_test_writer.h).
#include <gtest/gtest.h>

#include <string>

#include "core/reader.h"
#include "core/testing/recording_context.h"
#include "formats/cfb/compound_file.h"
#include "formats/office_crypto/crypto_primitives.h"
#include "formats/office_crypto/encryption_info.h"
#include "formats/office_crypto/office_crypto_test_writer.h"
#include "formats/office_crypto/rc4_document.h"

namespace lg {
namespace {

const std::string kDir = std::string(LG_SHARED_DIR) + "/corpus/office/encrypted/";
constexpr std::string_view kDefault = "VelvetSweatshop";
const StopFn kNever = [] { return false; };

Bytes read_stream(const CompoundFile& cf, const char* name) {
  const CfbEntry* e = cf.find(name);
  if (!e) return {};
  auto b = cf.read_stream(*e, 64u << 20);
  return b ? std::move(*b) : Bytes();
}

bool is_zip(ByteView b) { return Reader(b).starts_with_at(0, "PK\x03\x04"); }

// Decrypts an EncryptionInfo/EncryptedPackage pair with `password`; empty when it fails.
Bytes open_package(ByteView info_bytes, ByteView package, std::string_view password) {
  auto info = parse_encryption_info(info_bytes);
  if (!info) return {};
  auto key = derive_package_key(*info, password, kNever);
  if (!key || !*key) return {};
  auto plain = decrypt_package(*info, **key, package, 64u << 20);
  return plain ? std::move(*plain) : Bytes();
}

TEST(OfficeCrypto, CorpusAgileFilesOpenWithTheDefaultPassword) {
  for (const char* f :
       {"autostart-encrypt-standardpassword.xlsm", "autostart-encrypt-standardpassword.xlsb",
        "dde-test-encrypt-standardpassword.xlsm", "dde-test-encrypt-standardpassword.xlsb",
        "dde-test-encrypt-standardpassword.xlsx"}) {
    const std::string file = testing::read_file(kDir + f);
    ASSERT_FALSE(file.empty()) << f;
    auto cf = CompoundFile::open(as_bytes(file));
    ASSERT_TRUE(cf) << f;
    const Bytes info = read_stream(*cf, "EncryptionInfo");
    const Bytes package = read_stream(*cf, "EncryptedPackage");
    auto parsed = parse_encryption_info(info);
    ASSERT_TRUE(parsed) << f;
    EXPECT_EQ(parsed->scheme, OfficeEncryption::kAgile) << f;
    EXPECT_EQ(parsed->describe(), "ECMA-376 Agile AES-128 SHA1, 100000 spins") << f;
    const Bytes plain = open_package(info, package, kDefault);
    EXPECT_TRUE(is_zip(plain)) << f;
    EXPECT_EQ(plain.size(), Reader(package).u64le(0).value_or(0)) << f;
    EXPECT_TRUE(open_package(info, package, "velvetsweatshop").empty()) << f;
  }
}

TEST(OfficeCrypto, CorpusFilesWithAnotherPasswordStayClosed) {
  for (const char* f : {"encrypted.docx", "encrypted.xlsx", "encrypted.pptx"}) {
    const std::string file = testing::read_file(kDir + f);
    auto cf = CompoundFile::open(as_bytes(file));
    ASSERT_TRUE(cf) << f;
    EXPECT_TRUE(open_package(read_stream(*cf, "EncryptionInfo"),
                             read_stream(*cf, "EncryptedPackage"), kDefault)
                    .empty())
        << f;
  }
}

TEST(OfficeCrypto, ExcelRc4WorkbookDecrypts) {
  const std::string file = testing::read_file(kDir + "autostart-encrypt-standardpassword.xls");
  auto cf = CompoundFile::open(as_bytes(file));
  ASSERT_TRUE(cf);
  Bytes book = read_stream(*cf, "Workbook");
  auto fp = find_filepass(book);
  ASSERT_TRUE(fp);
  EXPECT_EQ(fp->encryption_type, 1);
  auto enc = parse_rc4_encryption(fp->header);
  ASSERT_TRUE(enc) << enc.status().message();
  EXPECT_EQ(enc->scheme, OfficeEncryption::kRc4);  // version 1.1: RC4 with MD5
  Rc4Cipher cipher;
  EXPECT_FALSE(Rc4Document::open(*enc, "wrong", cipher));
  auto doc = Rc4Document::open(*enc, kDefault, cipher);
  ASSERT_TRUE(doc);
  ASSERT_TRUE(decrypt_workbook(book, *doc));
  EXPECT_FALSE(find_filepass(book));
  // Decrypted: BoundSheet8 names read as text ([MS-XLS] 2.4.28: lbPlyPos, hsState, dt,
  // ShortXLUnicodeString); the German workbook names its first sheet "Tabelle1".
  const std::string_view text = as_chars(book);
  EXPECT_NE(text.find("Tabelle1"), std::string_view::npos);
  // Every record up to the end parses, and the globals substream ends with EOF.
  Reader r(book);
  std::size_t off = 0, eofs = 0;
  while (r.has(off, 4)) {
    if (*r.u16le(off) == 0x000A) ++eofs;
    off += 4 + *r.u16le(off + 2);
  }
  EXPECT_EQ(off, book.size());
  EXPECT_GE(eofs, 2u);
}

TEST(OfficeCrypto, StandardEncryptionRoundTrip) {
  const Bytes package = testing::pattern(3, 10'000);
  const auto enc = testing::encrypt_standard(package, "s3cret-2024");
  auto info = parse_encryption_info(enc.encryption_info);
  ASSERT_TRUE(info) << info.status().message();
  EXPECT_EQ(info->scheme, OfficeEncryption::kStandard);
  EXPECT_EQ(info->standard.csp_name, "Microsoft Enhanced RSA and AES Cryptographic Provider");
  EXPECT_EQ(open_package(enc.encryption_info, enc.encrypted_package, "s3cret-2024"), package);
  EXPECT_TRUE(open_package(enc.encryption_info, enc.encrypted_package, "s3cret-2025").empty());
}

TEST(OfficeCrypto, AgileEncryptionRoundTripWithAKoreanPassword) {
  const Bytes package = testing::pattern(9, 3 * 4096 + 100);
  const auto enc = testing::encrypt_agile(package, "사과나무2024", 1000);
  auto info = parse_encryption_info(enc.encryption_info);
  ASSERT_TRUE(info) << info.status().message();
  EXPECT_EQ(info->describe(), "ECMA-376 Agile AES-256 SHA512, 1000 spins");
  EXPECT_EQ(open_package(enc.encryption_info, enc.encrypted_package, "사과나무2024"), package);
  EXPECT_TRUE(open_package(enc.encryption_info, enc.encrypted_package, "사과나무2023").empty());
}

TEST(OfficeCrypto, HasherIterateIsTheSpinLoopInAnyChunks) {
  for (const char* name : {"SHA1", "SHA512", "MD5"}) {
    Hasher h(name);
    Bytes naive = h.digest(testing::pattern(5, 40));
    Bytes next;
    for (std::uint32_t i = 0; i < 1000; ++i) {
      const std::uint8_t it[4] = {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8),
                                  0, 0};
      ASSERT_TRUE(h.digest_into(ByteView(it, 4), naive, next));
      naive.swap(next);
    }
    Bytes fast = h.digest(testing::pattern(5, 40));
    ASSERT_TRUE(h.iterate(fast, 0, 1));
    ASSERT_TRUE(h.iterate(fast, 1, 700));
    ASSERT_TRUE(h.iterate(fast, 701, 299));
    EXPECT_EQ(fast, naive) << name;
    Bytes wrong_size(3, 0);
    EXPECT_FALSE(h.iterate(wrong_size, 0, 1)) << name;
  }
}

TEST(OfficeCrypto, HugeSpinCountIsRefusedNotComputed) {
  auto enc = testing::encrypt_agile(testing::pattern(1, 100), "pw", 10);
  std::string xml(as_chars(enc.encryption_info).substr(8));
  xml.replace(xml.find("spinCount=\"10\""), 14, "spinCount=\"4000000000\"");
  Bytes info(enc.encryption_info.begin(), enc.encryption_info.begin() + 8);
  info.insert(info.end(), xml.begin(), xml.end());
  auto parsed = parse_encryption_info(info);
  ASSERT_TRUE(parsed);
  auto key = derive_package_key(*parsed, "pw", kNever);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.status().code(), ErrorCode::kLimit);
}

TEST(OfficeCrypto, StopAbandonsTheDerivation) {
  auto enc = testing::encrypt_agile(testing::pattern(1, 100), "pw", 10);
  auto parsed = parse_encryption_info(enc.encryption_info);
  ASSERT_TRUE(parsed);
  auto key = derive_package_key(*parsed, "pw", [] { return true; });
  ASSERT_FALSE(key);
  EXPECT_EQ(key.status().code(), ErrorCode::kCancelled);
}

TEST(OfficeCrypto, MalformedInfoIsAnError) {
  EXPECT_FALSE(parse_encryption_info(Bytes{4, 0}));
  EXPECT_FALSE(parse_encryption_info(Bytes{4, 0, 4, 0, 0x40, 0, 0, 0, '<', 'x'}));
  EXPECT_FALSE(parse_encryption_info(Bytes{9, 0, 9, 0, 0, 0, 0, 0}));
  Bytes standard = testing::encrypt_standard(testing::pattern(1, 16), "x").encryption_info;
  standard.resize(60);
  EXPECT_FALSE(parse_encryption_info(standard));
  EXPECT_FALSE(parse_rc4_encryption(Bytes{1, 0, 1, 0, 1, 2, 3}));
}

}  // namespace
}  // namespace lg
