// [MS-XLS] 2.5.198 Rgce/Ptg decoding (2.5.198.25 PtgAdd ... 2.5.198.104 PtgUplus), with the
// BIFF5/7 token sizes where they differ (shorter references, longer names and 3-D forms).
// A stack machine: operands push their text, operators and functions pop theirs.
#include "formats/xls/xls_formula.h"

#include <charconv>
#include <cstring>
#include <optional>

#include "core/reader.h"
#include "formats/xls/xls_functions.h"
#include "formats/xls/xls_string.h"

namespace lg::xls {
namespace {

const char* error_text(std::uint8_t code) {
  // [MS-XLS] 2.5.97 BErr.
  switch (code) {
    case 0x00:
      return "#NULL!";
    case 0x07:
      return "#DIV/0!";
    case 0x0F:
      return "#VALUE!";
    case 0x17:
      return "#REF!";
    case 0x1D:
      return "#NAME?";
    case 0x24:
      return "#NUM!";
    case 0x2A:
      return "#N/A";
    case 0x2B:
      return "#GETTING_DATA";
    default:
      return "#ERR?";
  }
}

std::string number_text(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return res.ec == std::errc() ? std::string(buf, res.ptr) : std::string("#NUM?");
}

std::string hex2(std::uint8_t b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

// A sheet name as a reference prefix: quoted when it is not a plain word.
std::string sheet_prefix(const std::string& name) {
  if (name.empty()) return "#REF!";
  bool plain = true;
  for (unsigned char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c >= 0x80))
      plain = false;
  }
  std::string out;
  if (plain) {
    out = name;
  } else {
    out = "'";
    for (char c : name) {
      if (c == '\'') out += '\'';
      out += c;
    }
    out += "'";
  }
  return out + "!";
}

std::string relative_reference(std::int32_t row, std::int32_t col, bool row_rel, bool col_rel) {
  std::string out = "R";
  out += row_rel ? "[" + std::to_string(row) + "]" : std::to_string(row + 1);
  out += "C";
  out += col_rel ? "[" + std::to_string(col) + "]" : std::to_string(col + 1);
  return out;
}

class Decoder {
 public:
  Decoder(ByteView rgce, const FormulaContext& fc, std::size_t& budget)
      : r_(rgce),
        fc_(fc),
        budget_(budget),
        biff5_(fc.version == BiffVersion::kBiff5),
        biff12_(fc.version == BiffVersion::kBiff12) {}

  DecodedFormula run() {
    std::size_t tokens = 0;
    while (pos_ < r_.size() && stop_.empty()) {
      if (++tokens > kMaxFormulaTokens) {
        stop_ = "[too many tokens]";
        break;
      }
      step();
    }
    DecodedFormula out;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (i) out.text += ' ';
      out.text += stack_[i];
    }
    if (!stop_.empty()) {
      if (!out.text.empty()) out.text += ' ';
      out.text += stop_;
      out.complete = false;
    }
    return out;
  }

 private:
  // Pushes `s`, charging the budget; a string over the cap ends the formula.
  void push(std::string s) {
    if (s.size() > kMaxFormulaChars) {
      s.resize(utf8_prefix(s, kMaxFormulaChars).size());
      stop_ = "[formula too long]";
    }
    if (s.size() > budget_) {
      stop_ = "[text budget spent]";
      budget_ = 0;
      return;
    }
    budget_ -= s.size();
    stack_.push_back(std::move(s));
  }
  std::optional<std::string> pop() {
    if (stack_.empty()) return std::nullopt;
    std::string s = std::move(stack_.back());
    stack_.pop_back();
    return s;
  }
  // Reads n bytes of token data at pos_ (after the token byte); nullopt ends the formula.
  std::optional<Reader> take(std::size_t n) {
    auto s = r_.subspan(pos_, n);
    if (!s) {
      stop_ = "[truncated]";
      return std::nullopt;
    }
    pos_ += n;
    return Reader(*s);
  }

