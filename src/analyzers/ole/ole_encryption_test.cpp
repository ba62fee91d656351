// Encrypted Office documents through the whole engine: the corpus files encrypted with Excel's
// default password decrypt to children whose VBA modules are the ones olevba lists after its
// own decryption (office-expected/encrypted_*.olevba.json), and hand-made messages carry a
// document encrypted here (Standard or Agile) whose password is written in the body.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analyzers/ole/ole_analyzer.h"
#include "analyzers/ole/ole_encryption.h"
#include "core/reader.h"
#include "core/testing/recording_context.h"
#include "core/testing/reference_json.h"
#include "core/transfer_encoding.h"
#include "engine/scan.h"
#include "formats/cfb/compound_file.h"
#include "formats/office_crypto/office_crypto_test_writer.h"
#include "formats/office_crypto/rc4_document.h"

namespace lg {
namespace {

const std::string kEncrypted = std::string(LG_SHARED_DIR) + "/corpus/office/encrypted/";
const std::string kExpected = std::string(LG_SHARED_DIR) + "/corpus/office-expected/";

struct EngineFixture : ::testing::Test {
  Config config = default_config();
  TextScanner scanner;
  Report scan(const std::string& name, ByteView data) {
    Report r;
    Scan s(config, scanner, r);
    s.run(name, data);
    return r;
  }
  static const Finding* finding(const Report& r, std::string_view symbol) {
    for (const auto& f : r.findings)
      if (f.symbol == symbol) return &f;
    return nullptr;
  }
  static const ObjectNode* decrypted(const Report& r) {
    for (const auto& o : r.objects)
      if (o.relation == "decrypted") return &o;
    return nullptr;
  }
  static std::string fact(const ObjectNode& o, std::string_view key) {
    for (const auto& [k, v] : o.facts)
      if (k == key)
        if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
  }
  // VBA module names reported by object `id` and everything below it.
  static std::set<std::string> modules_below(const Report& r, int id) {
    std::set<std::string> out;
    for (const auto& o : r.objects) {
      int p = o.id;
      while (p >= 0 && p != id) p = r.objects[static_cast<std::size_t>(p)].parent;
      if (p != id) continue;
      for (const auto& [k, v] : o.facts)
        if (k == "vba_modules")
          for (const auto& m : std::get<std::vector<std::string>>(v)) out.insert(m);
    }
    return out;
  }
};

// Module names olevba listed for the decrypted document (the part with a "container"), without
// their .bas/.cls/.frm extension; its XLM pseudo-module is left out (not VBA).
std::set<std::string> olevba_decrypted_modules(const std::string& path) {
  std::set<std::string> out;
  const testing::Json doc = testing::read_json_file(path);
  for (const testing::Json* result : testing::olevba_results(doc)) {
    if (testing::json_string(testing::json_get(*result, "container")).empty()) continue;
    const testing::Json* macros = testing::json_get(*result, "macros");
    if (!macros || !macros->is_array()) continue;
    for (const testing::Json& m : *macros) {
      const std::string name = testing::json_string(testing::json_get(m, "vba_filename"));
      if (name.empty() || name == "xlm_macro.txt") continue;
      out.insert(name.substr(0, name.rfind('.')));
    }
  }
  return out;
}

TEST_F(EngineFixture, DefaultPasswordFilesGiveOlevbasModules) {
  for (const char* f :
       {"autostart-encrypt-standardpassword.xlsm", "autostart-encrypt-standardpassword.xlsb",
        "autostart-encrypt-standardpassword.xls"}) {
    const std::string data = testing::read_file(kEncrypted + f);
    const std::set<std::string> want =
        olevba_decrypted_modules(kExpected + "encrypted_" + f + ".olevba.json");
    ASSERT_FALSE(want.empty()) << f;
    const Report r = scan(f, as_bytes(data));
    const ObjectNode* d = decrypted(r);
    ASSERT_NE(d, nullptr) << f;
    EXPECT_EQ(modules_below(r, d->id), want) << f;
    const Finding* used = finding(r, "OFFICE_PASSWORD_USED");
    ASSERT_NE(used, nullptr) << f;
    EXPECT_EQ(used->evidence.value, kExcelDefaultPassword);
    EXPECT_EQ(fact(r.objects[0], "password_source"), "default") << f;
    EXPECT_EQ(finding(r, "OFFICE_ENCRYPTED"), nullptr) << f;
    // The decrypted document is analyzed as a plain one: nothing below it is encrypted.
    for (const auto& o : r.objects) {
      if (o.id != 0) {
        EXPECT_EQ(fact(o, "encryption"), "") << f << " " << o.path;
      }
    }
    EXPECT_NE(finding(r, "VBA_AUTOEXEC"), nullptr) << f;
  }
}

TEST_F(EngineFixture, OtherCorpusFilesStayClosedWithTheirScheme) {
  config.passwords = {};
  for (const char* f : {"encrypted.docx", "encrypted.doc", "encrypted.xls", "encrypted.ppt"}) {
    const std::string data = testing::read_file(kEncrypted + f);
    const Report r = scan(f, as_bytes(data));
    const Finding* closed = finding(r, "OFFICE_ENCRYPTED");
    ASSERT_NE(closed, nullptr) << f;
    EXPECT_EQ(decrypted(r), nullptr) << f;
    EXPECT_FALSE(closed->evidence.value.empty()) << f;
    std::cout << f << ": " << closed->evidence.value << " / " << closed->evidence.detail << "\n";
  }
}

std::string message(std::string_view body, ByteView attachment) {
  return "From: recruiter@talent-hub.example\r\nTo: dev@exchange.example\r\n"
         "Subject: Job description\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
         "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
         std::string(body) +
         "\r\n--b\r\nContent-Type: application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document; name=\"JD.docx\"\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=\"JD.docx\"\r\n\r\n" +
         encode_base64(attachment) + "\r\n--b--\r\n";
}

TEST_F(EngineFixture, PasswordFromTheMessageBodyOpensTheAttachment) {
  const std::string docx =
      testing::read_file(std::string(LG_SHARED_DIR) + "/corpus/office/msodde/dde-test.docx");
  ASSERT_FALSE(docx.empty());
  struct Case {
    const char* body;
    const char* password;
    bool agile;
  };
  for (const Case& c : {Case{"안녕하세요. 첨부 파일 비밀번호: Kx7q2024 입니다.", "Kx7q2024", true},
                        Case{"Please review. The password: JD-4471", "JD-4471", false}}) {
    const Bytes package(docx.begin(), docx.end());
    const auto enc = c.agile ? testing::encrypt_agile(package, c.password, 1000)
                             : testing::encrypt_standard(package, c.password);
    const Bytes ole = testing::encrypted_ole(enc);
    const std::string mail = message(c.body, ole);
    const Report r = scan("mail.eml", as_bytes(mail));
    const Finding* used = finding(r, "OFFICE_PASSWORD_FROM_MESSAGE");
    ASSERT_NE(used, nullptr) << c.body;
    EXPECT_EQ(used->evidence.value, c.password);
    EXPECT_EQ(finding(r, "OFFICE_PASSWORD_USED"), nullptr);
    EXPECT_EQ(finding(r, "OFFICE_ENCRYPTED"), nullptr);
    const ObjectNode* d = decrypted(r);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->type, "ooxml_word");
    EXPECT_EQ(d->size, package.size());
    EXPECT_NE(finding(r, "DDE_COMMAND"), nullptr) << "the decrypted document is analyzed";

    // Without the password in the body the document stays closed.
    const Report closed = scan("mail.eml", as_bytes(message("See attached.", ole)));
    EXPECT_NE(finding(closed, "OFFICE_ENCRYPTED"), nullptr);
    EXPECT_EQ(decrypted(closed), nullptr);
  }
}

TEST(OleEncryption, ConfiguredPasswordIsNotFromTheMessage) {
  const Bytes package = testing::pattern(1, 2000);
  const Bytes ole = testing::encrypted_ole(testing::encrypt_agile(package, "infected", 100));
  testing::RecordingContext ctx;
  ctx.passwords = {"wrong", "infected"};
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(ole, ctx).is_ok());
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_USED));
  EXPECT_FALSE(ctx.has(Symbol::OFFICE_PASSWORD_FROM_MESSAGE));
  EXPECT_EQ(ctx.str("password_source"), "configured");
  EXPECT_EQ(ctx.num("passwords_tried"), 3);  // VelvetSweatshop, wrong, infected
  ASSERT_EQ(ctx.children.size(), 1u);
  EXPECT_EQ(ctx.children[0].info.relation, "decrypted");
  EXPECT_EQ(ctx.children[0].data, package);
}

