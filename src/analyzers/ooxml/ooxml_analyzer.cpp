// OoxmlAnalyzer: ECMA-376 Part 2 package structure first (content types, relationships), then
// the parts that matter, one at a time, each decompressed under a cap and dropped after use.
#include "analyzers/ooxml/ooxml_analyzer.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzers/ooxml/opc_package.h"
#include "analyzers/ooxml/part_content.h"
#include "analyzers/ooxml/relationship_findings.h"
#include "analyzers/ooxml/xlm_sheets.h"
#include "analyzers/ooxml/xml_util.h"
#include "core/ascii.h"
#include "core/file_type.h"
#include "formats/xls/xlm_report.h"
#include "formats/xls/xlsb_workbook.h"

namespace lg {
namespace {

using ooxml::Package;
using ooxml::Part;
using ooxml::PartRoles;
using ooxml::Relationship;

/// Most ZIP issues turned into anomalies.
constexpr std::size_t kMaxIssueAnomalies = 20;
/// Most relationships read from the whole package.
constexpr std::size_t kMaxRelationships = 100'000;
/// Bytes of a media part read to identify it (identify() looks at a 4 KiB prefix and a few
/// header offsets).
constexpr std::size_t kMediaSniffBytes = 64u << 10;
/// Flash Player ActiveX control (the exploit vehicle of CVE-2018-4878 lures).
constexpr std::string_view kFlashClassid = "D27CDB6E-AE6D-11CF-96B8-444553540000";

std::string_view basename(std::string_view name) {
  const auto slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

bool under(std::string_view name, std::string_view folder) {
  return name.starts_with(folder) || name.find("/" + std::string(folder)) != std::string::npos;
}

// Parts whose text a reader sees, by content type (Part 1 §11.3, §12.3, §13.3).
bool is_word_text_part(std::string_view ct) {
  return (ct.find("word") != std::string_view::npos && ct.ends_with(".main+xml")) ||
         ct.ends_with("wordprocessingml.header+xml") ||
         ct.ends_with("wordprocessingml.footer+xml") ||
         ct.ends_with("wordprocessingml.footnotes+xml") ||
         ct.ends_with("wordprocessingml.endnotes+xml") ||
         ct.ends_with("wordprocessingml.comments+xml");
}
bool is_other_text_part(std::string_view ct) {
  return ct.ends_with("spreadsheetml.sharedstrings+xml") ||
         ct.ends_with("presentationml.slide+xml") ||
         ct.ends_with("presentationml.notesslide+xml") ||
         ct.ends_with("spreadsheetml.comments+xml");
}

class Run {
 public:
  Run(ByteView object, Context& ctx) : pkg_(object), ctx_(ctx) {}

  Status analyze() {
    report_zip_issues();
    if (pkg_.parts().empty()) {
      return Status::error(ErrorCode::kMalformed, "no ZIP entries could be read");
    }
    ctx_.fact("parts", static_cast<std::int64_t>(pkg_.parts().size()));
    if (const Part* ct = pkg_.find("[content_types].xml")) {
      auto xml = read_xml(*ct);
      if (!xml || !pkg_.load_content_types(*xml)) ctx_.anomaly("unreadable [Content_Types].xml");
    } else {
      ctx_.anomaly("no [Content_Types].xml part");
    }
    read_relationships();
    if (!roles_.main_part.empty()) {
      const std::string ct = pkg_.content_type(roles_.main_part);
      if (!ct.empty()) ctx_.fact("content_type", ooxml::clean_utf8(ct));
    }
    read_properties();
    for (const Part& p : pkg_.parts()) {
      if (ctx_.should_stop()) return Status::error(ErrorCode::kCancelled, "deadline");
      visit(p);
    }
    finish();
    return Status::ok();
  }

 private:
  void report_zip_issues() {
    std::size_t n = 0;
    for (const auto& issue : pkg_.archive().issues) {
      if (n++ >= kMaxIssueAnomalies) break;
      ctx_.anomaly(std::string("zip: ") + zip::issue_kind_name(issue.kind) +
                   (issue.detail.empty() ? "" : ": " + ooxml::clean_utf8(issue.detail, 200)));
    }
  }

  std::size_t part_cap() const {
    return static_cast<std::size_t>(
        std::min<std::uint64_t>(ctx_.limits().max_object_bytes, ooxml::kMaxXmlPartBytes));
  }

  std::optional<Bytes> read_bytes(const Part& p, std::size_t cap) {
    if (read_total_ >= ctx_.limits().max_total_bytes) return std::nullopt;
    auto r = pkg_.read(p, cap);
    if (!r) {
      ctx_.anomaly("part " + ooxml::clean_utf8(p.original_name) +
                   " unreadable: " + r.status().to_string());
      return std::nullopt;
    }
    if (r->damaged) ctx_.anomaly("part " + ooxml::clean_utf8(p.original_name) + " is damaged");
    read_total_ += r->data.size();
    return std::move(r->data);
  }

  std::optional<std::string> read_xml(const Part& p) {
    auto b = read_bytes(p, part_cap());
    if (!b) return std::nullopt;
    return std::string(as_chars(*b));
  }

  bool parse(const Part& p, pugi::xml_document& doc) {
    auto xml = read_xml(p);
    if (!xml) return false;
    if (!ooxml::parse_xml_partial(*xml, doc)) {
      ctx_.anomaly("part " + ooxml::clean_utf8(p.original_name) + " is not XML");
      return false;
    }
    return true;
  }

  void read_relationships() {
    std::vector<Relationship> rels;
    for (const Part& p : pkg_.parts()) {
      if (rels.size() >= kMaxRelationships || ctx_.should_stop()) break;
      if (!Package::rels_source(p.name)) continue;
      auto xml = read_xml(p);
      if (!xml) continue;
      if (!Package::parse_relationships(p.name, *xml, rels)) {
        ctx_.anomaly("relationship part " + ooxml::clean_utf8(p.original_name) +
                     " is not well-formed XML");
      }
    }
    ooxml::judge_relationships(rels, ctx_, roles_);
    // Workbook -> sheet relationships name the macro sheets' parts ([MS-XLSX]/[MS-XLSB]
    // xlMacrosheet and xlIntlMacrosheet relationship types).
    for (Relationship& r : rels) {
      if (!r.external && r.source.starts_with("xl/workbook")) {
        if (ascii_lower(r.type_name()).find("macrosheet") != std::string::npos)
          macro_rel_targets_.insert(r.resolved);
        workbook_rels_.push_back(std::move(r));
      }
    }
  }

  void read_properties() {
    // Part 2 §11 (core properties) and Part 1 §22.2 (extended properties), found by their
    // relationship or, failing that, their usual names.
    const Part* core =
        pkg_.find(roles_.core_properties.empty() ? "docprops/core.xml" : roles_.core_properties);
    pugi::xml_document doc;
    if (core && parse(*core, doc)) {
      const pugi::xml_node root = ooxml::first_element(doc);
      for (pugi::xml_node e = root.first_child(); e; e = e.next_sibling()) {
        const std::string_view n = ooxml::local_name(e.name());
        const char* key = n == "creator"          ? "creator"
                          : n == "lastModifiedBy" ? "last_modified_by"
                          : n == "title"          ? "title"
                          : n == "created"        ? "created"
                          : n == "modified"       ? "modified"
                                                  : nullptr;
        if (key && *e.child_value()) ctx_.fact(key, ooxml::clean_utf8(e.child_value(), 1024));
      }
    }
    const Part* app = pkg_.find(roles_.extended_properties.empty() ? "docprops/app.xml"
                                                                   : roles_.extended_properties);
    pugi::xml_document app_doc;
    if (app && parse(*app, app_doc)) {
      const pugi::xml_node root = ooxml::first_element(app_doc);
      for (pugi::xml_node e = root.first_child(); e; e = e.next_sibling()) {
        if (ooxml::local_name(e.name()) == "Application" && *e.child_value()) {
          ctx_.fact("application", ooxml::clean_utf8(e.child_value(), 1024));
        }
      }
    }
  }

  void give_child(const Part& p, const char* relation, std::string declared_type) {
    if (children_refused_) return;
    auto b = read_bytes(p, static_cast<std::size_t>(ctx_.limits().max_object_bytes));
    if (!b) return;
    ChildInfo info{relation, ooxml::clean_utf8(basename(p.original_name)), std::move(declared_type),
                   pkg_.archive().entries[p.entry].compressed_size};
    if (!ctx_.child(std::move(info), std::move(*b)).is_ok()) children_refused_ = true;
  }

  void visit(const Part& p) {
    const std::string ct = pkg_.content_type(p.name);
    const std::string_view base = basename(p.name);
    if (base == "vbaproject.bin" || ct == "application/vnd.ms-office.vbaproject" ||
        roles_.vba_projects.count(p.name)) {
      give_child(p, "vba_project", ct);
      return;
    }
    if (under(p.name, "embeddings/") || roles_.embeddings.count(p.name)) {
      give_child(p, "embedding", ct);
      return;
    }
    if (under(p.name, "media/")) {
      visit_media(p, ct);
      return;
    }
    if (p.name.starts_with("xl/macrosheets/") || ct.find("macrosheet") != std::string::npos ||
        macro_rel_targets_.count(p.name)) {
      // .xlsb macro sheets come with a binary index part (binIndexMs) beside them.
      if (p.name.ends_with(".rels") || basename(p.name).starts_with("binaryindex") ||
          ascii_lower(ct).find("binindex") != std::string::npos)
        return;
      macro_sheets_.push_back(ooxml::clean_utf8(p.original_name));
      macro_parts_.push_back(p.name);
      pugi::xml_document doc;
      if (p.name.ends_with(".xml") && parse(p, doc))
        ooxml::read_macro_sheet_formulas(doc, p.name, xlm_);
      return;
    }
    if (ct == "application/vnd.ms-office.activex+xml" ||
        (roles_.activex.count(p.name) && p.name.ends_with(".xml"))) {
      pugi::xml_document doc;
      if (parse(p, doc)) activex_.insert(ooxml::clean_utf8(ooxml::activex_classid(doc), 100));
      return;
    }
    if (roles_.customui.count(p.name) ||
        (p.name.starts_with("customui/") && p.name.ends_with(".xml"))) {
      pugi::xml_document doc;
      if (parse(p, doc)) {
        for (auto& c : ooxml::customui_callbacks(doc))
          callbacks_.push_back(ooxml::clean_utf8(c, 512));
      }
      return;
    }
    if (ct.ends_with("spreadsheetml.externallink+xml")) {
      visit_external_link(p);
      return;
    }
    // The main document without a usable content type: Word would not open it, but a
    // damaged [Content_Types].xml should not hide its fields.
    const bool word =
        is_word_text_part(ct) || (p.name == roles_.main_part && p.name.starts_with("word/") &&
                                  (ct.empty() || ct == "application/xml"));
    if (word || is_other_text_part(ct)) visit_text_part(p, word);
  }

  void visit_media(const Part& p, const std::string& ct) {
    // Identify by a prefix first: pictures are most of a document's bytes.
    auto head = read_bytes(p, kMediaSniffBytes);
    if (!head) return;
    const FileType t = identify(*head);
    if (!file_type_is_executable(t) && !file_type_is_script(t) && t != FileType::kLnk) return;
    give_child(p, "media", ct);
  }

  void visit_external_link(const Part& p) {
    pugi::xml_document doc;
    if (!parse(p, doc)) return;
    // SpreadsheetML §18.14.4: a ddeLink names a DDE server (service) and topic; Excel starts
    // the server with the topic as its argument when links update ("cmd" "/c calc").
    for (const auto& raw : ooxml::dde_links(doc)) {
      const std::string link = ooxml::clean_utf8(raw, ooxml::kMaxInstructionBytes);
      ctx_.text(TextKind::kArguments, link);
      ctx_.finding(Symbol::DDE_COMMAND, {ooxml::clean_utf8(link, 1024),
                                         "DDE link in " + ooxml::clean_utf8(p.original_name)});
    }
  }

  void visit_text_part(const Part& p, bool word) {
    pugi::xml_document doc;
    if (!parse(p, doc)) return;
    const std::string text = ooxml::clean_utf8(
        ooxml::visible_text(doc, ctx_.limits().max_text_bytes), ctx_.limits().max_text_bytes);
    if (!text.empty()) ctx_.text(TextKind::kDocument, text);
    if (!word) return;
    for (const auto& f : ooxml::field_instructions(doc)) {
      const std::string kw = ooxml::dde_keyword(f.text);
      if (kw.empty()) continue;
      const std::string instruction = ooxml::clean_utf8(f.text, ooxml::kMaxInstructionBytes);
      ctx_.text(TextKind::kArguments, instruction);
      ctx_.finding(Symbol::DDE_COMMAND, {ooxml::clean_utf8(instruction, 1024),
                                         kw + (f.simple ? " simple field in " : " field in ") +
                                             ooxml::clean_utf8(p.original_name)});
    }
  }

  // Excel 4.0 macro sheets: parts found by visit(), named and given their visibility by
  // xl/workbook.xml through its relationships; the report is shared with BIFF workbooks.
  void finish_xlm() {
    if (macro_parts_.empty()) return;
    ctx_.fact("macro_sheets", macro_sheets_);
    ooxml::WorkbookInfo wb;
    const std::string main = roles_.main_part.empty() ? "xl/workbook.xml" : roles_.main_part;
    pugi::xml_document doc;
    std::size_t budget = xls::kXlmTextBudget;
    std::optional<xls::XlsbWorkbook> xlsb;
    if (main.ends_with(".xml")) {
      if (const Part* p = pkg_.find(main); p && parse(*p, doc)) wb = ooxml::read_workbook_xml(doc);
    } else if (main.ends_with(".bin")) {
      xlsb = read_xlsb_workbook(main, budget);
      if (xlsb) {
        for (const xls::XlsbSheet& s : xlsb->sheets)
          wb.sheets.push_back({s.name, s.state, s.rel_id});
        wb.names = xlsb->names;
      }
    }
    xlm_.source = macro_parts_.size() == 1 ? ooxml::clean_utf8(macro_parts_.front())
                                           : std::string("xl/macrosheets/");
    std::set<std::string> named;
    for (const ooxml::WorkbookSheet& s : wb.sheets) {
      std::string part;
      for (const Relationship& r : workbook_rels_)
        if (r.source == main && r.id == s.rel_id) part = r.resolved;
      const bool macro =
          std::find(macro_parts_.begin(), macro_parts_.end(), part) != macro_parts_.end();
      xlm_.sheets.push_back({s.name, s.state, macro});
      if (!macro) continue;
      named.insert(part);
      for (xls::XlmCell& c : xlm_.cells)
        if (c.sheet == part) c.sheet = s.name;
    }
    for (const std::string& part : macro_parts_)
      if (!named.count(part)) xlm_.sheets.push_back({part, xls::SheetState::kVisible, true});
    if (xlsb) read_xlsb_macro_sheets(*xlsb, wb, main, budget);
    xlm_.names = std::move(wb.names);
    xls::report_xlm(xlm_, ctx_);
  }

  // [MS-XLSB] workbook.bin: sheets, externals and defined names.
  std::optional<xls::XlsbWorkbook> read_xlsb_workbook(const std::string& main,
                                                      std::size_t& budget) {
    const Part* p = pkg_.find(main);
    if (!p) return std::nullopt;
    auto b = read_bytes(*p, part_cap());
    if (!b) return std::nullopt;
    xls::XlsbWorkbook wb = xls::read_xlsb_workbook(*b, budget);
    for (std::string& a : wb.anomalies) xlm_.anomalies.push_back(std::move(a));
    return wb;
  }

  // The cells of the binary macro-sheet parts, named by the workbook's sheets, with string
  // constants resolved through xl/sharedStrings.bin.
  void read_xlsb_macro_sheets(const xls::XlsbWorkbook& xb, const ooxml::WorkbookInfo& wb,
                              const std::string& main, std::size_t& budget) {
    std::vector<std::string> sst;
    std::string sst_part = "xl/sharedstrings.bin";
    for (const Relationship& r : workbook_rels_)
      if (r.source == main && r.type_name() == "sharedStrings") sst_part = r.resolved;
    if (const Part* p = pkg_.find(sst_part); p && sst_part.ends_with(".bin")) {
      if (auto b = read_bytes(*p, part_cap())) sst = xls::read_xlsb_shared_strings(*b);
    }
    for (const std::string& part : macro_parts_) {
      if (!part.ends_with(".bin") || ctx_.should_stop()) continue;
      std::string sheet = ooxml::clean_utf8(part);
      for (const ooxml::WorkbookSheet& s : wb.sheets)
        for (const Relationship& r : workbook_rels_)
          if (r.source == main && r.id == s.rel_id && r.resolved == part) sheet = s.name;
      const Part* p = pkg_.find(part);
      if (!p) continue;
      if (auto b = read_bytes(*p, part_cap()))
        xls::read_xlsb_macro_sheet(*b, sheet, xb.fc, sst, budget, xlm_);
    }
  }

  void finish() {
    finish_xlm();
    activex_.erase("");
    if (!activex_.empty() || !roles_.activex.empty()) {
      std::vector<std::string> ids(activex_.begin(), activex_.end());
      const bool flash = activex_.count(std::string(kFlashClassid)) > 0;
      ctx_.finding(Symbol::OFFICE_ACTIVEX,
                   {ids.empty() ? std::string("activeX") : ids.front(),
                    flash ? "Flash ActiveX control embedded" : "ActiveX control(s) embedded"});
      if (!ids.empty()) ctx_.fact("activex_classids", std::move(ids));
    }
    if (!callbacks_.empty()) {
      const auto on_load = std::find_if(callbacks_.begin(), callbacks_.end(),
                                        [](const auto& c) { return c.starts_with("onLoad="); });
      ctx_.finding(Symbol::OOXML_CUSTOMUI_CALLBACK,
                   {on_load != callbacks_.end() ? *on_load : callbacks_.front(),
                    on_load != callbacks_.end() ? "ribbon onLoad runs a macro on open"
                                                : "ribbon controls call macros"});
      ctx_.fact("customui_callbacks", callbacks_);
    }
  }

  Package pkg_;
  Context& ctx_;
  PartRoles roles_;
  std::uint64_t read_total_ = 0;
  bool children_refused_ = false;
  std::vector<std::string> macro_sheets_;  // as stored
  std::vector<std::string> macro_parts_;   // normalized part names
  std::vector<Relationship> workbook_rels_;
  std::set<std::string> macro_rel_targets_;  // parts the workbook relates as macro sheets
  xls::XlmMacros xlm_;
  std::set<std::string> activex_;
  std::vector<std::string> callbacks_;
};

}  // namespace

Status OoxmlAnalyzer::analyze(ByteView object, Context& ctx) { return Run(object, ctx).analyze(); }

}  // namespace lg