  std::string cell(std::uint32_t row_field, std::uint32_t col_field, bool relative_form) {
    // BIFF8: row u16, col u16 with flags in bits 14-15 of col. BIFF12 ([MS-XLSB] 2.5.98.83
    // RgceLoc): row u32, the same column field. BIFF5: flags in the row, col u8.
    std::uint32_t row, col;
    bool row_rel, col_rel;
    if (!biff5_) {
      row = row_field;
      col = col_field & 0x3FFF;
      col_rel = (col_field & 0x4000) != 0;
      row_rel = (col_field & 0x8000) != 0;
    } else {
      row = row_field & 0x3FFF;
      col = col_field;
      col_rel = (row_field & 0x4000) != 0;
      row_rel = (row_field & 0x8000) != 0;
    }
    if (relative_form) {
      // PtgRefN/PtgAreaN (shared formulas): relative parts are signed offsets (BIFF8: s16
      // row, s8 col; BIFF12 RgceLocRel: s32 row, s14 col; BIFF5: s14 row, s8 col).
      std::int32_t r = static_cast<std::int32_t>(row);
      std::int32_t c = static_cast<std::int32_t>(col);
      if (row_rel) {
        r = biff12_  ? static_cast<std::int32_t>(row)
            : biff5_ ? static_cast<std::int16_t>(row << 2) >> 2
                     : static_cast<std::int16_t>(row);
      }
      if (col_rel) {
        c = biff12_ ? static_cast<std::int16_t>(col << 2) >> 2
                    : static_cast<std::int8_t>(col & 0xFF);
      }
      return relative_reference(r, c, row_rel, col_rel);
    }
    return a1_reference(row, col, row_rel, col_rel);
  }

  // One reference (Ref) or two (Area) at the current position.
  std::optional<std::string> ref_body(bool area, bool relative_form) {
    if (biff12_) {  // [MS-XLSB] 2.5.98.83 RgceLoc, 2.5.98.82 RgceArea
      auto t = take(area ? 12 : 6);
      if (!t) return std::nullopt;
      if (!area) return cell(*t->u32le(0), *t->u16le(4), relative_form);
      return cell(*t->u32le(0), *t->u16le(8), relative_form) + ":" +
             cell(*t->u32le(4), *t->u16le(10), relative_form);
    }
    if (!biff5_) {
      auto t = take(area ? 8 : 4);
      if (!t) return std::nullopt;
      if (!area) return cell(*t->u16le(0), *t->u16le(2), relative_form);
      return cell(*t->u16le(0), *t->u16le(4), relative_form) + ":" +
             cell(*t->u16le(2), *t->u16le(6), relative_form);
    }
    auto t = take(area ? 6 : 3);
    if (!t) return std::nullopt;
    if (!area) return cell(*t->u16le(0), *t->u8(2), relative_form);
    return cell(*t->u16le(0), *t->u8(4), relative_form) + ":" +
           cell(*t->u16le(2), *t->u8(5), relative_form);
  }

  std::string extern_sheet(std::size_t index) const {
    return index < fc_.extern_sheets.size() ? fc_.extern_sheets[index] : std::string();
  }

  std::optional<std::string> ref3d_body(bool area, bool error_form) {
    std::string sheet;
    if (!biff5_) {  // BIFF8 and BIFF12: ixti u16, an index into the EXTERNSHEET entries
      auto t = take(2);
      if (!t) return std::nullopt;
      sheet = extern_sheet(*t->u16le(0));
    } else {
      auto t = take(14);  // ixals, 8 reserved bytes, itabFirst, itabLast
      if (!t) return std::nullopt;
      const auto ixals = static_cast<std::int16_t>(*t->u16le(0));
      const auto itab = static_cast<std::int16_t>(*t->u16le(10));
      if (itab >= 0 && static_cast<std::size_t>(itab) < fc_.sheets.size())
        sheet = fc_.sheets[static_cast<std::size_t>(itab)];
      else if (ixals < 0)
        sheet = extern_sheet(static_cast<std::size_t>(-(ixals + 1)));
    }
    auto body = ref_body(area, false);
    if (!body) return std::nullopt;
    return sheet_prefix(sheet) + (error_form ? "#REF!" : *body);
  }

  void binary(const char* op) {
    auto b = pop(), a = pop();
    if (!a || !b) {
      stop_ = "[stack underflow]";
      return;
    }
    std::string s = std::move(*a);
    s += op;
    s += *b;
    push(std::move(s));
  }
  void unary(const char* before, const char* after) {
    auto a = pop();
    if (!a) {
      stop_ = "[stack underflow]";
      return;
    }
    push(before + *a + after);
  }

