// Encrypted documents generated with the spec's algorithms: RC4 (R3) and AES-128 (R4) with
// the empty user password, AES-256 (R6), and a document whose user password is real.
#include <gtest/gtest.h>

#include "analyzers/pdf/pdf_analyzer.h"
#include "analyzers/pdf/pdf_security.h"
#include "analyzers/pdf/pdf_test_builder.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using testing::hex_of;
using testing::PdfBuilder;
using testing::RecordingContext;

const std::string kId = "0123456789abcdef";
const std::string kO(32, 'O');
// /U for the empty password and for "secret" with kO, P -1028, kId, 128-bit R3/R4
// (algorithms 2 and 5, computed independently; see pdf_security_test.cpp).
const std::string kUEmpty = "16616d32f0202a5c7a80085fb2f275fc" + std::string(32, '0');
const std::string kUSecret = "a08aeb060d64fe9535297080f330e6d4" + std::string(32, '0');

PdfEncryptParams r3_params() {
  PdfEncryptParams p;
  p.filter = "Standard";
  p.r = 3;
  p.key_bytes = 16;
  p.o = kO;
  p.p = -1028;
  p.id0 = kId;
  return p;
}

std::string str(const Bytes& b) { return std::string(b.begin(), b.end()); }

// A document whose object 3 is a JavaScript action with an encrypted string and object 4 an
// encrypted page content stream, given the two encryption functions.
template <class EncString, class EncStream>
std::string document(const std::string& encrypt_dict, EncString enc_string, EncStream enc_stream) {
  PdfBuilder b;
  b.obj(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>");
  b.obj(2, "<< /Type /Pages /Count 1 /Kids [5 0 R] >>");
  b.obj(3, "<< /S /JavaScript /JS <" + hex_of(enc_string("app.alert('decrypted');", 3)) + "> >>");
  b.stream(4, "", enc_stream("BT /F1 12 Tf (Secret offer letter) Tj ET", 4));
  b.obj(5, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>");
  b.obj(9, encrypt_dict);
  b.finish("/Root 1 0 R /Encrypt 9 0 R /ID [<" + hex_of(kId) + "> <" + hex_of(kId) + ">]");
  return b.str();
}

RecordingContext run(const std::string& pdf) {
  RecordingContext ctx;
  PdfAnalyzer a;
  EXPECT_TRUE(a.analyze(as_bytes(pdf), ctx).is_ok());
  return ctx;
}

bool fact_bool(const RecordingContext& ctx, const std::string& k) {
  auto it = ctx.facts.find(k);
  return it != ctx.facts.end() && std::get<bool>(it->second);
}

TEST(PdfEncryption, Rc4EmptyUserPassword) {
  const Bytes key = pdf_file_key("", r3_params());
  auto rc4 = [&](const std::string& s, std::uint32_t num) {
    return str(pdf_rc4(pdf_object_key(key, {num, 0}, false), as_bytes(s)));
  };
  const std::string pdf = document("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1028 /O <" +
                                       hex_of(kO) + "> /U <" + kUEmpty + "> >>",
                                   rc4, rc4);
  RecordingContext ctx = run(pdf);
  EXPECT_TRUE(fact_bool(ctx, "encrypted"));
  EXPECT_TRUE(fact_bool(ctx, "empty_user_password_opens"));
  EXPECT_EQ(ctx.str("encryption"), "Standard V2 R3 RC4 128-bit");
  EXPECT_TRUE(ctx.has(Symbol::PDF_ENCRYPTED));
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "app.alert('decrypted');");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Secret offer letter\n");
  EXPECT_TRUE(ctx.has(Symbol::PDF_AUTO_JAVASCRIPT));
}

TEST(PdfEncryption, RealUserPasswordStaysClosed) {
  PdfEncryptParams p = r3_params();
  const Bytes key = pdf_file_key("secret", p);
  auto rc4 = [&](const std::string& s, std::uint32_t num) {
    return str(pdf_rc4(pdf_object_key(key, {num, 0}, false), as_bytes(s)));
  };
  const std::string pdf = document("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1028 /O <" +
                                       hex_of(kO) + "> /U <" + kUSecret + "> >>",
                                   rc4, rc4);
  RecordingContext ctx = run(pdf);
  EXPECT_TRUE(fact_bool(ctx, "encrypted"));
  EXPECT_FALSE(fact_bool(ctx, "empty_user_password_opens"));
  EXPECT_FALSE(fact_bool(ctx, "opened"));
  EXPECT_TRUE(ctx.has(Symbol::PDF_ENCRYPTED));
  // The action's keys are never encrypted: the script is there, but unreadable.
  EXPECT_TRUE(ctx.has(Symbol::PDF_JAVASCRIPT));
  EXPECT_EQ(ctx.all_text(TextKind::kScript).find("decrypted"), std::string::npos);
  // The same file opens with its password.
  p.u = std::string(16, '\0');
  const Bytes u = pdf_u_value(key, p);
  EXPECT_EQ(hex_of(str(u)), "A08AEB060D64FE9535297080F330E6D4");
}

TEST(PdfEncryption, Aes128EmptyUserPassword) {
  const Bytes key = pdf_file_key("", r3_params());  // R4 with metadata encrypted: as R3
  auto aes = [&](const std::string& s, std::uint32_t num) {
    const Bytes iv(16, static_cast<std::uint8_t>(num));
    Bytes out = iv;
    const Bytes c = pdf_aes_cbc_encrypt(pdf_object_key(key, {num, 0}, true), iv, as_bytes(s), true);
    out.insert(out.end(), c.begin(), c.end());
    return str(out);
  };
  const std::string pdf = document(
      "<< /Filter /Standard /V 4 /R 4 /Length 128 /P -1028 /O <" + hex_of(kO) + "> /U <" + kUEmpty +
          "> /CF << /StdCF << /CFM /AESV2 /Length 16 /AuthEvent /DocOpen >> >> "
          "/StmF /StdCF /StrF /StdCF >>",
      aes, aes);
  RecordingContext ctx = run(pdf);
  EXPECT_TRUE(fact_bool(ctx, "empty_user_password_opens"));
  EXPECT_EQ(ctx.str("encryption"), "Standard V4 R4 AESV2 128-bit");
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "app.alert('decrypted');");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Secret offer letter\n");
}

