// Workbook stream walk: [MS-XLS] 2.4.21 BOF, 2.4.28 BoundSheet8, 2.4.150 Lbl (NAME),
// 2.4.106 ExternSheet, 2.4.271 SupBook, 2.4.117 FilePass, 2.4.127 Formula, 2.4.260 ShrFmla,
// 2.4.4 Array, 2.4.268 String, 2.4.148 Label, 2.4.149 LabelSst, 2.4.265 SST; BIFF5/7 layouts
// where they differ.
#include "formats/xls/biff_workbook.h"

#include <optional>
#include <unordered_map>

#include "core/charset.h"
#include "core/reader.h"
#include "formats/xls/biff_reader.h"
#include "formats/xls/biff_sst.h"
#include "formats/xls/xls_formula.h"
#include "formats/xls/xls_string.h"

namespace lg::xls {
namespace {

constexpr std::uint16_t kFormula = 0x0006;
constexpr std::uint16_t kEof = 0x000A;
constexpr std::uint16_t kExternSheet = 0x0017;
constexpr std::uint16_t kName = 0x0018;
constexpr std::uint16_t kFilePass = 0x002F;
constexpr std::uint16_t kCodePage = 0x0042;
constexpr std::uint16_t kBoundSheet = 0x0085;
constexpr std::uint16_t kRString = 0x00D6;  // BIFF5 rich LABEL
constexpr std::uint16_t kSst = 0x00FC;
constexpr std::uint16_t kLabelSst = 0x00FD;
constexpr std::uint16_t kLabel = 0x0204;
constexpr std::uint16_t kString = 0x0207;
constexpr std::uint16_t kSupBook = 0x01AE;
constexpr std::uint16_t kArray = 0x0221;
constexpr std::uint16_t kShrFmla = 0x04BC;
constexpr std::uint16_t kBof = 0x0809;
constexpr std::uint16_t kBofMacroSheet = 0x0040;

// [MS-XLS] 2.5.xx Lbl: the one-character names of built-in names.
const char* builtin_name(std::uint8_t c) {
  static constexpr const char* kNames[] = {
      "Consolidate_Area", "Auto_Open",       "Auto_Close",   "Extract",        "Database",
      "Criteria",         "Print_Area",      "Print_Titles", "Recorder",       "Data_Form",
      "Auto_Activate",    "Auto_Deactivate", "Sheet_Title",  "_FilterDatabase"};
  return c < std::size(kNames) ? kNames[c] : nullptr;
}

class Walk {
 public:
  explicit Walk(ByteView stream) : stream_(stream) {}

  XlmMacros run() {
    out_.source = "Workbook";
    BiffReader rd(stream_);
    BiffRecord rec;
    std::size_t n = 0;
    int depth = 0;  // BOF nesting
    // The current macro-sheet substream's sheet index, or kNoSheet (a plain index rather than
    // an optional: GCC 12 reports a false maybe-uninitialized on the optional here).
    constexpr std::size_t kNoSheet = static_cast<std::size_t>(-1);
    std::size_t sheet = kNoSheet;
    bool in_globals = false, globals_done = false;
    std::size_t substreams = 0;
    while (n++ < kMaxBiffRecords && rd.next(rec)) {
      Reader r(rec.body);
      if (rec.type == kBof || rec.type == 0x0009 || rec.type == 0x0209 || rec.type == 0x0409) {
        if (rec.type != kBof) {
          out_.anomalies.push_back("BIFF2-4 BOF record: workbook format not read");
          break;
        }
        ++depth;
        if (depth > 1) continue;  // an embedded chart inside a sheet
        const std::uint16_t vers = r.u16le(0).value_or(0x0600);
        const std::uint16_t dt = r.u16le(2).value_or(0);
        if (!globals_done && !in_globals) {
          fc_.version = vers == 0x0500 ? BiffVersion::kBiff5 : BiffVersion::kBiff8;
          in_globals = true;
          continue;
        }
        sheet = substream_sheet(rec.offset, substreams++, dt == kBofMacroSheet).value_or(kNoSheet);
        continue;
      }
      if (rec.type == kEof) {
        if (depth > 0) --depth;
        if (depth == 0) {
          if (in_globals) end_globals();
          in_globals = false;
          globals_done = true;
          sheet = kNoSheet;
        }
        continue;
      }
      if (in_globals) {
        if (rec.type == kSst && sst_.empty()) sst_ = read_sst(rec.body, rd.continue_offsets());
        if (!globals(rec)) break;  // FILEPASS
      } else if (sheet != kNoSheet && depth == 1) {
        cell_record(rec, sheet);
      }
    }
    if (!globals_done && !in_globals) out_.anomalies.push_back("no BOF record");
    if (in_globals) end_globals();
    if (rd.truncated()) out_.anomalies.push_back("workbook stream ends inside a record");
    return std::move(out_);
  }