TEST(OleEncryption, UnopenedDocumentSaysWhatWasTried) {
  const Bytes ole =
      testing::encrypted_ole(testing::encrypt_standard(testing::pattern(1, 64), "unknown"));
  testing::RecordingContext ctx;
  ctx.text_passwords = {"guess"};
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(ole, ctx).is_ok());
  ASSERT_TRUE(ctx.has(Symbol::OFFICE_ENCRYPTED));
  EXPECT_EQ(ctx.str("encryption"), "ECMA-376 Standard AES-128 SHA-1");
  EXPECT_EQ(ctx.num("passwords_tried"), 2);
  EXPECT_TRUE(ctx.children.empty());
}

Bytes stream_of(const CompoundFile& cf, const char* name) {
  const CfbEntry* e = cf.find(name);
  if (!e) return {};
  auto b = cf.read_stream(*e, 1u << 24);
  return b ? std::move(*b) : Bytes();
}

void put_stream(const CompoundFile& cf, const char* name, const Bytes& data, Bytes& file) {
  auto ext = cf.stream_extents(*cf.find(name));
  ASSERT_TRUE(ext);
  std::size_t at = 0;
  for (const CfbExtent& x : *ext) {
    std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(at), x.length,
                file.begin() + static_cast<std::ptrdiff_t>(x.offset));
    at += x.length;
  }
}

