// Lexer and object parser (ISO 32000-1 7.2, 7.3) on hand-written inputs.
#include "analyzers/pdf/pdf_object.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

PdfObject parse(std::string_view s) {
  PdfLexer lex(s);
  ParsedObject po = parse_pdf_object(lex);
  EXPECT_TRUE(po.ok) << s;
  return po.object;
}

TEST(PdfLexer, LiteralStringEscapes) {
  // 7.3.4.2: escapes, octal (1-3 digits), balanced parentheses, continuation, EOL as LF.
  const PdfObject o = parse("(a\\n\\(b\\)\\\\ \\101\\0617 (nested) \\\r\nx\ry\r\nz\\q)");
  ASSERT_EQ(o.kind, PdfObject::Kind::kString);
  EXPECT_EQ(o.str, std::string("a\n(b)\\ A17 (nested) x\ny\nzq"));
}

TEST(PdfLexer, HexStringOddDigitsAndSpaces) {
  const PdfObject o = parse("<48 65 6c6C 6>");
  EXPECT_EQ(o.str, std::string("Hell`"));
}

TEST(PdfLexer, NamesWithEscapes) {
  PdfLexer lex("/J#61vaScript /A#20B /Plain");
  Token t = lex.next();
  EXPECT_EQ(t.text, "JavaScript");
  EXPECT_TRUE(t.escaped);  // #61 is 'a': needless, so obfuscation
  t = lex.next();
  EXPECT_EQ(t.text, "A B");
  EXPECT_FALSE(t.escaped);  // a space must be escaped
  t = lex.next();
  EXPECT_EQ(t.text, "Plain");
  EXPECT_EQ(lex.escaped_names(), 1u);
}

TEST(PdfLexer, Numbers) {
  PdfLexer lex("123 -17 +4 3.5 -.002 4. 99999999999999999999 --5 % comment\n 1e5");
  EXPECT_EQ(lex.next().integer, 123);
  EXPECT_EQ(lex.next().integer, -17);
  EXPECT_EQ(lex.next().integer, 4);
  EXPECT_DOUBLE_EQ(lex.next().real, 3.5);
  EXPECT_DOUBLE_EQ(lex.next().real, -0.002);
  EXPECT_DOUBLE_EQ(lex.next().real, 4.0);
  Token big = lex.next();
  EXPECT_EQ(big.type, TokenType::kReal);  // too large for an integer: kept as a real
  EXPECT_EQ(lex.next().type, TokenType::kKeyword);
  EXPECT_EQ(lex.next().type, TokenType::kKeyword);  // "1e5" is not a PDF number
  EXPECT_EQ(lex.next().type, TokenType::kEnd);
}

TEST(PdfObjectParser, DictionaryWithReferencesAndArrays) {
  const PdfObject o =
      parse("<< /Type /Catalog /Pages 2 0 R /Kids [1 0 R 2 3 /N true null] /Empty >>");
  ASSERT_TRUE(o.is_dict());
  EXPECT_TRUE(o.get("Type")->is_name("Catalog"));
  ASSERT_EQ(o.get("Pages")->kind, PdfObject::Kind::kRef);
  EXPECT_EQ(o.get("Pages")->ref.num, 2u);
  const PdfObject* kids = o.get("Kids");
  ASSERT_TRUE(kids->is_array());
  ASSERT_EQ(kids->items.size(), 6u);
  EXPECT_EQ(kids->items[0].kind, PdfObject::Kind::kRef);
  EXPECT_EQ(kids->items[1].integer, 2);
  EXPECT_EQ(kids->items[2].integer, 3);
  EXPECT_TRUE(kids->items[4].boolean);
  EXPECT_EQ(o.get("Empty")->kind, PdfObject::Kind::kNull);
}

TEST(PdfObjectParser, StopsBeforeTheNextObject) {
  // An unterminated dictionary must not swallow the next object's header.
  const std::string s = "<< /A 1 /B [2 3 2 0 obj << /C 4 >> endobj";
  PdfLexer lex(s);
  ParsedObject po = parse_pdf_object(lex);
  EXPECT_TRUE(po.ok);
  EXPECT_TRUE(po.truncated);
  lex.skip_space();
  EXPECT_EQ(s.substr(lex.pos(), 3), "obj");
}

TEST(PdfObjectParser, DeepNestingIsCut) {
  std::string s(200000, '[');
  s += std::string(200000, ']');
  PdfLexer lex(s);
  ParsedObject po = parse_pdf_object(lex);
  EXPECT_TRUE(po.ok);
  EXPECT_TRUE(po.too_deep);
  std::size_t depth = 0;
  for (const PdfObject* o = &po.object; o->is_array() && !o->items.empty(); o = &o->items[0]) {
    ++depth;
  }
  EXPECT_LT(depth, kPdfMaxDepth);
  EXPECT_EQ(lex.pos(), s.size());
}

TEST(PdfObjectParser, UnterminatedStringEndsAtInputEnd) {
  PdfLexer lex("(never closed ((");
  ParsedObject po = parse_pdf_object(lex);
  EXPECT_TRUE(po.ok);
  EXPECT_EQ(po.object.str, "never closed ((");
}

}  // namespace
}  // namespace lg
