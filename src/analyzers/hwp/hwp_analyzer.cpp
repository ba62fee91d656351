// HwpAnalyzer: FileHeader (3.2.1), DocInfo (4.2), BodyText sections (4.3) of HWP 5 documents;
// BinData and scripts are in hwp_streams.cpp. HWP 3 files are recognized by their signature.
#include "analyzers/hwp/hwp_analyzer.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "analyzers/hwp/hwp_format.h"
#include "analyzers/hwp/hwp_streams.h"
#include "core/ascii.h"
#include "core/reader.h"
#include "core/utf8.h"
#include "formats/cfb/compound_file.h"

namespace lg {
namespace {

void malformed(Context& ctx, const std::string& what, bool& reported) {
  ctx.anomaly(what);
  if (reported) return;
  reported = true;
  ctx.finding(Symbol::HWP_MALFORMED, {what, "broken Hangul document structure"});
}

// HWP 3: "HWP Document File V3.00 \x1A\x01\x02\x03\x04\x05" (30 bytes) opens the file; the
// format is long obsolete and not parsed further.
void report_hwp3(ByteView object, Context& ctx) {
  ctx.fact("hwp_format", std::string("hwp3"));
  auto sig = Reader(object).chars(0, 23);
  ctx.fact("hwp_version", std::string(sig ? sig->substr(19) : "3"));
}

// DocInfo (4.2): BIN_DATA records by id; LINK entries become a fact.
std::map<std::uint16_t, HwpBinDataRef> read_doc_info(const CompoundFile& cf, bool compressed,
                                                     Context& ctx, bool& reported) {
  std::map<std::uint16_t, HwpBinDataRef> refs;
  const CfbEntry* e = cf.find("DocInfo");
  if (!e || e->type != CfbObjectType::kStream) {
    malformed(ctx, "HWP: no DocInfo stream", reported);
    return refs;
  }
  auto bytes = read_hwp_stream(cf, *e, compressed, "DocInfo", ctx);
  if (!bytes) return refs;
  HwpRecordWalk walk = walk_hwp_records(*bytes, HwpAnalyzer::kMaxRecordsPerStream);
  for (const auto& a : walk.anomalies) malformed(ctx, "HWP DocInfo: " + a, reported);
  std::vector<std::string> linked;
  for (const HwpRecord& rec : walk.records) {
    if (rec.tag != kHwpTagBinData || refs.size() >= HwpAnalyzer::kMaxBinData) continue;
    auto ref = parse_hwp_bin_data(rec.body);
    if (!ref) {
      malformed(ctx, "HWP DocInfo: unreadable BIN_DATA record", reported);
      continue;
    }
    if (ref->kind == HwpBinDataRef::Kind::kLink) {
      if (linked.size() < HwpAnalyzer::kMaxListed) linked.push_back(ref->absolute_path);
      continue;
    }
    refs.emplace(ref->id, std::move(*ref));
  }
  if (!linked.empty()) ctx.fact("hwp_linked_files", linked);
  return refs;
}

struct SectionTotals {
  std::int64_t sections = 0, records = 0, paragraphs = 0;
  std::uint64_t text_bytes = 0;
  std::vector<std::string> hyperlinks;
};

// BodyText/Section<N> in section order; paragraph text and hyperlink fields (4.3).
void read_section(ByteView stream, SectionTotals& t, Context& ctx, bool& reported) {
  HwpRecordWalk walk = walk_hwp_records(stream, HwpAnalyzer::kMaxRecordsPerStream);
  for (const auto& a : walk.anomalies) malformed(ctx, "HWP BodyText: " + a, reported);
  if (walk.capped) ctx.anomaly("HWP BodyText: record cap reached, the rest was not read");
  t.records += static_cast<std::int64_t>(walk.records.size());
  std::string text;
  bool first = true;
  for (const HwpRecord& rec : walk.records) {
    if (rec.tag == kHwpTagParaText) {
      ++t.paragraphs;
      if (!first) text += '\n';
      first = false;
      text += hwp_para_text(rec.body);
    } else if (rec.tag == kHwpTagCtrlHeader && hwp_ctrl_id(rec.body) == "%hlk") {
      auto command = hwp_field_command(rec.body);
      if (!command) {
        malformed(ctx, "HWP BodyText: unreadable hyperlink field", reported);
        continue;
      }
      report_hwp_hyperlink(hwp_hyperlink_target(*command), t.hyperlinks, HwpAnalyzer::kMaxListed,
                           ctx);
    }
  }
  report_hwp_document_text(std::move(text), t.text_bytes, ctx);
}

void read_body_text(const CompoundFile& cf, bool compressed, Context& ctx, bool& reported) {
  const CfbEntry* body = cf.find("BodyText");
  if (!body || body->type != CfbObjectType::kStorage) {
    malformed(ctx, "HWP: no BodyText storage", reported);
    return;
  }
  // Section order is the number in the name, not the directory's order.
  std::vector<std::pair<unsigned long, std::uint32_t>> sections;
  for (std::uint32_t id : cf.children(body->id)) {
    const CfbEntry& e = cf.entries()[id];
    if (e.type != CfbObjectType::kStream || !istarts_with(e.name, "Section")) continue;
    if (sections.size() >= HwpAnalyzer::kMaxSections) break;
    sections.emplace_back(std::strtoul(e.name.c_str() + 7, nullptr, 10), id);
  }
  std::sort(sections.begin(), sections.end());
  SectionTotals t;
  for (const auto& [n, id] : sections) {
    if (ctx.should_stop()) break;
    const CfbEntry& e = cf.entries()[id];
    auto bytes = read_hwp_stream(cf, e, compressed, "BodyText/" + e.name, ctx);
    ++t.sections;
    if (bytes) read_section(*bytes, t, ctx, reported);
  }
  ctx.fact("hwp_sections", t.sections);
  ctx.fact("hwp_records", t.records);
  ctx.fact("hwp_paragraphs", t.paragraphs);
  if (!t.hyperlinks.empty()) ctx.fact("hwp_hyperlinks", t.hyperlinks);
}

}  // namespace

Status HwpAnalyzer::analyze(ByteView object, Context& ctx) {
  if (Reader(object).starts_with_at(0, kHwp3Signature)) {
    report_hwp3(object, ctx);
    return Status::ok();
  }
  bool reported = false;
  auto opened = CompoundFile::open(object);
  if (!opened) {
    malformed(ctx, "HWP compound file: " + opened.status().message(), reported);
    return Status::ok();
  }
  const CompoundFile& cf = *opened;
  for (const auto& a : cf.anomalies()) malformed(ctx, "HWP compound file: " + a, reported);
  const CfbEntry* fh = cf.find("FileHeader");
  auto fh_bytes = fh ? cf.read_stream(*fh, 256)
                     : Result<Bytes>(Status::error(ErrorCode::kMalformed, "missing"));
  std::optional<HwpFileHeader> header;
  if (fh_bytes) header = parse_hwp_file_header(*fh_bytes);
  if (!header) {
    malformed(ctx, "HWP: no FileHeader with the HWP 5 signature", reported);
    return Status::ok();
  }
  ctx.fact("hwp_format", std::string("hwp5"));
  ctx.fact("hwp_version", header->version_string());
  ctx.fact("hwp_properties", header->property_names());
  ctx.fact("hwp_compressed", header->compressed());
  ctx.fact("hwp_password", header->password());
  ctx.fact("hwp_distribution", header->distribution());
  ctx.fact("hwp_script", header->script());
  ctx.fact("hwp_drm", header->drm());

  const bool encrypted = header->password() || header->drm() || header->certificate_encrypted() ||
                         header->certificate_drm();
  if (encrypted) {
    // 3.2.1: with a password (or DRM, certificate encryption) the streams are encrypted.
    ctx.finding(Symbol::HWP_ENCRYPTED,
                {header->password() ? "password" : "drm",
                 "the document is encrypted; its text and objects were not read"});
    return Status::ok();
  }
  bool compressed = header->compressed();
  auto refs = read_doc_info(cf, compressed, ctx, reported);
  if (header->distribution()) {
    // A distribution document keeps its body encrypted in ViewText/Section* (3.2.5).
    ctx.finding(Symbol::HWP_DISTRIBUTION,
                {"distribution document",
                 "copy-protected document; its body text is encrypted and was not read"});
    // The preview text (3.2.7, PrvText: UTF-16LE, never compressed) is what can be read.
    if (const CfbEntry* prv = cf.find("PrvText"); prv && prv->type == CfbObjectType::kStream) {
      auto bytes = read_hwp_stream(cf, *prv, false, "PrvText", ctx);
      std::string text = bytes ? utf16le_to_utf8(*bytes, true) : std::string();
      if (!text.empty()) ctx.text(TextKind::kDocument, text);
    }
  } else {
    read_body_text(cf, compressed, ctx, reported);
  }
  report_hwp_bindata(cf, compressed, refs, ctx);
  report_hwp_scripts(cf, compressed, ctx);
  return Status::ok();
}

}  // namespace lg
