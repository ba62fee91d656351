// PowerPoint 97-2003 RC4 CryptoAPI and Excel XOR obfuscation, encrypted here from plain corpus
// files (the encrypting side is written in the test helpers from [MS-PPT] 2.3.7 and
// [MS-OFFCRYPTO] 2.3.7), and the closed-document finding of a message from outside the
// organisation through the whole engine.
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/ole/ole_analyzer.h"
#include "analyzers/ole/ole_encryption.h"
#include "analyzers/ole/vba_fixture.h"
#include "core/reader.h"
#include "core/testing/recording_context.h"
#include "core/transfer_encoding.h"
#include "engine/message_checks.h"
#include "engine/scan.h"
#include "formats/cfb/cfb_builder.h"
#include "formats/cfb/compound_file.h"
#include "formats/office_crypto/office_crypto_test_writer.h"
#include "formats/office_crypto/ppt_encryption.h"
#include "formats/office_crypto/rc4_document.h"
#include "formats/office_crypto/xor_obfuscation.h"

namespace lg {
namespace {

using testing::RecordingContext;

const std::string kOffice = std::string(LG_SHARED_DIR) + "/corpus/office/";

Bytes stream_of(const CompoundFile& cf, const char* name) {
  const CfbEntry* e = cf.find(name);
  if (!e) return {};
  auto b = cf.read_stream(*e, 1u << 24);
  return b ? std::move(*b) : Bytes();
}

std::vector<std::string> strings(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  auto* v = std::get_if<std::vector<std::string>>(&it->second);
  return v ? *v : std::vector<std::string>{};
}

// sample_with_vba.ppt (olevba lists Module1) encrypted with `password`.
struct EncryptedPptFile {
  Bytes plain_document;
  Bytes file;
  std::size_t objects = 0;
};
EncryptedPptFile encrypted_ppt(std::string_view password) {
  const std::string src = testing::read_file(kOffice + "olevba/sample_with_vba.ppt");
  auto cf = CompoundFile::open(as_bytes(src));
  EXPECT_TRUE(cf);
  EncryptedPptFile out;
  out.plain_document = stream_of(*cf, "PowerPoint Document");
  const testing::Rc4CryptoApiWriter w(password);
  const auto enc = testing::encrypt_ppt(stream_of(*cf, "Current User"), out.plain_document, w);
  testing::CfbBuilder b;
  b.stream("Current User", enc.current_user);
  b.stream("PowerPoint Document", enc.document);
  out.file = b.build();
  out.objects = enc.objects;
  return out;
}

TEST(OleEncryptionLegacy, PowerPointOpensWithThePasswordFromTheMessage) {
  const EncryptedPptFile ppt = encrypted_ppt("Q3-deck!");
  ASSERT_GT(ppt.objects, 3u);
  RecordingContext ctx;
  ctx.text_passwords = {"Q3-deck!"};
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(ppt.file, ctx).is_ok());
  EXPECT_EQ(ctx.str("encryption"), "Office binary RC4 CryptoAPI, 128-bit key (PowerPoint)");
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_FROM_MESSAGE));
  EXPECT_FALSE(ctx.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_EQ(ctx.num("persist_objects_decrypted"), static_cast<std::int64_t>(ppt.objects));
  // Encrypted, the ExOleObjStg holding the VBA storage is out of sight.
  EXPECT_TRUE(strings(ctx, "vba_modules").empty());
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "decrypted");

  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(child);
  const Bytes doc = stream_of(*child, "PowerPoint Document");
  ASSERT_GT(doc.size(), ppt.plain_document.size());
  EXPECT_TRUE(std::equal(ppt.plain_document.begin(), ppt.plain_document.end(), doc.begin()))
      << "every persist object decrypts to the original bytes";
  auto user = parse_current_user(stream_of(*child, "Current User"));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->header_token, kPptPlainToken);

  // The child is a plain presentation whose macro is the one olevba lists for the original.
  RecordingContext again;
  ASSERT_TRUE(a.analyze(ctx.children[0].data, again).is_ok());
  EXPECT_EQ(again.str("encryption"), "<missing>");
  EXPECT_EQ(strings(again, "vba_modules"), std::vector<std::string>{"Module1"});
  EXPECT_TRUE(again.has(Symbol::VBA_AUTOEXEC));
}

