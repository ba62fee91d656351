// Text strings (ISO 32000-1 7.9.2.2, Annex D PDFDocEncoding) and content-stream text
// (9.4.3 text-showing operators, 8.9.7 inline images skipped, 9.6.6 simple-font encodings).
#include "analyzers/pdf/pdf_text.h"

#include <array>
#include <vector>

#include "core/charset.h"

namespace lg {
namespace {

constexpr std::size_t kMaxOperands = 64;  // operands kept before an operator

void put_utf8(std::string& out, char32_t c) {
  if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
  if (c > 0x10FFFF) c = 0xFFFD;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Annex D.2: PDFDocEncoding differs from Latin-1 at 0x18-0x1F and 0x80-0xA0.
constexpr std::array<char16_t, 8> kPdfDoc18 = {0x02D8, 0x02C7, 0x02C6, 0x02D9,
                                               0x02DD, 0x02DB, 0x02DA, 0x02DC};
constexpr std::array<char16_t, 33> kPdfDoc80 = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
    0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
    0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD, 0x20AC};
// windows-1252 (WinAnsiEncoding, Annex D.1) at 0x80-0x9F; undefined codes as U+FFFD.
constexpr std::array<char16_t, 32> kWin80 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string win_ansi_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    put_utf8(out, b >= 0x80 && b <= 0x9F ? kWin80[b - 0x80] : b);
  }
  return out;
}

bool plain_ascii_op(std::string_view op) { return op == "Tj" || op == "'" || op == "\""; }

}  // namespace

std::string pdf_text_string_to_utf8(std::string_view s) {
  std::string out;
  if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xFE &&
      static_cast<unsigned char>(s[1]) == 0xFF) {
    out.reserve(s.size());
    for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
      char32_t u =
          (char32_t(static_cast<unsigned char>(s[i])) << 8) | static_cast<unsigned char>(s[i + 1]);
      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
        const char32_t lo = (char32_t(static_cast<unsigned char>(s[i + 2])) << 8) |
                            static_cast<unsigned char>(s[i + 3]);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        }
      }
      put_utf8(out, u);  // a lone surrogate becomes U+FFFD there
    }
    return out;
  }
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") {
    return repair_utf8(s.substr(3));
  }
  out.reserve(s.size());
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x18 && b <= 0x1F) {
      put_utf8(out, kPdfDoc18[b - 0x18]);
    } else if (b >= 0x80 && b <= 0xA0) {
      put_utf8(out, kPdfDoc80[b - 0x80]);
    } else {
      put_utf8(out, b);
    }
  }
  return out;
}

bool pdf_font_is_plain(const PdfDocument& doc, const PdfObject* font) {
  if (font == nullptr || !font->is_dict()) return true;  // unknown font: assume plain
  const PdfObject* sub = doc.get(*font, "Subtype");
  if (sub && (sub->is_name("Type0") || sub->is_name("Type3"))) return false;
  const PdfObject* enc = doc.get(*font, "Encoding");
  auto standard = [](const PdfObject* n) {
    return n && (n->is_name("WinAnsiEncoding") || n->is_name("MacRomanEncoding") ||
                 n->is_name("StandardEncoding") || n->is_name("PDFDocEncoding"));
  };
  if (enc == nullptr) return doc.get(*font, "ToUnicode") == nullptr;
  if (standard(enc)) return true;
  if (enc->is_dict()) {
    return doc.get(*enc, "Differences") == nullptr &&
           (doc.get(*enc, "BaseEncoding") == nullptr || standard(doc.get(*enc, "BaseEncoding")));
  }
  return false;
}

std::string pdf_content_text_impl(std::string_view content,
                                  bool (*plain)(const void* state, std::string_view font),
                                  const void* state, std::size_t max_out) {
  PdfLexer lex(content);
  std::string raw;                          // WinAnsi bytes; converted once at the end
  const std::size_t raw_cap = max_out / 3;  // a WinAnsi byte is at most 3 UTF-8 bytes
  bool font_plain = true;
  bool in_array = false;
  std::vector<Token> operands;
  std::string array_text;
  bool have_array = false;
  auto newline = [&raw]() {
    if (!raw.empty() && raw.back() != '\n') raw.push_back('\n');
  };
  auto show = [&](std::string_view s) {
    if (!font_plain) return;
    raw.append(s.substr(0, raw_cap - std::min(raw_cap, raw.size())));
  };
  for (;;) {
    if (raw.size() >= raw_cap) break;
    Token t = lex.next();
    if (t.type == TokenType::kEnd) break;
    if (in_array) {
      if (t.type == TokenType::kString) {
        array_text += t.text;
      } else if ((t.type == TokenType::kInteger || t.type == TokenType::kReal) && t.real < -200) {
        array_text.push_back(' ');  // a wide negative kern is a word gap in practice
      } else if (t.type == TokenType::kArrayClose) {
        in_array = false;
        have_array = true;
      }
      if (array_text.size() > raw_cap) array_text.resize(raw_cap);
      continue;
    }
    switch (t.type) {
      case TokenType::kArrayOpen:
        in_array = true;
        array_text.clear();
        have_array = false;
        continue;
      case TokenType::kKeyword:
        break;
      default:
        if (operands.size() >= kMaxOperands) operands.erase(operands.begin());
        operands.push_back(std::move(t));
        continue;
    }
    const std::string& op = t.text;
    if (op == "Tf") {
      for (auto it = operands.rbegin(); it != operands.rend(); ++it) {
        if (it->type == TokenType::kName) {
          font_plain = plain(state, it->text);
          break;
        }
      }
    } else if (plain_ascii_op(op)) {
      if (op != "Tj") newline();
      if (!operands.empty() && operands.back().type == TokenType::kString) {
        show(operands.back().text);
      }
    } else if (op == "TJ") {
      if (have_array) show(array_text);
    } else if (op == "T*" || op == "ET" || op == "Td" || op == "TD") {
      newline();
    } else if (op == "ID") {
      // 8.9.7: inline image data runs to "EI" after white space; skip it whole.
      std::size_t p = lex.pos();
      for (;;) {
        p = content.find("EI", p);
        if (p == std::string_view::npos) {
          p = content.size();
          break;
        }
        if (p > 0 && PdfLexer::is_white(static_cast<unsigned char>(content[p - 1])) &&
            (p + 2 >= content.size() ||
             !PdfLexer::is_regular(static_cast<unsigned char>(content[p + 2])))) {
          p += 2;
          break;
        }
        p += 2;
      }
      lex.seek(p);
    }
    operands.clear();
    have_array = false;
  }
  std::string out = win_ansi_to_utf8(raw);
  return out;
}

}  // namespace lg
