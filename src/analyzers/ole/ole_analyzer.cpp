// OleAnalyzer: the compound file's structure, property sets, encryption markers, embedded
// packages and VBA projects ([MS-CFB], [MS-OLEPS], [MS-OLEDS], [MS-OVBA], [MS-PPT]).
#include "analyzers/ole/ole_analyzer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "analyzers/ole/ole_encryption.h"
#include "analyzers/ole/ole_native.h"
#include "analyzers/ole/ole_property_set.h"
#include "analyzers/ole/vba_project.h"
#include "analyzers/ole/vba_report.h"
#include "core/ascii.h"
#include "core/file_type.h"
#include "core/inflate.h"
#include "core/reader.h"
#include "formats/cfb/compound_file.h"
#include "formats/xls/biff_workbook.h"
#include "formats/xls/xlm_report.h"

namespace lg {
namespace {

constexpr std::size_t kMaxPropertyStream = 1u << 20;
constexpr std::size_t kMaxPptRecords = 4096;  // ExOleObjStg candidates in a PowerPoint stream
constexpr std::size_t kMaxCarveStreams = 256;

std::string base_name(std::string_view path) {
  std::size_t s = path.find_last_of("\\/");
  return std::string(s == std::string_view::npos ? path : path.substr(s + 1));
}

bool executable_name(std::string_view name) {
  static constexpr std::string_view kExt[] = {".exe", ".dll", ".scr", ".com", ".pif", ".bat",
                                              ".cmd", ".vbs", ".vbe", ".js",  ".jse", ".wsf",
                                              ".hta", ".ps1", ".lnk", ".jar", ".msi", ".cpl"};
  std::string l(name);
  for (char& c : l)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  for (auto e : kExt)
    if (l.ends_with(e)) return true;
  return false;
}

bool executable_content(ByteView data) {
  FileType t = identify(data);
  return file_type_is_executable(t) || file_type_is_script(t) || t == FileType::kLnk;
}

void properties(const CompoundFile& cf, Context& ctx) {
  for (bool summary : {true, false}) {
    const CfbEntry* e = cf.find(summary ? "\x05SummaryInformation"
                                        : "\x05"
                                          "DocumentSummaryInformation");
    if (!e || e->type != CfbObjectType::kStream) continue;
    auto bytes = cf.read_stream(*e, kMaxPropertyStream);
    if (!bytes) continue;
    for (auto& [k, v] : read_property_set(*bytes, summary)) {
      if (k == "codepage")
        ctx.fact(k, static_cast<std::int64_t>(std::stoll(v)));
      else
        ctx.fact(k, v);
    }
  }
}

// Excel 4.0 macros of the workbook stream ([MS-XLS] 2.1.2: "Workbook" in BIFF8, "Book" in
// BIFF5/7).
void excel4_macros(const CompoundFile& cf, Context& ctx) {
  const CfbEntry* wb = cf.find("Workbook");
  if (!wb) wb = cf.find("Book");
  if (!wb || wb->type != CfbObjectType::kStream) return;
  auto bytes = cf.read_stream(*wb, static_cast<std::size_t>(ctx.limits().max_object_bytes));
  if (!bytes) return;
  xls::XlmMacros m = xls::read_biff_workbook(*bytes);
  m.source = wb->path;
  xls::report_xlm(m, ctx);
}

void payload_child(ChildInfo info, Bytes data, Context& ctx, bool& refused) {
  if (refused) return;
  if (executable_name(info.name) || executable_content(data))
    ctx.finding(Symbol::OFFICE_EMBEDDED_EXECUTABLE,
                {info.name.empty() ? info.relation : info.name,
                 "an embedded object carries an executable, script or shortcut"});
  if (!ctx.child(std::move(info), std::move(data)).is_ok()) refused = true;
}

// Streams of interest become children: Ole10Native packages, embedded CONTENTS/Package
// streams, and any other stream holding an executable or another compound file.
void embedded(const CompoundFile& cf, Context& ctx) {
  bool refused = false;
  const std::size_t max = static_cast<std::size_t>(ctx.limits().max_object_bytes);
  for (std::uint32_t id : cf.walk_order()) {
    if (refused || ctx.should_stop()) return;
    const CfbEntry& e = cf.entries()[id];
    if (e.type != CfbObjectType::kStream || e.size == 0) continue;
    const bool native = e.name == "\x01Ole10Native";
    const bool object =
        iequals(e.name, "Package") || iequals(e.name, "CONTENTS") || iequals(e.name, "EmbeddedOdf");
    const bool known_doc = iequals(e.name, "WordDocument") || iequals(e.name, "Workbook") ||
                           iequals(e.name, "PowerPoint Document") || iequals(e.name, "1Table") ||
                           iequals(e.name, "0Table") || iequals(e.name, "Data");
    if (!native && !object && (known_doc || e.size < 64)) continue;
    auto bytes = cf.read_stream(e, max);
    if (!bytes) continue;
    if (native) {
      auto pkg = parse_ole10native(*bytes);
      if (pkg) {
        ChildInfo info{"package", base_name(pkg->label.empty() ? pkg->file_path : pkg->label), "",
                       std::nullopt};
        if (!pkg->file_path.empty()) ctx.fact("package_path", pkg->file_path);
        payload_child(std::move(info), Bytes(pkg->payload.begin(), pkg->payload.end()), ctx,
                      refused);
      } else {
        payload_child({"embedded", "", "", std::nullopt}, std::move(*bytes), ctx, refused);
      }
    } else if (object) {
      payload_child({"embedded", "", "", std::nullopt}, std::move(*bytes), ctx, refused);
    } else if (executable_content(*bytes) || CompoundFile::has_signature(*bytes)) {
      payload_child({"stream", base_name(e.path), "", std::nullopt}, std::move(*bytes), ctx,
                    refused);
    }
  }
}

// [MS-PPT] 2.10.34 ExOleObjStg (recType 0x1011) holding the VBA project storage; instance 1
// means DecompressedSize (u32) then a zlib stream. The storage is a compound file of its own,
// whose VBA projects are read in place; other embedded storages become children.
void powerpoint_vba(const CompoundFile& cf, std::vector<VbaProject>& projects, Context& ctx) {
  const CfbEntry* e = cf.find("PowerPoint Document");
  if (!e || e->type != CfbObjectType::kStream) return;
  auto doc = cf.read_stream(*e, static_cast<std::size_t>(ctx.limits().max_object_bytes));
  if (!doc) return;
  Reader r(*doc);
  bool refused = false;
  std::string_view hay = as_chars(*doc);
  std::size_t from = 0;
  for (std::size_t n = 0; n < kMaxPptRecords; ++n) {
    std::size_t at = hay.find(std::string_view("\x11\x10", 2), from);
    if (at == std::string_view::npos || at < 2) break;
    from = at + 1;
    const std::size_t rec = at - 2;
    auto ver_inst = r.u16le(rec);
    auto len = r.u32le(rec + 4);
    if (!ver_inst || !len || (*ver_inst & 0x000F) != 0) continue;
    auto body = r.subspan(rec + 8, std::min<std::size_t>(*len, doc->size() - (rec + 8)));
    if (!body || body->size() < 8) continue;
    Bytes storage;
    if ((*ver_inst >> 4) == 1) {
      Inflated inf = inflate_bytes(body->subspan(4), DeflateWrapper::kZlib, kMaxVbaStreamBytes * 4);
      storage = std::move(inf.data);
    } else {
      storage.assign(body->begin(), body->end());
    }
    if (!CompoundFile::has_signature(storage)) continue;
    auto inner = CompoundFile::open(storage);
    if (!inner) continue;
    std::vector<VbaProject> found = find_vba_projects(*inner);
    if (found.empty()) {
      // Another embedded object (an OLE Package, a workbook): its own compound file.
      if (!refused && !ctx.child({"embedded", "", "", body->size()}, std::move(storage)).is_ok())
        refused = true;
      continue;
    }
    for (VbaProject& p : found) {
      if (projects.size() >= kMaxVbaProjects) return;
      p.storage_path = "PowerPoint Document/ExOleObjStg";
      projects.push_back(std::move(p));
    }
  }
}

// Orphaned streams (unreachable from the root) may still hold module source: carve them.
void carve_orphans(const CompoundFile& cf, std::vector<VbaProject>& projects) {
  VbaProject carved;
  carved.storage_path = "(orphaned entries)";
  std::size_t scanned = 0;
  for (const CfbEntry& e : cf.entries()) {
    if (e.reachable || e.type != CfbObjectType::kStream || scanned >= kMaxCarveStreams) continue;
    ++scanned;
    auto bytes = cf.read_stream(e, kMaxVbaStreamBytes);
    if (!bytes) continue;
    for (VbaModule& m : carve_vba_modules(*bytes, e.name + ":", 1252))
      carved.modules.push_back(std::move(m));
  }
  if (!carved.modules.empty()) projects.push_back(std::move(carved));
}

}  // namespace

Status OleAnalyzer::analyze(ByteView object, Context& ctx) {
  auto opened = CompoundFile::open(object);
  if (!opened) {
    ctx.anomaly("compound file: " + opened.status().message());
    ctx.finding(Symbol::OLE_MALFORMED,
                {opened.status().message(), "the compound file could not be read"});
    // Carving still finds macros in a file whose directory is gone.
    std::vector<VbaProject> projects;
    VbaProject carved;
    carved.storage_path = "(carved)";
    carved.modules = carve_vba_modules(object, "", 1252);
    if (!carved.modules.empty()) {
      projects.push_back(std::move(carved));
      report_vba(projects, ctx);
    }
    return Status::ok();
  }
  const CompoundFile& cf = *opened;
  for (const auto& a : cf.anomalies()) ctx.anomaly("compound file: " + a);
  if (!cf.anomalies().empty())
    ctx.finding(Symbol::OLE_MALFORMED,
                {cf.anomalies().front(), "malformed compound file structure"});
  std::vector<std::string> listing;
  for (std::uint32_t id : cf.walk_order()) {
    if (listing.size() >= kMaxListedEntries) break;
    if (id != 0) listing.push_back(cf.entries()[id].path);
  }
  ctx.fact("ole_entries", listing);
  ctx.fact("ole_entry_count", static_cast<std::int64_t>(cf.walk_order().size() - 1));
  if (!cf.root().clsid.empty()) ctx.fact("ole_root_clsid", cf.root().clsid);
  properties(cf, ctx);
  office_encryption(cf, object, ctx);
  excel4_macros(cf, ctx);

  std::vector<VbaProject> projects = find_vba_projects(cf);
  powerpoint_vba(cf, projects, ctx);
  if (cf.orphan_count() > 0) carve_orphans(cf, projects);
  report_vba(projects, ctx);
  embedded(cf, ctx);
  return Status::ok();
}

}  // namespace lg
