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

constexpr std::size_t kMaxInnerStreams = 64;  // streams looked at inside an OLE BinData
constexpr std::size_t kMaxScriptParts = 4;    // header, source, pre source, post source
constexpr std::size_t kMaxScriptBytes = 8u << 20;
constexpr std::size_t kMaxNativeName = 1024;  // Ole10Native label and paths

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

std::string extension_of(std::string_view name) {
  std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : ascii_lower(name.substr(dot + 1));
}

bool runs_code(ByteView data) {
  FileType t = identify(data);
  return file_type_is_executable(t) || file_type_is_script(t) || t == FileType::kLnk;
}

// A NUL-terminated ANSI string at `off`, at most kMaxNativeName bytes; advances past the NUL.
std::string c_string(const Reader& r, std::size_t& off) {
  std::string out;
  while (auto c = r.u8(off)) {
    ++off;
    if (*c == 0) break;
    if (out.size() < kMaxNativeName) out += static_cast<char>(*c);
  }
  return out;
}

// [MS-OLEDS] 2.3.6-like "\x01Ole10Native" stream of an OLE Package: total size, flags, label,
// file path, reserved, temp path, then the payload. Returns what names it declares and whether
// the names or the payload run code.
bool judge_ole10native(ByteView s, std::vector<std::string>& names) {
  Reader r(s);
  std::size_t off = 6;  // DWORD size, WORD flags
  names.push_back(c_string(r, off));
  names.push_back(c_string(r, off));
  off += 4;  // reserved
  auto len = r.u32le(off);
  if (len) {
    off += 4;
    std::size_t end = off + std::min<std::size_t>(*len, kMaxNativeName);
    names.push_back(c_string(r, off));
    off = std::max(off, end);
  }
  bool bad = false;
  for (const auto& n : names) bad = bad || hwp_executable_name(n);
  if (auto size = r.u32le(off)) {
    auto payload =
        r.subspan(off + 4, std::min<std::size_t>(*size, s.size() - std::min(s.size(), off + 4)));
    if (payload && runs_code(*payload)) bad = true;
  }
  return bad;
}

// An OLE BinData object (3.2.6): a DWORD size, then a compound file. Looks at its package
// streams; returns the offset of the compound file (for the child) when there is one.
std::optional<std::size_t> judge_ole_object(ByteView data, const std::string& stream,
                                            Context& ctx) {
  std::size_t at = 0;
  if (CompoundFile::has_signature(data.subspan(std::min<std::size_t>(4, data.size()))))
    at = 4;
  else if (!CompoundFile::has_signature(data))
    return std::nullopt;
  auto inner = CompoundFile::open(data.subspan(at));
  if (!inner) return at;
  std::vector<std::string> names;
  bool bad = false;
  std::size_t looked = 0;
  for (std::uint32_t id : inner->walk_order()) {
    const CfbEntry& e = inner->entries()[id];
    if (e.type != CfbObjectType::kStream || looked >= kMaxInnerStreams) continue;
    ++looked;
    auto bytes = inner->read_stream(e, object_cap(ctx));
    if (!bytes) continue;
    if (e.name == "\x01Ole10Native")
      bad = judge_ole10native(*bytes, names) || bad;
    else if (iequals(e.name, "Package") || iequals(e.name, "CONTENTS"))
      bad = runs_code(*bytes) || bad;
  }
  if (bad) {
    std::string shown = stream;
    for (const auto& n : names)
      if (!n.empty()) shown += " " + n;
    ctx.finding(Symbol::HWP_EMBEDDED_OLE_EXECUTABLE,
                {shown, "an embedded OLE package holds a program, script or shortcut"});
  }
  return at;
}

bool postscript(std::string_view ext, ByteView data) {
  Reader r(data);
  return ext == "eps" || ext == "ps" || ext == "epsi" || r.starts_with_at(0, "%!PS") ||
         r.starts_with_at(0, "\xC5\xD0\xD3\xC6");
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

bool hwp_executable_name(std::string_view name) {
  static constexpr std::string_view kExt[] = {
      ".exe", ".dll", ".scr", ".com", ".pif", ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse",
      ".wsf", ".wsh", ".hta", ".ps1", ".lnk", ".jar", ".msi", ".cpl", ".url", ".chm"};
  std::string l = ascii_lower(name);
  while (!l.empty() && (l.back() == ' ' || l.back() == '.')) l.pop_back();
  for (auto e : kExt)
    if (l.ends_with(e)) return true;
  return false;
}

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
        ref && !ref->extension.empty() ? ascii_lower(ref->extension) : extension_of(e.name);
    if (postscript(ext, data))
      ctx.finding(Symbol::HWP_POSTSCRIPT,
                  {e.name,
                   "PostScript/EPS object: rendering it runs PostScript code "
                   "(the Ghostscript exploit path)"});
    std::size_t skip = 0;
    if (ext == "ole" || CompoundFile::has_signature(data) ||
        (data.size() > 4 && CompoundFile::has_signature(ByteView(data).subspan(4))))
      skip = judge_ole_object(data, e.name, ctx).value_or(0);
    if (skip) data.erase(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(skip));
    ChildInfo info{"bindata", e.name, "", raw->size()};
    if (!ctx.child(std::move(info), std::move(data)).is_ok()) refused = true;
  }
  if (!listed.empty()) ctx.fact("hwp_bindata", listed);
}

bool hwp_script_is_trivial(std::string_view source) {
  std::string s;  // without comments and whitespace
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source.compare(i, 2, "//") == 0) {
      std::size_t nl = source.find('\n', i);
      if (nl == std::string_view::npos) break;
      i = nl;
    } else if (source.compare(i, 2, "/*") == 0) {
      std::size_t end = source.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
    } else if (!(source[i] == ' ' || source[i] == '\t' || source[i] == '\r' || source[i] == '\n')) {
      s += source[i];
    }
  }
  for (std::string_view boiler :
       {"varDocuments=XHwpDocuments;", "varDocument=Documents.Active_XHwpDocument;"}) {
    for (std::size_t at; (at = s.find(boiler)) != std::string::npos;) s.erase(at, boiler.size());
  }
  // Empty handlers: "function Name(){}" one after another; each pass removes one.
  while (s.starts_with("function")) {
    std::size_t open = s.find("(){}");
    if (open == std::string::npos) break;
    bool ident = open > 8;
    for (std::size_t i = 8; i < open && ident; ++i)
      ident = (s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
               ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'));
    if (!ident) break;
    s.erase(0, open + 4);
  }
  return s.empty();
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
  if (all.size() > kMaxScriptBytes) all.resize(kMaxScriptBytes);
  if (all.empty()) return;
  ctx.text(TextKind::kScript, repair_utf8(all));
  if (!hwp_script_is_trivial(all)) {
    std::string excerpt = all.substr(0, 200);
    ctx.finding(Symbol::HWP_SCRIPT,
                {repair_utf8(excerpt), "the document carries a script beyond the empty template"});
  }
}

}  // namespace lg
