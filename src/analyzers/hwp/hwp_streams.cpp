// BinData objects (3.2.6, DocInfo 4.2.3) and document scripts (3.2.9) of HWP 5 documents.
#include "analyzers/hwp/hwp_streams.h"

#include "analyzers/hwp/hwp_analyzer.h"

#include <string>
#include <vector>

#include "core/ascii.h"
#include "core/file_type.h"
#include "core/inflate.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr std::size_t kMaxScriptParts = 4;  // header, source, pre source, post source
constexpr std::size_t kMaxScriptBytes = 8u << 20;

std::size_t object_cap(Context& ctx) {
  return static_cast<std::size_t>(ctx.limits().max_object_bytes);
}

// "BIN000C.jpg" -> 0x000C; nullopt for other names.
std::optional<std::uint16_t> bindata_id(std::string_view name) {
  if (name.size() < 7 || !istarts_with(name, "BIN")) return std::nullopt;
  unsigned v = 0;
  for (std::size_t i = 3; i < 7; ++i) {
    char c = ascii_lower(name[i]);
    unsigned d = (c >= '0' && c <= '9')   ? unsigned(c - '0')
                 : (c >= 'a' && c <= 'f') ? unsigned(c - 'a' + 10)
                                          : 16u;
    if (d == 16) return std::nullopt;
    v = v * 16 + d;
  }
  return static_cast<std::uint16_t>(v);
}

// 3.2.9: DWORD length (in WCHARs) and WCHAR[length], for header, source, pre and post source.
std::vector<std::string> script_parts(ByteView data) {
  Reader r(data);
  std::vector<std::string> parts;
  std::size_t off = 0;
  while (parts.size() < kMaxScriptParts) {
    auto len = r.u32le(off);
    if (!len || *len == 0xFFFFFFFF) break;
    off += 4;
    std::size_t bytes = std::min<std::size_t>(std::size_t{*len} * 2, data.size() - off);
    parts.push_back(utf16le_to_utf8(data.subspan(off, bytes)));
    off += bytes;
  }
  return parts;
}

}  // namespace

std::optional<Bytes> read_hwp_stream(const CompoundFile& cf, const CfbEntry& entry, bool compressed,
                                     std::string_view what, Context& ctx) {
  std::vector<std::string> anomalies;
  auto raw = cf.read_stream(entry, object_cap(ctx), &anomalies);
  for (const auto& a : anomalies) ctx.anomaly("HWP " + std::string(what) + ": " + a);
  if (!raw) return std::nullopt;
  if (!compressed) return std::move(*raw);
  Inflated inf = inflate_bytes(*raw, DeflateWrapper::kRaw, object_cap(ctx));
  if (inf.capped) ctx.anomaly("HWP " + std::string(what) + ": inflated size reached the limit");
  if (inf.damaged || !inf.complete) {
    ctx.anomaly("HWP " + std::string(what) + ": damaged or truncated deflate stream");
    if (inf.data.empty()) return std::nullopt;
  }
  return std::move(inf.data);
}

void report_hwp_bindata(const CompoundFile& cf, bool compressed,
                        const std::map<std::uint16_t, HwpBinDataRef>& refs, Context& ctx) {
  const CfbEntry* storage = cf.find("BinData");
  if (!storage || storage->type != CfbObjectType::kStorage) return;
  std::vector<std::string> listed;
  std::size_t seen = 0;
  bool refused = false;
  for (std::uint32_t id : cf.children(storage->id)) {
    const CfbEntry& e = cf.entries()[id];
    if (e.type != CfbObjectType::kStream || refused || ctx.should_stop()) continue;
    if (++seen > HwpAnalyzer::kMaxBinData) break;
    if (listed.size() < HwpAnalyzer::kMaxListed) listed.push_back(e.name);
    auto bid = bindata_id(e.name);
    const HwpBinDataRef* ref = nullptr;
    if (bid) {
      auto it = refs.find(*bid);
      if (it != refs.end()) ref = &it->second;
    }
    bool inflate = ref && ref->compression == 1   ? true
                   : ref && ref->compression == 2 ? false
                                                  : compressed;
    auto raw = cf.read_stream(e, object_cap(ctx));
    if (!raw) continue;
    Bytes data;
    if (inflate) {
      Inflated inf = inflate_bytes(*raw, DeflateWrapper::kRaw, object_cap(ctx));
      if (inf.data.empty() && inf.damaged) {
        ctx.anomaly("HWP BinData/" + e.name + ": does not inflate; taken as stored");
        data = *raw;
      } else {
        data = std::move(inf.data);
      }
    } else {
      data = *raw;
    }
    std::string ext =
        ref && !ref->extension.empty() ? ascii_lower(ref->extension) : hwp_extension_of(e.name);
    if (!report_hwp_bin_object(e.name, ext, std::move(data), raw->size(), ctx)) refused = true;
  }
  if (!listed.empty()) ctx.fact("hwp_bindata", listed);
}

void report_hwp_scripts(const CompoundFile& cf, bool compressed, Context& ctx) {
  const CfbEntry* storage = cf.find("Scripts");
  if (!storage || storage->type != CfbObjectType::kStorage) return;
  ctx.fact("hwp_has_scripts", true);
  if (const CfbEntry* v = cf.find("Scripts/JScriptVersion")) {
    auto bytes = read_hwp_stream(cf, *v, compressed, "Scripts/JScriptVersion", ctx);
    if (bytes && bytes->size() >= 8) {
      Reader r(*bytes);
      ctx.fact("hwp_script_version", std::to_string(r.u32le(4).value_or(0)) + "." +
                                         std::to_string(r.u32le(0).value_or(0)));
    }
  }
  const CfbEntry* e = cf.find("Scripts/DefaultJScript");
  if (!e || e->type != CfbObjectType::kStream) return;
  auto bytes = read_hwp_stream(cf, *e, compressed, "Scripts/DefaultJScript", ctx);
  if (!bytes) return;
  std::string all;
  for (const auto& part : script_parts(*bytes)) {
    if (part.empty() || all.size() >= kMaxScriptBytes) continue;
    if (!all.empty()) all += '\n';
    all += part;
  }
  report_hwp_script_source(std::move(all), kMaxScriptBytes, ctx);
}

}  // namespace lg
