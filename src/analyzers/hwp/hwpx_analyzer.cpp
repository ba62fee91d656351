// HwpxAnalyzer: the OCF/OPF package of an HWPX document (KS X 6101 clause 8: mimetype,
// version.xml, Contents/content.hpf, META-INF/manifest.xml), its body parts (clause 10, in
// hwpx_section.cpp), BinData/ and Scripts/ (8.2) and encryption (clause 15).
#include "analyzers/hwp/hwpx_analyzer.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/hwp/hwp_findings.h"
#include "analyzers/hwp/hwpx_section.h"
#include "core/ascii.h"
#include "core/utf8.h"
#include "formats/xml/xml_util.h"
#include "formats/zip/zip_walker.h"

namespace lg {
namespace {

std::string_view as_view(const Bytes& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// Script files are UTF-16LE (with or without a BOM) or UTF-8; both are seen in the wild.
std::string script_text(const Bytes& data) {
  ByteView v(data);
  if (v.size() >= 2 && v[0] == 0xFF && v[1] == 0xFE) return utf16le_to_utf8(v.subspan(2));
  if (v.size() >= 2 && v[0] != 0 && v[1] == 0) return utf16le_to_utf8(v);
  std::string_view s = as_view(data);
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  return repair_utf8(s);
}

class HwpxRun {
 public:
  HwpxRun(ByteView object, Context& ctx) : object_(object), ctx_(ctx) {}

  void run() {
    archive_ = zip::walk(object_);
    for (const auto& issue : archive_.issues)
      ctx_.anomaly(std::string("HWPX ZIP: ") + zip::issue_kind_name(issue.kind) + " " +
                   xml::clean_utf8(issue.detail, 256));
    for (std::size_t i = 0; i < archive_.entries.size(); ++i) {
      const zip::Entry& e = archive_.entries[i];
      if (!e.is_directory()) by_name_.emplace(ascii_lower(e.name), i);  // first one wins
    }
    if (by_name_.empty()) {
      malformed("HWPX: no ZIP entries");
      return;
    }
    ctx_.fact("hwp_format", std::string("hwpx"));
    read_version();
    read_manifest();
    read_content_hpf();
    read_sections();
    read_bindata();
    read_scripts();
  }

 private:
  void malformed(const std::string& what) {
    ctx_.anomaly(what);
    if (reported_) return;
    reported_ = true;
    ctx_.finding(Symbol::HWP_MALFORMED, {what, "broken Hangul document structure"});
  }

  const zip::Entry* find(std::string_view lower_name) const {
    auto it = by_name_.find(std::string(lower_name));
    return it == by_name_.end() ? nullptr : &archive_.entries[it->second];
  }

  bool is_encrypted(const zip::Entry& e) const {
    return e.encrypted() || encrypted_.count(ascii_lower(e.name)) > 0;
  }

  // An entry's bytes, at most `cap`; nullopt (with an anomaly) when it cannot be read.
  std::optional<Bytes> read(const zip::Entry& e, std::size_t cap) {
    auto r = zip::extract(object_, e, cap);
    const std::string name = xml::clean_utf8(e.name, 256);
    if (!r) {
      ctx_.anomaly("HWPX " + name + ": " + r.status().message());
      return std::nullopt;
    }
    if (r->capped) ctx_.anomaly("HWPX " + name + ": size reached the limit, the rest was not read");
    if (r->damaged) malformed("HWPX " + name + ": damaged or truncated compressed data");
    return std::move(r->data);
  }

  std::size_t object_cap() const {
    return static_cast<std::size_t>(ctx_.limits().max_object_bytes);
  }
  std::size_t xml_cap() const { return std::min(object_cap(), HwpxAnalyzer::kMaxXmlPartBytes); }

  // An XML part by name, parsed; nullptr-like (false) when absent or unreadable.
  bool load_xml(std::string_view lower_name, pugi::xml_document& doc) {
    const zip::Entry* e = find(lower_name);
    if (!e || is_encrypted(*e)) return false;
    auto bytes = read(*e, xml_cap());
    if (!bytes) return false;
    if (!xml::parse_xml(as_view(*bytes), doc)) {
      malformed("HWPX " + std::string(lower_name) + ": not well-formed XML");
      return xml::parse_xml_partial(as_view(*bytes), doc);
    }
    return true;
  }

  // 8.3: version.xml, hv:HCFVersion major/minor/micro/buildNumber.
  void read_version() {
    pugi::xml_document doc;
    if (!load_xml("version.xml", doc)) return;
    pugi::xml_node v = xml::first_element(doc);
    std::string version;
    for (const char* part : {"major", "minor", "micro", "buildNumber"}) {
      std::string n = xml::attr(v, part);
      if (n.empty()) break;
      version += (version.empty() ? "" : ".") + xml::clean_utf8(n, 16);
    }
    if (!version.empty()) ctx_.fact("hwp_version", version);
  }

  // Clause 15: META-INF/manifest.xml (the ODF manifest) lists encrypted parts as file-entry
  // elements with an encryption-data child.
  void read_manifest() {
    pugi::xml_document doc;
    if (!load_xml("meta-inf/manifest.xml", doc)) return;
    std::size_t n = 0;
    for (pugi::xml_node e = xml::first_element(doc).first_child();
         e && n < HwpxAnalyzer::kMaxManifestItems; e = e.next_sibling(), ++n) {
      if (xml::local_name(e.name()) != "file-entry") continue;
      bool encrypted = false;
      for (pugi::xml_node c = e.first_child(); c && !encrypted; c = c.next_sibling())
        encrypted = xml::local_name(c.name()) == "encryption-data";
      if (encrypted) encrypted_.insert(ascii_lower(xml::attr(e, "full-path")));
    }
  }

  // 8.4: Contents/content.hpf, an OPF package whose manifest items name the parts with their
  // media types; isEmbeded="0" items live outside the package (at sub-path).
  void read_content_hpf() {
    pugi::xml_document doc;
    if (!load_xml("contents/content.hpf", doc)) return;
    std::vector<std::string> linked;
    std::size_t n = 0;
    for (pugi::xml_node m = xml::first_element(doc).first_child(); m; m = m.next_sibling()) {
      if (xml::local_name(m.name()) != "manifest") continue;
      for (pugi::xml_node it = m.first_child(); it && n < HwpxAnalyzer::kMaxManifestItems;
           it = it.next_sibling(), ++n) {
        if (xml::local_name(it.name()) != "item") continue;
        const std::string href = ascii_lower(xml::attr(it, "href"));
        media_types_.emplace(href, ascii_lower(xml::attr(it, "media-type")));
        std::string embedded = xml::attr(it, "isEmbeded");
        if (embedded.empty()) embedded = xml::attr(it, "isEmbedded");
        if (embedded == "0" && linked.size() < HwpxAnalyzer::kMaxListed) {
          std::string path = xml::attr(it, "sub-path");
          linked.push_back(xml::clean_utf8(path.empty() ? xml::attr(it, "href") : path));
        }
      }
    }
    if (!linked.empty()) ctx_.fact("hwp_linked_files", linked);
  }

  void read_sections() {
    // Section order is the number in the name (Contents/section0.xml, section1.xml, ...).
    std::vector<std::pair<unsigned long, const zip::Entry*>> sections;
    for (const auto& [name, index] : by_name_) {
      if (!name.starts_with("contents/section") || !name.ends_with(".xml")) continue;
      if (sections.size() >= HwpxAnalyzer::kMaxSections) break;
      sections.emplace_back(std::strtoul(name.c_str() + 16, nullptr, 10), &archive_.entries[index]);
    }
    std::sort(sections.begin(), sections.end());
    std::int64_t paragraphs = 0, sections_read = 0;
    std::vector<std::string> hyperlinks;
    std::vector<std::string> closed;
    for (const auto& [number, e] : sections) {
      if (ctx_.should_stop()) break;
      if (is_encrypted(*e)) {
        closed.push_back(xml::clean_utf8(e->name));
        continue;
      }
      auto bytes = read(*e, xml_cap());
      if (!bytes) continue;
      ++sections_read;
      HwpxSection s = read_hwpx_section(as_view(*bytes));
      if (!s.well_formed) malformed("HWPX " + xml::clean_utf8(e->name) + ": not well-formed XML");
      if (s.capped) ctx_.anomaly("HWPX " + xml::clean_utf8(e->name) + ": node cap reached");
      paragraphs += s.paragraphs;
      for (const auto& url : s.hyperlinks)
        report_hwp_hyperlink(url, hyperlinks, HwpxAnalyzer::kMaxListed, ctx_);
      report_hwp_document_text(std::move(s.text), text_bytes_, ctx_);
    }
    ctx_.fact("hwp_sections", sections_read);
    ctx_.fact("hwp_paragraphs", paragraphs);
    if (!hyperlinks.empty()) ctx_.fact("hwp_hyperlinks", hyperlinks);
    std::vector<std::string> encrypted_parts(encrypted_.begin(), encrypted_.end());
    for (const auto& [name, index] : by_name_)
      if (archive_.entries[index].encrypted() && !encrypted_.count(name))
        encrypted_parts.push_back(name);
    if (encrypted_parts.size() > HwpxAnalyzer::kMaxListed)
      encrypted_parts.resize(HwpxAnalyzer::kMaxListed);
    ctx_.fact("hwp_password", !encrypted_parts.empty());
    if (!encrypted_parts.empty()) {
      for (auto& p : encrypted_parts) p = xml::clean_utf8(p);
      ctx_.fact("hwp_encrypted_parts", encrypted_parts);
      ctx_.finding(
          Symbol::HWP_ENCRYPTED,
          {"password", closed.empty() ? "parts of the document are encrypted and were not read"
                                      : "the document is encrypted; its text was not read"});
    } else if (sections.empty()) {
      malformed("HWPX: no Contents/section*.xml part");
    }
    if (text_bytes_ == 0) read_preview_text();
  }

  // 8.2: Preview/PrvText.txt, the plain-text preview (UTF-8 or UTF-16LE).
  void read_preview_text() {
    const zip::Entry* e = find("preview/prvtext.txt");
    if (!e || is_encrypted(*e)) return;
    auto bytes = read(*e, xml_cap());
    if (bytes) report_hwp_document_text(script_text(*bytes), text_bytes_, ctx_);
  }

  std::string extension_for(const std::string& lower_name) const {
    std::string ext = hwp_extension_of(lower_name);
    if (!ext.empty()) return ext;
    // content.hpf hrefs are relative to the package root ("BinData/image1.eps").
    auto it = media_types_.find(lower_name);
    if (it != media_types_.end() && it->second.find("postscript") != std::string::npos)
      return "eps";
    return ext;
  }

  // 8.2: BinData/ holds embedded images, OLE objects and attached documents.
  void read_bindata() {
    std::vector<std::string> listed;
    std::size_t seen = 0;
    for (const auto& [name, index] : by_name_) {
      if (!name.starts_with("bindata/") || ctx_.should_stop()) continue;
      if (++seen > HwpxAnalyzer::kMaxBinData) break;
      const zip::Entry& e = archive_.entries[index];
      if (listed.size() < HwpxAnalyzer::kMaxListed) listed.push_back(xml::clean_utf8(e.name));
      if (is_encrypted(e)) continue;
      auto bytes = read(e, object_cap());
      if (!bytes) continue;
      if (!report_hwp_bin_object(xml::clean_utf8(e.name), extension_for(name), std::move(*bytes),
                                 e.compressed_size, ctx_))
        break;
    }
    if (!listed.empty()) ctx_.fact("hwp_bindata", listed);
  }

  // 8.2: Scripts/ (headerScripts, sourceScripts): the document's JScript.
  void read_scripts() {
    std::string all;
    std::size_t seen = 0;
    for (const auto& [name, index] : by_name_) {
      if (!name.starts_with("scripts/") || ++seen > HwpxAnalyzer::kMaxScripts) continue;
      const zip::Entry& e = archive_.entries[index];
      if (is_encrypted(e) || all.size() >= HwpxAnalyzer::kMaxScriptBytes) continue;
      auto bytes = read(e, HwpxAnalyzer::kMaxScriptBytes);
      if (!bytes) continue;
      std::string text = script_text(*bytes);
      if (text.empty()) continue;
      if (!all.empty()) all += '\n';
      all += text;
    }
    if (seen) ctx_.fact("hwp_has_scripts", true);
    report_hwp_script_source(std::move(all), HwpxAnalyzer::kMaxScriptBytes, ctx_);
  }

  ByteView object_;
  Context& ctx_;
  zip::Archive archive_;
  std::map<std::string, std::size_t> by_name_;      // lower-case name -> entry (files only)
  std::set<std::string> encrypted_;                 // lower-case part names (manifest.xml)
  std::map<std::string, std::string> media_types_;  // lower-case href -> media type
  std::uint64_t text_bytes_ = 0;
  bool reported_ = false;
};

}  // namespace

Status HwpxAnalyzer::analyze(ByteView object, Context& ctx) {
  HwpxRun(object, ctx).run();
  return Status::ok();
}

}  // namespace lg
