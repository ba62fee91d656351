// [MS-OVBA] 2.2.1 (project storage), 2.3.1 (PROJECT stream), 2.3.4.3 (module stream:
// PerformanceCache then CompressedSourceCode at MODULEOFFSET).
#include "analyzers/ole/vba_project.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "analyzers/ole/vba_decompress.h"
#include "core/ascii.h"
#include "core/charset.h"
#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxProjectLines = 100000;

VbaModule read_module(const CompoundFile& cf, const CfbEntry& vba, const VbaDirModule& dm,
                      std::uint32_t code_page, std::vector<std::string>& anomalies) {
  VbaModule m;
  m.name = dm.name;
  m.document = dm.document;
  m.text_offset = dm.text_offset;
  const CfbEntry* s = cf.find_child(vba.id, dm.stream_name);
  if (!s || s->type != CfbObjectType::kStream) {
    anomalies.push_back("module stream '" + dm.stream_name + "' is missing");
    return m;
  }
  m.stream_found = true;
  m.stream_path = s->path;
  auto data = cf.read_stream(*s, kMaxVbaStreamBytes, &anomalies);
  if (!data) return m;
  Reader r(*data);
  auto pcode = r.subspan(0, std::min<std::size_t>(dm.text_offset, data->size()));
  if (pcode) m.pcode.assign(pcode->begin(), pcode->end());
  auto compressed = r.tail(dm.text_offset);
  if (!compressed) {
    anomalies.push_back("MODULEOFFSET of '" + dm.name + "' is past the end of its stream");
    return m;
  }
  VbaDecompressed src = vba_decompress(*compressed, kMaxVbaSourceBytes);
  m.source_ok = src.ok;
  if (!src.ok && !compressed->empty())
    anomalies.push_back("source of module '" + dm.name + "' did not decompress cleanly");
  m.source = decode_vba_source(src.data, code_page);
  return m;
}

}  // namespace

std::string decode_vba_source(ByteView raw, std::uint32_t code_page) {
  if (raw.empty()) return "";
  return decode_text(raw, windows_code_page_charset(code_page)).utf8;
}

VbaProjectStream parse_project_stream(ByteView data, const std::string& charset) {
  VbaProjectStream out;
  out.present = true;
  std::string text = decode_text(data, charset).utf8;
  std::string_view rest(text);
  for (std::size_t n = 0; n < kMaxProjectLines && !rest.empty(); ++n) {
    std::size_t eol = rest.find_first_of("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (!line.empty() && line.front() == '[') break;  // [Host Extender Info], [Workspace]
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (iequals(key, "Module") || iequals(key, "Class") || iequals(key, "BaseClass")) {
      out.modules.emplace_back(value);
    } else if (iequals(key, "Document")) {
      out.modules.emplace_back(value.substr(0, value.find('/')));  // "Name/&H00000000"
    } else if (iequals(key, "DPB")) {
      std::string_view v = value;
      if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
      out.protection = !v.empty();
    }
  }
  return out;
}

std::vector<VbaProject> find_vba_projects(const CompoundFile& cf) {
  std::vector<VbaProject> out;
  for (std::uint32_t id : cf.walk_order()) {
    const CfbEntry& vba = cf.entries()[id];
    if (vba.type != CfbObjectType::kStorage || !iequals(vba.name, "VBA")) continue;
    const CfbEntry* dir = cf.find_child(id, "dir");
    if (!dir || dir->type != CfbObjectType::kStream) continue;
    if (out.size() >= kMaxVbaProjects) break;
    VbaProject p;
    const std::uint32_t parent = vba.parent.value_or(0);
    p.storage_path = cf.entries()[parent].path;
    auto dir_bytes = cf.read_stream(*dir, kMaxVbaStreamBytes, &p.anomalies);
    if (!dir_bytes) continue;
    VbaDecompressed d = vba_decompress(*dir_bytes, kMaxVbaStreamBytes);
    if (!d.ok) p.anomalies.push_back("dir stream did not decompress cleanly");
    p.dir = parse_vba_dir(d.data);
    for (auto& a : p.dir.anomalies) p.anomalies.push_back(a);
    if (const CfbEntry* vp = cf.find_child(id, "_VBA_PROJECT"))
      p.vba_project_stream_size = vp->size;
    if (const CfbEntry* ps = cf.find_child(parent, "PROJECT");
        ps && ps->type == CfbObjectType::kStream) {
      if (auto bytes = cf.read_stream(*ps, kMaxVbaStreamBytes, &p.anomalies))
        p.project = parse_project_stream(*bytes, windows_code_page_charset(p.dir.code_page));
    }
    for (const VbaDirModule& dm : p.dir.modules)
      p.modules.push_back(read_module(cf, vba, dm, p.dir.code_page, p.anomalies));
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<VbaModule> carve_vba_modules(ByteView data, const std::string& origin,
                                         std::uint32_t code_page) {
  static constexpr char kNeedle[] = "\0Attribut";
  constexpr std::size_t kNeedleSize = sizeof kNeedle - 1;
  std::vector<VbaModule> out;
  std::string_view hay = as_chars(data);
  std::size_t from = 0;
  for (std::size_t n = 0; n < kMaxCarveMatches; ++n) {
    std::size_t at = hay.find(std::string_view(kNeedle, kNeedleSize), from);
    if (at == std::string_view::npos) break;
    from = at + kNeedleSize;
    if (at < 3 || data[at - 3] != 0x01) continue;  // SignatureByte, then the chunk header
    VbaDecompressed src = vba_decompress(data.subspan(at - 3), kMaxVbaSourceBytes);
    if (src.data.size() < 9 || std::memcmp(src.data.data(), "Attribute", 9) != 0) continue;
    VbaModule m;
    m.name = origin + "carved_" + std::to_string(at - 3);
    m.carved = true;
    m.source_ok = src.ok;
    m.source = decode_vba_source(src.data, code_page);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace lg