TEST(PdfEncryption, Aes256R6EmptyUserPassword) {
  const Bytes file_key(32, 0x11);
  const std::string vsalt = "saltsalt", ksalt = "keysalt!";
  const Bytes h = pdf_hash_r6("", as_bytes(vsalt), {});
  const std::string u = str(h) + vsalt + ksalt;
  const Bytes ue =
      pdf_aes_cbc_encrypt(pdf_hash_r6("", as_bytes(ksalt), {}), Bytes(16, 0), file_key, false);
  ASSERT_EQ(ue.size(), 32u);
  auto aes = [&](const std::string& s, std::uint32_t num) {
    const Bytes iv(16, static_cast<std::uint8_t>(num));
    Bytes out = iv;
    const Bytes c = pdf_aes_cbc_encrypt(file_key, iv, as_bytes(s), true);
    out.insert(out.end(), c.begin(), c.end());
    return str(out);
  };
  const std::string pdf =
      document("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -1028 /O <" +
                   hex_of(std::string(48, 'o')) + "> /U <" + hex_of(u) + "> /OE <" +
                   hex_of(std::string(32, 'e')) + "> /UE <" + hex_of(str(ue)) +
                   "> /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> "
                   "/StmF /StdCF /StrF /StdCF >>",
               aes, aes);
  RecordingContext ctx = run(pdf);
  EXPECT_TRUE(fact_bool(ctx, "empty_user_password_opens"));
  EXPECT_EQ(ctx.str("encryption"), "Standard V5 R6 AESV3 256-bit");
  EXPECT_EQ(ctx.all_text(TextKind::kScript), "app.alert('decrypted');");
  EXPECT_EQ(ctx.all_text(TextKind::kDocument), "Secret offer letter\n");
}

}  // namespace
}  // namespace lg