// encrypted.ppt (oletools' test data, saved by PowerPoint with 40-bit RC4 CryptoAPI and the
// password "encrypted", which olevba does not try): every persist object decrypts to the record
// its directory entry announces, each one ending where the next begins.
TEST(OleEncryptionLegacy, PowerPointSavedByOfficeDecrypts) {
  const std::string src = testing::read_file(kOffice + "encrypted/encrypted.ppt");
  RecordingContext ctx;
  ctx.text_passwords = {"encrypted"};
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(as_bytes(src), ctx).is_ok());
  EXPECT_EQ(ctx.str("encryption"), "Office binary RC4 CryptoAPI, 40-bit key (PowerPoint)");
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_FROM_MESSAGE));
  EXPECT_EQ(ctx.num("persist_objects_decrypted"), 3);
  ASSERT_EQ(ctx.children.size(), 1u);
  auto original = CompoundFile::open(as_bytes(src));
  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(original && child);
  auto user = parse_current_user(stream_of(*original, "Current User"));
  ASSERT_TRUE(user);
  auto enc = find_ppt_encryption(stream_of(*original, "PowerPoint Document"),
                                 user->offset_to_current_edit);
  ASSERT_TRUE(enc);
  const Bytes doc = stream_of(*child, "PowerPoint Document");
  // DocumentContainer, MainMaster, Slide ([MS-PPT] 2.13.24 RecordType), then the session.
  const std::uint16_t want[] = {0x03E8, 0x03F8, 0x03EE, 0x2F14};
  ASSERT_EQ(enc->persist.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto off = enc->persist[i].second;
    EXPECT_EQ(Reader(doc).u16le(off + 2).value_or(0), want[i]) << i;
    if (i + 1 < 4) {
      EXPECT_EQ(off + 8 + Reader(doc).u32le(off + 4).value_or(0), enc->persist[i + 1].second);
    }
  }
  // olevba could not open it and lists no macro; the decrypted child has none either.
  RecordingContext again;
  ASSERT_TRUE(a.analyze(ctx.children[0].data, again).is_ok());
  EXPECT_EQ(again.str("encryption"), "<missing>");
  EXPECT_TRUE(strings(again, "vba_modules").empty());
}