 private:
  // Returns false when reading must stop (FILEPASS).
  bool globals(const BiffRecord& rec) {
    Reader r(rec.body);
    switch (rec.type) {
      case kFilePass:
        out_.encrypted = true;
        return false;
      case kCodePage:
        if (auto cp = r.u16le(0); cp && *cp != 1200) fc_.charset = windows_code_page_charset(*cp);
        return true;
      case kBoundSheet:
        bound_sheet(r);
        return true;
      case kSupBook:
        // [MS-XLS] 2.4.271: cch 0x0401 marks the workbook's own sheets.
        supbook_self_.push_back(r.u16le(2).value_or(0) == 0x0401);
        return true;
      case kExternSheet:
        extern_sheet(r);
        return true;
      case kName:
        name(r);
        return true;
      default:
        return true;
    }
  }

  void bound_sheet(const Reader& r) {
    if (out_.sheets.size() >= kMaxBiffSheets) return;
    auto pos = r.u32le(0);
    auto hs = r.u8(4), dt = r.u8(5), cch = r.u8(6);
    if (!pos || !hs || !dt || !cch) {
      out_.anomalies.push_back("short BOUNDSHEET record");
      return;
    }
    XlmSheet s;
    auto nm = read_xl_chars(r, 7, *cch, fc_.version, fc_.charset);
    s.name = nm ? nm->utf8 : "Sheet" + std::to_string(out_.sheets.size() + 1);
    const std::uint8_t state = *hs & 0x03;
    s.state = state == 1   ? SheetState::kHidden
              : state == 2 ? SheetState::kVeryHidden
                           : SheetState::kVisible;
    s.macro = *dt == 0x01;
    by_offset_.emplace(*pos, out_.sheets.size());
    out_.sheets.push_back(std::move(s));
  }

  void extern_sheet(const Reader& r) {
    if (fc_.version == BiffVersion::kBiff5) {
      // One record per sheet: cch, then an encoded name (0x03: a sheet of this workbook).
      auto cch = r.u8(0);
      auto kind = r.u8(1);
      std::string name;
      if (cch && kind && (*kind == 0x03 || *kind == 0x02) && *cch > 0) {
        if (auto s = read_xl_chars(r, 2, *cch - 1u, fc_.version, fc_.charset)) name = s->utf8;
      }
      if (fc_.extern_sheets.size() < kMaxBiffSheets) fc_.extern_sheets.push_back(name);
      return;
    }
    // BIFF8: cXTI, then XTI {iSupBook, itabFirst, itabLast}; resolved in end_globals().
    const std::uint16_t count = r.u16le(0).value_or(0);
    for (std::size_t i = 0; i < count && xti_.size() < kMaxBiffNames; ++i) {
      auto book = r.u16le(2 + i * 6), first = r.u16le(4 + i * 6);
      if (!book || !first) break;
      xti_.push_back({*book, *first});
    }
  }

  void name(const Reader& r) {
    if (raw_names_.size() >= kMaxBiffNames) return;
    // Lbl: flags u16, chKey u8, cch u8, cce u16, then 8 bytes (BIFF8: reserved, itab,
    // reserved; BIFF5: ixals, itab and four text lengths), then Name and rgce.
    auto flags = r.u16le(0);
    auto cch = r.u8(3);
    auto cce = r.u16le(4);
    if (!flags || !cch || !cce) {
      out_.anomalies.push_back("short NAME record");
      return;
    }
    RawName n;
    n.builtin = (*flags & 0x0020) != 0;
    auto text = read_xl_chars(r, 14, *cch, fc_.version, fc_.charset);
    if (!text) {
      out_.anomalies.push_back("NAME record cut short");
      return;
    }
    if (n.builtin && !text->utf8.empty()) {
      const char* b = builtin_name(static_cast<std::uint8_t>(text->utf8[0]));
      n.name = b ? b : "Builtin_" + std::to_string(static_cast<unsigned char>(text->utf8[0]));
    } else {
      n.name = text->utf8;
    }
    auto rgce = r.subspan(text->end, *cce);
    if (!rgce) rgce = r.tail(text->end);
    n.rgce.assign(rgce->begin(), rgce->end());
    raw_names_.push_back(std::move(n));
  }

  void end_globals() {
    for (const XlmSheet& s : out_.sheets) fc_.sheets.push_back(s.name);
    if (fc_.version == BiffVersion::kBiff8) {
      for (const Xti& x : xti_) {
        const bool self = x.book < supbook_self_.size() && supbook_self_[x.book];
        fc_.extern_sheets.push_back(self && x.first < fc_.sheets.size() ? fc_.sheets[x.first]
                                                                        : std::string());
      }
    }
    for (const RawName& n : raw_names_) fc_.names.push_back(n.name);
    for (const RawName& n : raw_names_) {
      const DecodedFormula f = decode_formula(n.rgce, fc_, budget_);
      out_.names.push_back({n.name, f.text, n.builtin});
    }
    raw_names_.clear();
  }