// A plain Word document encrypted here with RC4 CryptoAPI as [MS-DOC] 2.2.6.2 lays it out: the
// header at the start of the table stream (FibBase.lKey bytes), WordDocument from byte 68, the
// rest of the table stream and the Data stream under the keystream. The decrypted child is the
// original document again, with the header left in the table stream.
TEST(OleEncryption, WordRc4CryptoApiDecryptsInPlace) {
  const std::string src =
      testing::read_file(std::string(LG_SHARED_DIR) + "/corpus/office/msodde/harmless-clean.doc");
  auto cf = CompoundFile::open(as_bytes(src));
  ASSERT_TRUE(cf);
  const Bytes word = stream_of(*cf, "WordDocument");
  const char* table_name =
      Reader(word).u16le(kFibFlagsOffset).value_or(0) & kFibWhichTable ? "1Table" : "0Table";
  const Bytes table = stream_of(*cf, table_name);
  const testing::Rc4CryptoApiWriter w("Passw0rd");
  const Bytes header = w.header();
  ASSERT_GT(table.size(), header.size());
  // What the child must hold.
  Bytes want_table = table;
  std::copy(header.begin(), header.end(), want_table.begin());
  // The encrypted streams.
  Bytes enc_word = word, enc_table = want_table;
  const Bytes ks_word = w.keystream(word.size(), kWordRc4Block);
  for (std::size_t i = kFibBaseBytes; i < enc_word.size(); ++i) enc_word[i] ^= ks_word[i];
  const Bytes ks_table = w.keystream(table.size(), kWordRc4Block);
  for (std::size_t i = header.size(); i < enc_table.size(); ++i) enc_table[i] ^= ks_table[i];
  enc_word[kFibFlagsOffset + 1] |= kFibEncrypted >> 8;
  for (int i = 0; i < 4; ++i)
    enc_word[kFibLKeyOffset + i] = static_cast<std::uint8_t>(header.size() >> (8 * i));
  Bytes file(src.begin(), src.end());
  put_stream(*cf, "WordDocument", enc_word, file);
  put_stream(*cf, table_name, enc_table, file);

  testing::RecordingContext ctx;
  ctx.passwords = {"Passw0rd"};
  OleAnalyzer a;
  ASSERT_TRUE(a.analyze(file, ctx).is_ok());
  EXPECT_EQ(ctx.str("encryption"), "Office binary RC4 CryptoAPI, 128-bit key (Word)");
  EXPECT_TRUE(ctx.has(Symbol::OFFICE_PASSWORD_USED));
  ASSERT_EQ(ctx.children.size(), 1u);
  auto child = CompoundFile::open(ctx.children[0].data);
  ASSERT_TRUE(child);
  EXPECT_EQ(stream_of(*child, "WordDocument"), word);
  EXPECT_EQ(stream_of(*child, table_name), want_table);
  // The child reads as a plain document: analyzing it finds no encryption.
  testing::RecordingContext again;
  ASSERT_TRUE(a.analyze(ctx.children[0].data, again).is_ok());
  EXPECT_EQ(again.str("encryption"), "<missing>");
  EXPECT_TRUE(again.children.empty());

  // A wrong password leaves it closed.
  testing::RecordingContext wrong;
  wrong.passwords = {"passw0rd"};
  ASSERT_TRUE(a.analyze(file, wrong).is_ok());
  EXPECT_TRUE(wrong.has(Symbol::OFFICE_ENCRYPTED));
}

}  // namespace
}  // namespace lg
