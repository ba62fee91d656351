// [MS-XLSB] 2.1.7 part walks: Workbook part (BrtBundleSh, BrtSupSelf/BrtSupSame/
// BrtSupBookSrc/BrtSupAddin, BrtExternSheet, BrtName), Shared Strings part (BrtSSTItem) and
// Macro Sheet part (BrtRowHdr, BrtCellSt, BrtCellIsst, BrtFmlaString/Num/Bool/Error,
// BrtShrFmla, BrtArrFmla). Formulas are 2.5.97 CellParsedFormula / NameParsedFormula:
// cce (u32), rgce, cb (u32), rgcb.
#include "formats/xls/xlsb_workbook.h"

#include <optional>

#include "core/reader.h"
#include "formats/xls/biff12_reader.h"
#include "formats/xls/xls_string.h"

namespace lg::xls {
namespace {

// Record types ([MS-XLSB] 2.3.2 record enumeration).
constexpr std::uint16_t kBrtRowHdr = 0;
constexpr std::uint16_t kBrtCellSt = 6;
constexpr std::uint16_t kBrtCellIsst = 7;
constexpr std::uint16_t kBrtFmlaString = 8;
constexpr std::uint16_t kBrtFmlaNum = 9;
constexpr std::uint16_t kBrtFmlaBool = 10;
constexpr std::uint16_t kBrtFmlaError = 11;
constexpr std::uint16_t kBrtSstItem = 19;
constexpr std::uint16_t kBrtName = 39;
constexpr std::uint16_t kBrtBundleSh = 156;
constexpr std::uint16_t kBrtSupBookSrc = 355;
constexpr std::uint16_t kBrtSupSelf = 357;
constexpr std::uint16_t kBrtSupSame = 358;
constexpr std::uint16_t kBrtExternSheet = 362;
constexpr std::uint16_t kBrtArrFmla = 426;
constexpr std::uint16_t kBrtShrFmla = 427;
constexpr std::uint16_t kBrtSupAddin = 667;

// Characters of a sheet or defined name kept (Excel allows 31 and 255).
constexpr std::size_t kMaxNameChars = 255;
// Characters of one string read (XLWideString allows 32767 in cells).
constexpr std::size_t kMaxWideChars = 32767;

// XLWideString / XLNameWideString / XLNullableWideString: cch (u32), UTF-16LE characters.
// cch 0xFFFFFFFF (nullable) reads as empty.
std::optional<XlString> wide_string(const Reader& r, std::size_t off,
                                    std::size_t max_chars = kMaxWideChars) {
  auto cch = r.u32le(off);
  if (!cch) return std::nullopt;
  if (*cch == 0xFFFFFFFFu) return XlString{{}, off + 4};
  if (*cch > max_chars) return std::nullopt;
  return read_xl_chars(r, off + 4, *cch, BiffVersion::kBiff12, {});
}

// CellParsedFormula & co at `off`: the rgce bytes (cut at the body's end when cce lies).
ByteView formula_rgce(const Reader& r, std::size_t off) {
  auto cce = r.u32le(off);
  if (!cce) return {};
  if (auto s = r.subspan(off + 4, *cce)) return *s;
  return r.tail(off + 4).value_or(ByteView{});
}

SheetState sheet_state(std::uint32_t hs) {
  switch (hs & 0x3) {
    case 1:
      return SheetState::kHidden;
    case 2:
      return SheetState::kVeryHidden;
    default:
      return SheetState::kVisible;
  }
}

struct RawName {
  std::string name;
  bool builtin = false;
  Bytes rgce;
};

}  // namespace

XlsbWorkbook read_xlsb_workbook(ByteView part, std::size_t& budget) {
  XlsbWorkbook wb;
  wb.fc.version = BiffVersion::kBiff12;
  std::vector<RawName> raw_names;
  std::vector<bool> supbook_self;
  struct Xti {
    std::uint32_t book;
    std::int32_t first;
  };
  std::vector<Xti> xti;
  Biff12Reader rd(part);
  Biff12Record rec;
  std::size_t n = 0;
  while (n++ < kMaxBiff12Records && rd.next(rec)) {
    const Reader r(rec.body);
    switch (rec.type) {
      case kBrtBundleSh: {  // hsState u32, iTabID u32, strRelID, strName
        if (wb.sheets.size() >= kMaxBiffSheets) break;
        auto hs = r.u32le(0);
        auto rel = wide_string(r, 8, kMaxNameChars);
        auto name = rel ? wide_string(r, rel->end, kMaxNameChars) : std::nullopt;
        if (!hs || !name) {
          wb.anomalies.push_back("short BrtBundleSh record");
          break;
        }
        wb.sheets.push_back({name->utf8, sheet_state(*hs), rel->utf8});
        break;
      }
      case kBrtSupSelf:
      case kBrtSupSame:
      case kBrtSupBookSrc:
      case kBrtSupAddin:
        if (supbook_self.size() < kMaxBiffNames) supbook_self.push_back(rec.type == kBrtSupSelf);
        break;
      case kBrtExternSheet: {  // cXti u32, then Xti {iSupBook u32, itabFirst s32, itabLast s32}
        const std::uint32_t count = r.u32le(0).value_or(0);
        for (std::size_t i = 0; i < count && xti.size() < kMaxBiffNames; ++i) {
          auto book = r.u32le(4 + i * 12), first = r.u32le(8 + i * 12);
          if (!book || !first) break;
          xti.push_back({*book, static_cast<std::int32_t>(*first)});
        }
        break;
      }
      case kBrtName: {  // flags u32, chKey u8, itab u32, name, formula, ...
        if (raw_names.size() >= kMaxBiffNames) break;
        auto flags = r.u32le(0);
        auto name = wide_string(r, 9, kMaxNameChars);
        if (!flags || !name) {
          wb.anomalies.push_back("short BrtName record");
          break;
        }
        RawName nm;
        nm.builtin = (*flags & 0x20) != 0;  // fBuiltin
        nm.name = name->utf8;
        // Built-in names are stored spelled out, sometimes with the "_xlnm." prefix.
        if (nm.name.starts_with("_xlnm.")) nm.name.erase(0, 6);
        const ByteView rgce = formula_rgce(r, name->end);
        nm.rgce.assign(rgce.begin(), rgce.end());
        raw_names.push_back(std::move(nm));
        break;
      }
      default:
        break;
    }
  }
  if (rd.malformed()) wb.anomalies.push_back("workbook.bin: malformed record header or size");
  for (const XlsbSheet& s : wb.sheets) wb.fc.sheets.push_back(s.name);
  for (const Xti& x : xti) {
    const bool self = x.book < supbook_self.size() && supbook_self[x.book];
    const bool in_range = x.first >= 0 && static_cast<std::size_t>(x.first) < wb.fc.sheets.size();
    wb.fc.extern_sheets.push_back(self && in_range ? wb.fc.sheets[static_cast<std::size_t>(x.first)]
                                                   : std::string());
  }
  for (const RawName& nm : raw_names) wb.fc.names.push_back(nm.name);
  for (const RawName& nm : raw_names) {
    DecodedFormula f = decode_formula(nm.rgce, wb.fc, budget);
    wb.names.push_back({nm.name, std::move(f.text), nm.builtin});
  }
  return wb;
}

std::vector<std::string> read_xlsb_shared_strings(ByteView part) {
  std::vector<std::string> out;
  std::size_t bytes = 0;
  Biff12Reader rd(part);
  Biff12Record rec;
  std::size_t n = 0;
  while (n++ < kMaxBiff12Records && rd.next(rec) && out.size() < kMaxXlsbSharedStrings) {
    if (rec.type != kBrtSstItem) continue;
    // RichStr: flags u8 (fRichStr, fExtStr), str XLWideString, then runs we do not need.
    auto s = wide_string(Reader(rec.body), 1);
    std::string text = s ? std::move(s->utf8) : std::string();
    if (bytes + text.size() > kMaxXlsbSharedStringBytes) text.clear();
    bytes += text.size();
    out.push_back(std::move(text));
  }
  return out;
}

void read_xlsb_macro_sheet(ByteView part, const std::string& sheet, const FormulaContext& fc,
                           const std::vector<std::string>& shared_strings, std::size_t& budget,
                           XlmMacros& m) {
  Biff12Reader rd(part);
  Biff12Record rec;
  std::size_t n = 0;
  std::uint32_t row = 0;
  while (n++ < kMaxBiff12Records && rd.next(rec)) {
    const Reader r(rec.body);
    // Cell: column u32, then iStyleRef and flags (u32); the value follows at 8.
    auto col = r.u32le(0);
    switch (rec.type) {
      case kBrtRowHdr:
        row = r.u32le(0).value_or(row);
        break;
      case kBrtCellSt:
        if (auto s = wide_string(r, 8); s && col)
          add_value_cell(m, sheet, a1_reference(row, *col, true, true), s->utf8);
        break;
      case kBrtCellIsst:
        if (auto isst = r.u32le(8); isst && col && *isst < shared_strings.size())
          add_value_cell(m, sheet, a1_reference(row, *col, true, true), shared_strings[*isst]);
        break;
      case kBrtFmlaString:
      case kBrtFmlaNum:
      case kBrtFmlaBool:
      case kBrtFmlaError: {
        if (!col) break;
        std::optional<XlString> value;
        std::size_t grbit_at = 8;
        if (rec.type == kBrtFmlaString) {
          value = wide_string(r, 8);
          if (!value) break;
          grbit_at = value->end;
        } else {
          grbit_at += rec.type == kBrtFmlaNum ? 8 : 1;
        }
        ++m.formula_count;
        if (m.cells.size() >= kMaxXlmCells) break;
        DecodedFormula f = decode_formula(formula_rgce(r, grbit_at + 2), fc, budget);
        m.cells.push_back(
            {sheet, a1_reference(row, *col, true, true), std::move(f.text),
             value ? std::string(utf8_prefix(value->utf8, kMaxXlmValueBytes)) : std::string()});
        break;
      }
      case kBrtShrFmla:    // RfX (rwFirst, rwLast, colFirst, colLast: u32 each), formula
      case kBrtArrFmla: {  // RfX, flags u8, formula
        auto r1 = r.u32le(0), r2 = r.u32le(4), c1 = r.u32le(8), c2 = r.u32le(12);
        if (!r1 || !r2 || !c1 || !c2) break;
        ++m.formula_count;
        if (m.cells.size() >= kMaxXlmCells) break;
        const std::size_t at = rec.type == kBrtShrFmla ? 16 : 17;
        DecodedFormula f = decode_formula(formula_rgce(r, at), fc, budget);
        m.cells.push_back(
            {sheet,
             a1_reference(*r1, *c1, true, true) + ":" + a1_reference(*r2, *c2, true, true),
             std::move(f.text),
             {}});
        break;
      }
      default:
        break;
    }
  }
  if (rd.malformed()) m.anomalies.push_back(sheet + ": malformed record header or size");
}

}  // namespace lg::xls