  std::optional<std::size_t> substream_sheet(std::size_t offset, std::size_t ordinal,
                                             bool macro_bof) {
    std::size_t index = ordinal;
    if (auto it = by_offset_.find(offset); it != by_offset_.end()) index = it->second;
    if (index >= out_.sheets.size()) {
      if (!macro_bof) return std::nullopt;
      if (out_.sheets.size() >= kMaxBiffSheets) return std::nullopt;
      out_.sheets.push_back({"Macro" + std::to_string(index + 1), SheetState::kVisible, true});
      index = out_.sheets.size() - 1;
      fc_.sheets.push_back(out_.sheets.back().name);
    }
    // A BOF that says macro sheet makes it one whatever BOUNDSHEET claimed.
    if (macro_bof) out_.sheets[index].macro = true;
    if (!out_.sheets[index].macro) return std::nullopt;
    return index;
  }

  void cell_record(const BiffRecord& rec, std::size_t sheet) {
    Reader r(rec.body);
    std::string where;
    std::size_t cce_at = 0;
    const std::string& sheet_name = out_.sheets[sheet].name;
    // Cell: rw u16, col u16, ixfe u16; a string constant or a formula's string result.
    auto row = r.u16le(0), col = r.u16le(2);
    switch (rec.type) {
      case kString: {  // cch u16, then the characters (BIFF8 with their flags byte)
        auto cch = r.u16le(0);
        auto v = cch ? read_xl_chars(r, 2, *cch, fc_.version, fc_.charset) : std::nullopt;
        if (v) set_last_value(out_, sheet_name, last_formula_cell_, v->utf8);
        return;
      }
      case kLabel:
      case kRString: {
        auto cch = r.u16le(6);
        auto v = cch ? read_xl_chars(r, 8, *cch, fc_.version, fc_.charset) : std::nullopt;
        if (v && row && col)
          add_value_cell(out_, sheet_name, a1_reference(*row, *col, true, true), v->utf8);
        return;
      }
      case kLabelSst: {
        auto isst = r.u32le(6);
        if (isst && row && col && *isst < sst_.size())
          add_value_cell(out_, sheet_name, a1_reference(*row, *col, true, true), sst_[*isst]);
        return;
      }
      case kFormula: {  // Cell (rw, col, ixfe), FormulaValue (8), grbit, chn, cce, rgce
        if (!row || !col) return;
        where = a1_reference(*row, *col, true, true);
        last_formula_cell_ = where;
        cce_at = 20;
        break;
      }
      case kShrFmla:  // RefU (rwFirst, rwLast, colFirst, colLast), reserved, cUse, cce, rgce
      case kArray: {  // RefU, grbit, chn, cce, rgce
        auto r1 = r.u16le(0), r2 = r.u16le(2);
        auto c1 = r.u8(4), c2 = r.u8(5);
        if (!r1 || !r2 || !c1 || !c2) return;
        where = a1_reference(*r1, *c1, true, true) + ":" + a1_reference(*r2, *c2, true, true);
        cce_at = rec.type == kShrFmla ? 8 : 12;
        break;
      }
      default:
        return;
    }
    auto cce = r.u16le(cce_at);
    if (!cce) return;
    auto rgce = r.subspan(cce_at + 2, *cce);
    if (!rgce) rgce = r.tail(cce_at + 2);
    ++out_.formula_count;
    if (out_.cells.size() >= kMaxXlmCells) return;
    DecodedFormula f = decode_formula(*rgce, fc_, budget_);
    out_.cells.push_back({sheet_name, std::move(where), std::move(f.text), {}});
  }

  struct RawName {
    std::string name;
    bool builtin = false;
    Bytes rgce;
  };
  struct Xti {
    std::uint16_t book;
    std::uint16_t first;
  };

  ByteView stream_;
  XlmMacros out_;
  FormulaContext fc_;
  std::size_t budget_ = kXlmTextBudget;
  std::unordered_map<std::uint32_t, std::size_t> by_offset_;
  std::vector<bool> supbook_self_;
  std::vector<Xti> xti_;
  std::vector<RawName> raw_names_;
  std::vector<std::string> sst_;
  std::string last_formula_cell_;  // where the last FORMULA record was, for its STRING
};

}  // namespace

XlmMacros read_biff_workbook(ByteView stream) { return Walk(stream).run(); }

}  // namespace lg::xls