  void call(std::string name, std::size_t argc, bool named_by_first) {
    if (argc > stack_.size() || (named_by_first && argc == 0)) {
      stop_ = "[stack underflow]";
      return;
    }
    const std::size_t first = stack_.size() - argc;
    std::size_t args_from = first;
    if (named_by_first) {
      // User-defined function (Ftab 0x00FF): the first argument names it.
      name = stack_[first];
      args_from = first + 1;
    }
    std::string s = std::move(name);
    s += '(';
    for (std::size_t i = args_from; i < stack_.size(); ++i) {
      if (i > args_from) s += ',';
      s += stack_[i];
    }
    s += ')';
    stack_.resize(first);
    push(std::move(s));
  }

  void function(std::uint16_t index, bool ce, std::optional<std::size_t> argc) {
    bool named_by_first = false;
    std::string name;
    if (ce) {
      const char* n = cetab_function(index);
      name = n ? n : "CE_" + std::to_string(index);
    } else if (index == 0x00FF) {
      named_by_first = true;
    } else if (const FunctionInfo* f = ftab_function(index)) {
      name = f->name;
      if (!argc) {
        if (f->argc < 0) {
          stop_ = "[" + name + ": argument count unknown]";
          return;
        }
        argc = static_cast<std::size_t>(f->argc);
      }
    } else {
      name = "FUNC_" + std::to_string(index);
    }
    if (!argc) {
      stop_ = "[" + (name.empty() ? std::string("function") : name) + ": argument count unknown]";
      return;
    }
    call(std::move(name), *argc, named_by_first);
  }

