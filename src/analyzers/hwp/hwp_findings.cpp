// Findings shared by the HWP 5 and HWPX analyzers: embedded objects (HWP 5.0 3.2.6, KS X 6101
// 8.2 BinData), hyperlink fields (HWP 5.0 4.3.10, KS X 6101 10.7.2.3) and scripts (HWP 5.0
// 3.2.9, KS X 6101 8.2 Scripts).
#include "analyzers/hwp/hwp_findings.h"

#include <algorithm>

#include "core/ascii.h"
#include "core/file_type.h"
#include "core/reader.h"
#include "core/utf8.h"
#include "formats/cfb/compound_file.h"

namespace lg {
namespace {

constexpr std::size_t kMaxInnerStreams = 64;  // streams looked at inside an OLE object
constexpr std::size_t kMaxNativeName = 1024;  // Ole10Native label and paths

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

// An OLE object (HWP 5.0 3.2.6): a DWORD size, then a compound file (HWPX writes the same
// bytes to BinData/*.ole). Looks at its package streams; returns the offset of the compound
// file (for the child) when there is one.
std::optional<std::size_t> judge_ole_object(ByteView data, const std::string& name, Context& ctx) {
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
  const auto cap = static_cast<std::size_t>(ctx.limits().max_object_bytes);
  for (std::uint32_t id : inner->walk_order()) {
    const CfbEntry& e = inner->entries()[id];
    if (e.type != CfbObjectType::kStream || looked >= kMaxInnerStreams) continue;
    ++looked;
    auto bytes = inner->read_stream(e, cap);
    if (!bytes) continue;
    if (e.name == "\x01Ole10Native")
      bad = judge_ole10native(*bytes, names) || bad;
    else if (iequals(e.name, "Package") || iequals(e.name, "CONTENTS"))
      bad = runs_code(*bytes) || bad;
  }
  if (bad) {
    std::string shown = name;
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

}  // namespace

void report_hwp_document_text(std::string text, std::uint64_t& used, Context& ctx) {
  const std::uint64_t budget = ctx.limits().max_text_bytes;
  if (text.empty() || used >= budget) return;
  if (text.size() > budget - used) {
    text.resize(budget - used);
    // Never cut a UTF-8 sequence in two.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
      text.pop_back();
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  }
  used += text.size();
  ctx.text(TextKind::kDocument, text);
}

std::string hwp_extension_of(std::string_view name) {
  std::size_t dot = name.rfind('.');
  std::size_t slash = name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return ascii_lower(name.substr(dot + 1));
}

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

bool hwp_link_opens_file_or_script(std::string_view url) {
  std::string l = ascii_lower(url);
  if (l.starts_with("file:") || l.starts_with("\\\\") || l.starts_with("//")) return true;
  if (l.size() > 2 && l[1] == ':' && (l[2] == '\\' || l[2] == '/')) return true;  // C:\...
  if (l.starts_with("javascript:") || l.starts_with("vbscript:")) return true;
  // The path of a URL (after its host), or the whole string when there is no scheme.
  std::string_view path = l;
  if (std::size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    std::size_t slash = path.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return hwp_executable_name(path.substr(0, path.find_first_of("?#")));
}

void report_hwp_hyperlink(std::string_view url, std::vector<std::string>& listed,
                          std::size_t max_listed, Context& ctx) {
  if (url.empty()) return;
  ctx.link(url, "");
  if (listed.size() < max_listed) listed.emplace_back(url);
  if (hwp_link_opens_file_or_script(url))
    ctx.finding(
        Symbol::HWP_HYPERLINK_FILE,
        {std::string(url), "a hyperlink opens a local file, a share, a script or a program"});
}

bool report_hwp_bin_object(const std::string& name, std::string_view ext, Bytes data,
                           std::uint64_t source_size, Context& ctx) {
  if (postscript(ext, data))
    ctx.finding(Symbol::HWP_POSTSCRIPT, {name,
                                         "PostScript/EPS object: rendering it runs PostScript code "
                                         "(the Ghostscript exploit path)"});
  std::size_t skip = 0;
  if (ext == "ole" || CompoundFile::has_signature(data) ||
      (data.size() > 4 && CompoundFile::has_signature(ByteView(data).subspan(4))))
    skip = judge_ole_object(data, name, ctx).value_or(0);
  if (skip) data.erase(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(skip));
  ChildInfo info{"bindata", name, "", source_size};
  return ctx.child(std::move(info), std::move(data)).is_ok();
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
  // Each removal and each handler is one step forward: linear in the source's length.
  for (std::string_view boiler :
       {"varDocuments=XHwpDocuments;", "varDocument=Documents.Active_XHwpDocument;"}) {
    std::string kept;
    std::size_t from = 0;
    for (std::size_t at; (at = s.find(boiler, from)) != std::string::npos;
         from = at + boiler.size())
      kept.append(s, from, at - from);
    kept.append(s, from);
    s = std::move(kept);
  }
  // Empty handlers: "function Name(){}" one after another.
  std::size_t pos = 0;
  while (s.compare(pos, 8, "function") == 0) {
    std::size_t open = s.find("(){}", pos);
    if (open == std::string::npos) break;
    bool ident = open > pos + 8;
    for (std::size_t i = pos + 8; i < open && ident; ++i)
      ident = (s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
               ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'));
    if (!ident) break;
    pos = open + 4;
  }
  return pos == s.size();
}

void report_hwp_script_source(std::string source, std::size_t max_bytes, Context& ctx) {
  if (source.size() > max_bytes) source.resize(max_bytes);
  if (source.empty()) return;
  ctx.text(TextKind::kScript, repair_utf8(source));
  if (!hwp_script_is_trivial(source)) {
    std::string excerpt = source.substr(0, 200);
    ctx.finding(Symbol::HWP_SCRIPT,
                {repair_utf8(excerpt), "the document carries a script beyond the empty template"});
  }
}

}  // namespace lg