TEST(OleEncryptionLegacy, PowerPointDefaultPasswordAndClosedCases) {
  const EncryptedPptFile ppt = encrypted_ppt(kExcelDefaultPassword);
  OleAnalyzer a;
  RecordingContext ctx;
  ASSERT_TRUE(a.analyze(ppt.file, ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_USED));
  EXPECT_EQ(ctx.str("password_source"), "default");
  ASSERT_EQ(ctx.children.size(), 1u);

  const EncryptedPptFile closed = encrypted_ppt("not-given");
  RecordingContext inside;
  inside.text_passwords = {"guess"};
  ASSERT_TRUE(a.analyze(closed.file, inside).is_ok());
  EXPECT_TRUE(inside.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_FALSE(inside.has(Symbol::OFFICE_ENCRYPTED_EXTERNAL));
  EXPECT_EQ(inside.num("passwords_tried"), 2);
  EXPECT_TRUE(inside.children.empty());

  RecordingContext outside;
  outside.external_sender = true;
  ASSERT_TRUE(a.analyze(closed.file, outside).is_ok());
  EXPECT_TRUE(outside.has(Symbol::OFFICE_ENCRYPTED_EXTERNAL));
  EXPECT_FALSE(outside.has(Symbol::OFFICE_ENCRYPTED));
}

TEST(OleEncryptionLegacy, BrokenPowerPointEditChainStaysClosedWithItsReason) {
  EncryptedPptFile ppt = encrypted_ppt(kExcelDefaultPassword);
  auto cf = CompoundFile::open(ppt.file);
  ASSERT_TRUE(cf);
  Bytes user = stream_of(*cf, "Current User");
  Bytes doc = stream_of(*cf, "PowerPoint Document");
  testing::set32(user, 16, static_cast<std::uint32_t>(doc.size() - 4));  // no UserEditAtom there
  testing::CfbBuilder b;
  b.stream("Current User", user);
  b.stream("PowerPoint Document", doc);
  RecordingContext ctx;
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(b.build(), ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_EQ(ctx.str("encryption"), "PowerPoint encryption");
  EXPECT_TRUE(ctx.children.empty());
}

// [MS-XLS] 2.2.10: the records that stay clear (the writer's own list, from the spec).
bool xls_clear(std::uint16_t type) {
  for (std::uint16_t t : {0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138})
    if (type == t) return true;
  return false;
}

// A BIFF8 workbook obfuscated here with XOR Method 1 ([MS-OFFCRYPTO] 2.3.7.3): each byte
// becomes rol5(byte) ^ array[(offset + record size) % 16]; a FilePass (type 0, key, verifier)
// takes the place of the neutralised FilePass of the RC4-encrypted corpus workbook once it has
// been decrypted.
TEST(OleEncryptionLegacy, ExcelXorObfuscationOpensWithTheCandidatePassword) {
  const std::string src =
      testing::read_file(kOffice + "encrypted/autostart-encrypt-standardpassword.xls");
  OleAnalyzer a;
  RecordingContext first;
  ASSERT_TRUE(a.analyze(as_bytes(src), first).is_ok());
  ASSERT_EQ(first.children.size(), 1u);
  const Bytes plain_file = first.children[0].data;
  auto cf = CompoundFile::open(plain_file);
  ASSERT_TRUE(cf);
  const Bytes plain = stream_of(*cf, "Workbook");
  const std::string password = "Xo-2024";
  const auto pw = xor_password_bytes(password);
  ASSERT_TRUE(pw);
  const auto array = xor_array_method1(*pw);
  Bytes book = plain;
  bool filepass = false;
  for (std::size_t off = 0; off + 4 <= book.size();) {
    const std::uint16_t type = static_cast<std::uint16_t>(book[off] | book[off + 1] << 8);
    const std::size_t len = static_cast<std::size_t>(book[off + 2] | book[off + 3] << 8);
    const std::size_t body = off + 4, end = std::min(book.size(), body + len);
    if (type == 0 && !filepass && len >= 6) {
      filepass = true;
      book[off] = 0x2F;
      const std::uint16_t key = xor_key_method1(*pw), verifier = xor_password_verifier(*pw);
      book[body] = book[body + 1] = 0;
      book[body + 2] = static_cast<std::uint8_t>(key);
      book[body + 3] = static_cast<std::uint8_t>(key >> 8);
      book[body + 4] = static_cast<std::uint8_t>(verifier);
      book[body + 5] = static_cast<std::uint8_t>(verifier >> 8);
    } else if (!xls_clear(type)) {
      for (std::size_t i = type == 0x0085 ? body + 4 : body; i < end; ++i) {
        const auto b = book[i];
        book[i] = static_cast<std::uint8_t>(((b << 5) | (b >> 3)) ^ array[(i + len) % 16]);
      }
    }
    off = body + len;
  }
  ASSERT_TRUE(filepass);
  Bytes file = plain_file;
  auto ext = cf->stream_extents(*cf->find("Workbook"));
  ASSERT_TRUE(ext);
  std::size_t at = 0;
  for (const CfbExtent& x : *ext) {
    std::copy_n(book.begin() + static_cast<std::ptrdiff_t>(at), x.length,
                file.begin() + static_cast<std::ptrdiff_t>(x.offset));
    at += x.length;
  }

  RecordingContext ctx;
  ctx.passwords = {password};
  ASSERT_TRUE(a.analyze(file, ctx).is_ok());
  EXPECT_EQ(ctx.str("encryption"), "XOR obfuscation (Excel)");
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_XOR_OBFUSCATED));
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_USED));
  EXPECT_EQ(ctx.num("passwords_tried"), 2);
  EXPECT_TRUE(strings(ctx, "vba_modules").size() == strings(first, "vba_modules").size());
  ASSERT_EQ(ctx.children.size(), 1u);
  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(child);
  Bytes want = plain;
  Bytes got = stream_of(*child, "Workbook");
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got, want) << "the workbook decrypts to the RC4-decrypted original";

  RecordingContext closed;
  ASSERT_TRUE(a.analyze(file, closed).is_ok());
  EXPECT_TRUE(closed.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_TRUE(closed.has(Symbol::OFFICE_XOR_OBFUSCATED));
}