  void step() {
    const std::uint8_t t = *r_.u8(pos_++);
    // [MS-XLS] 2.5.198.25+: tokens 0x20-0x7F carry a class in bits 5-6.
    const std::uint8_t base = t >= 0x20 ? static_cast<std::uint8_t>(0x20 | (t & 0x1F)) : t;
    switch (base) {
      case 0x01:    // PtgExp: the formula is in the following SHRFMLA/ARRAY/TABLE record
      case 0x02: {  // PtgTbl
        auto d = take(4);
        if (!d) return;
        // [MS-XLSB] 2.5.98.40: BIFF12 keeps only the row (u32); the column is in RgbExtra.
        push(std::string(t == 0x01 ? "{shared formula " : "{table ") +
             (biff12_ ? "row " + std::to_string(static_cast<std::uint64_t>(*d->u32le(0)) + 1)
                      : a1_reference(*d->u16le(0), *d->u16le(2), true, true)) +
             "}");
        return;
      }
      case 0x03:
        return binary("+");
      case 0x04:
        return binary("-");
      case 0x05:
        return binary("*");
      case 0x06:
        return binary("/");
      case 0x07:
        return binary("^");
      case 0x08:
        return binary("&");
      case 0x09:
        return binary("<");
      case 0x0A:
        return binary("<=");
      case 0x0B:
        return binary("=");
      case 0x0C:
        return binary(">=");
      case 0x0D:
        return binary(">");
      case 0x0E:
        return binary("<>");
      case 0x0F:
        return binary(" ");
      case 0x10:
        return binary(",");
      case 0x11:
        return binary(":");
      case 0x12:
        return unary("+", "");
      case 0x13:
        return unary("-", "");
      case 0x14:
        return unary("", "%");
      case 0x15:
        return unary("(", ")");
      case 0x16:
        return push("");  // PtgMissArg
      case 0x17: {  // PtgStr: ShortXLUnicodeString; BIFF12 XLWideString-like (u16 cch, UTF-16)
        const std::size_t cch_size = biff12_ ? 2 : 1;
        std::optional<std::size_t> cch;
        if (biff12_) {
          if (auto v = r_.u16le(pos_)) cch = *v;
        } else if (auto v = r_.u8(pos_)) {
          cch = *v;
        }
        if (!cch) {
          stop_ = "[truncated]";
          return;
        }
        auto s = read_xl_chars(r_, pos_ + cch_size, *cch, fc_.version, fc_.charset);
        if (!s) {
          stop_ = "[truncated]";
          return;
        }
        pos_ = s->end;
        return push(quoted_formula_string(s->utf8));
      }
      case 0x19: {  // PtgAttr
        auto d = take(3);
        if (!d) return;
        const std::uint8_t grbit = *d->u8(0);
        const std::uint16_t w = *d->u16le(1);
        if (grbit & 0x04) {  // tAttrChoose: a jump table of w+1 offsets follows
          if (!take((static_cast<std::size_t>(w) + 1) * 2)) return;
        }
        if (grbit & 0x10) return unary("SUM(", ")");  // tAttrSum
        return;  // volatile, if, goto, space: no text of their own
      }
      case 0x1C: {
        auto d = take(1);
        if (d) push(error_text(*d->u8(0)));
        return;
      }
      case 0x1D: {
        auto d = take(1);
        if (d) push(*d->u8(0) ? "TRUE" : "FALSE");
        return;
      }
      case 0x1E: {
        auto d = take(2);
        if (d) push(std::to_string(*d->u16le(0)));
        return;
      }
      case 0x1F: {
        auto d = take(8);
        if (!d) return;
        const std::uint64_t bits = *d->u64le(0);
        double v;
        static_assert(sizeof v == sizeof bits);
        std::memcpy(&v, &bits, sizeof v);
        return push(number_text(v));
      }
      case 0x20: {  // PtgArray: values are in the trailing RgbExtra, not decoded here
        if (take(biff12_ ? 14 : 7)) push("{array}");
        return;
      }
      case 0x21: {  // PtgFunc
        auto d = take(2);
        if (d) function(*d->u16le(0) & 0x7FFF, false, std::nullopt);
        return;
      }
      case 0x22: {  // PtgFuncVar
        auto d = take(3);
        if (!d) return;
        const std::uint16_t tab = *d->u16le(1);
        function(tab & 0x7FFF, (tab & 0x8000) != 0, *d->u8(0) & 0x7F);
        return;
      }
      case 0x23: {  // PtgName
        auto d = take(!biff5_ ? 4 : 14);
        if (!d) return;
        const std::uint32_t ilbl = !biff5_ ? *d->u32le(0) : *d->u16le(0);
        if (ilbl >= 1 && ilbl <= fc_.names.size()) return push(fc_.names[ilbl - 1]);
        return push("NAME_" + std::to_string(ilbl));
      }
      case 0x24:
      case 0x2C:
      case 0x2A: {  // PtgRef, PtgRefN, PtgRefErr
        auto s = ref_body(false, base == 0x2C);
        if (s) push(base == 0x2A ? std::string("#REF!") : *s);
        return;
      }
      case 0x25:
      case 0x2D:
      case 0x2B: {  // PtgArea, PtgAreaN, PtgAreaErr
        auto s = ref_body(true, base == 0x2D);
        if (s) push(base == 0x2B ? std::string("#REF!") : *s);
        return;
      }
      case 0x26:
      case 0x27:
      case 0x28: {  // PtgMemArea/Err/NoMem: the sub-expression follows as plain tokens
        take(6);
        return;
      }
      case 0x29:
      case 0x2E:
      case 0x2F: {  // PtgMemFunc, PtgMemAreaN, PtgMemNoMemN
        take(2);
        return;
      }
      case 0x39: {  // PtgNameX: a name of another workbook or an add-in function
        auto d = take(!biff5_ ? 6 : 24);
        if (!d) return;
        const std::uint32_t index = !biff5_ ? *d->u32le(2) : *d->u16le(10);
        return push("EXTERN_NAME_" + std::to_string(index));
      }
      case 0x3A:
      case 0x3C: {
        auto s = ref3d_body(false, base == 0x3C);
        if (s) push(*s);
        return;
      }
      case 0x3B:
      case 0x3D: {
        auto s = ref3d_body(true, base == 0x3D);
        if (s) push(*s);
        return;
      }
      default:
        stop_ = "[unknown token " + hex2(t) + "]";
        return;
    }
  }

  Reader r_;
  const FormulaContext& fc_;
  std::size_t& budget_;
  const bool biff5_;
  const bool biff12_;
  std::size_t pos_ = 0;
  std::vector<std::string> stack_;
  std::string stop_;
};

}  // namespace

std::string a1_reference(std::uint32_t row, std::uint32_t col, bool row_rel, bool col_rel) {
  std::string letters;
  std::uint32_t c = col + 1;
  while (c > 0 && letters.size() < 4) {
    const std::uint32_t rem = (c - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    c = (c - 1) / 26;
  }
  return (col_rel ? "" : "$") + letters + (row_rel ? "" : "$") + std::to_string(row + 1);
}

DecodedFormula decode_formula(ByteView rgce, const FormulaContext& fc, std::size_t& budget) {
  return Decoder(rgce, fc, budget).run();
}

}  // namespace lg::xls