// A Word document with a VBA project, XOR-obfuscated here as [MS-DOC] 2.2.6.1 lays it out:
// fEncrypted and fObfuscation set, lKey the Method 2 verifier, WordDocument from byte 68, the
// whole table and Data streams under EncryptData_Method2 ([MS-OFFCRYPTO] 2.3.7.6, written in
// the test helpers). The streams come from harmless-clean.doc; the Data stream is made up.
struct XorWordFile {
  Bytes word, table, data;  // the plain streams
  Bytes file;
};
XorWordFile xor_word(std::string_view password) {
  const std::string src = testing::read_file(kOffice + "msodde/harmless-clean.doc");
  auto cf = CompoundFile::open(as_bytes(src));
  EXPECT_TRUE(cf);
  XorWordFile out;
  out.word = stream_of(*cf, "WordDocument");
  out.table = stream_of(*cf, "1Table");
  EXPECT_TRUE(Reader(out.word).u16le(kFibFlagsOffset).value_or(0) & kFibWhichTable);
  for (std::size_t i = 0; i < 1500; ++i) out.data.push_back(static_cast<std::uint8_t>(i % 97));
  const auto pw = xor_password_bytes(password, true);
  EXPECT_TRUE(pw);
  const std::uint32_t lkey = xor_password_verifier_method2(*pw);
  const auto array = testing::xor_array_method2_spec(*pw, xor_key_method1(*pw));
  Bytes word = out.word, table = out.table, data = out.data;
  word[kFibFlagsOffset + 1] |= (kFibEncrypted | kFibObfuscated) >> 8;
  for (int i = 0; i < 4; ++i) word[kFibLKeyOffset + i] = static_cast<std::uint8_t>(lkey >> (8 * i));
  testing::encrypt_data_method2(word, kFibBaseBytes, array);
  testing::encrypt_data_method2(table, 0, array);
  testing::encrypt_data_method2(data, 0, array);
  out.file = testing::vba_document(
      {{"NewMacros", "Sub AutoOpen()\r\nShell \"calc\"\r\nEnd Sub\r\n"}}, {"NewMacros"},
      {{"WordDocument", word}, {"1Table", table}, {"Data", data}});
  return out;
}

TEST(OleEncryptionLegacy, WordXorObfuscationOpensWithThePasswordFromTheMessage) {
  const std::string password = "Invoice-7781";
  const XorWordFile x = xor_word(password);
  OleAnalyzer a;
  RecordingContext ctx;
  ctx.text_passwords = {password};
  ASSERT_TRUE(a.analyze(x.file, ctx).is_ok());
  EXPECT_EQ(ctx.str("encryption"), "XOR obfuscation (Word)");
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_XOR_OBFUSCATED));
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_FROM_MESSAGE));
  EXPECT_FALSE(ctx.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_EQ(ctx.num("passwords_tried"), 2);  // VelvetSweatshop first
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "decrypted");
  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(child);
  EXPECT_EQ(stream_of(*child, "WordDocument"), x.word) << "FibBase back to a plain document";
  EXPECT_EQ(stream_of(*child, "1Table"), x.table);
  EXPECT_EQ(stream_of(*child, "Data"), x.data);
  // The child reads as plain, and its VBA project is found.
  RecordingContext again;
  ASSERT_TRUE(a.analyze(ctx.children[0].data, again).is_ok());
  EXPECT_EQ(again.str("encryption"), "<missing>");
  EXPECT_TRUE(again.children.empty());
  EXPECT_EQ(strings(again, "vba_modules"), std::vector<std::string>{"NewMacros"});
  EXPECT_TRUE(again.has(Symbol::VBA_AUTOEXEC));

  // Without the password it stays closed, with its reason.
  RecordingContext closed;
  closed.passwords = {"Invoice-7782"};
  ASSERT_TRUE(a.analyze(x.file, closed).is_ok());
  EXPECT_TRUE(closed.has(Symbol::OFFICE_XOR_OBFUSCATED));
  EXPECT_TRUE(closed.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_TRUE(closed.children.empty());
  EXPECT_EQ(closed.num("passwords_tried"), 2);
}

TEST(OleEncryptionLegacy, WordXorObfuscationWithExcelsDefaultPassword) {
  const XorWordFile x = xor_word(kExcelDefaultPassword);
  OleAnalyzer a;
  RecordingContext ctx;
  ASSERT_TRUE(a.analyze(x.file, ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_USED));
  EXPECT_EQ(ctx.str("password_source"), "default");
  ASSERT_EQ(ctx.children.size(), 1u);
  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(child);
  EXPECT_EQ(stream_of(*child, "1Table"), x.table);
  EXPECT_EQ(stream_of(*child, "Data"), x.data);
}

// Through the engine: the same closed document scores OFFICE_ENCRYPTED_EXTERNAL from a domain
// outside [sender] internal_domains / [brands] own, OFFICE_ENCRYPTED from inside, and
// OFFICE_ENCRYPTED when no domain is configured.
std::string message(std::string_view from, ByteView attachment) {
  return "From: " + std::string(from) +
         "\r\nTo: dev@exchange.example\r\nSubject: Deck\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
         "Content-Type: text/plain\r\n\r\nSee the deck.\r\n--b\r\n"
         "Content-Type: application/vnd.ms-powerpoint; name=\"deck.ppt\"\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=\"deck.ppt\"\r\n\r\n" +
         encode_base64(attachment) + "\r\n--b--\r\n";
}

std::vector<std::string> symbols_of(const Config& config, const std::string& mail) {
  TextScanner scanner;
  MessageChecks checks(config, nullptr);
  Report r;
  Scan s(config, scanner, r);
  s.set_message_checks(&checks, nullptr);
  s.run("mail.eml", as_bytes(mail));
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.symbol);
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(OleEncryptionLegacy, ClosedDocumentFromOutsideScoresItsOwnSymbol) {
  const EncryptedPptFile ppt = encrypted_ppt("never-sent");
  Config config = default_config();
  config.passwords = {};
  const std::string outside = message("recruiter@talent-hub.example", ppt.file);
  const std::string inside = message("colleague@mail.exchange.example", ppt.file);

  auto none = symbols_of(config, outside);
  EXPECT_TRUE(contains(none, "OFFICE_ENCRYPTED"));
  EXPECT_FALSE(contains(none, "OFFICE_ENCRYPTED_EXTERNAL"));

  config.own_domains = {"exchange.example"};  // [brands] own or [sender] internal_domains
  auto ext = symbols_of(config, outside);
  EXPECT_TRUE(contains(ext, "OFFICE_ENCRYPTED_EXTERNAL"));
  EXPECT_FALSE(contains(ext, "OFFICE_ENCRYPTED"));
  auto in = symbols_of(config, inside);
  EXPECT_TRUE(contains(in, "OFFICE_ENCRYPTED"));
  EXPECT_FALSE(contains(in, "OFFICE_ENCRYPTED_EXTERNAL"));
}

}  // namespace
}  // namespace lg
