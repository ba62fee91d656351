// OLE 1.0 objects inside RTF \objdata, and what they carry.
#include "analyzers/rtf/rtf_object.h"

#include <array>
#include <utility>

#include "analyzers/ole/ole_native.h"
#include "analyzers/rtf/rtf_tokenizer.h"
#include "core/ascii.h"
#include "core/charset.h"
#include "core/reader.h"
#include "formats/cfb/compound_file.h"

namespace lg::rtf {
namespace {

// Names in OLE1 headers are short; a longer length prefix means the bytes are something else.
constexpr std::uint32_t kMaxOle1String = 4096;

struct KnownClsid {
  std::string_view clsid;
  const char* description;
};

// CLSIDs tied to exploited vulnerabilities, as oletools' clsid.py lists them (the
// "may trigger CVE-..." rows): each description names the CVE.
constexpr std::array<KnownClsid, 27> kExploitClsids = {{
    {"0002CE02-0000-0000-C000-000000000046", "Equation Editor (CVE-2017-11882, CVE-2018-0802)"},
    {"0003000B-0000-0000-C000-000000000046", "Equation Editor (CVE-2017-11882, CVE-2018-0802)"},
    {"00000300-0000-0000-C000-000000000046", "OLE2Link / StdOleLink (CVE-2017-0199)"},
    {"00000303-0000-0000-C000-000000000046", "File Moniker (CVE-2017-0199, CVE-2017-8570)"},
    {"00000309-0000-0000-C000-000000000046", "Composite Moniker (CVE-2017-8570)"},
    {"79EAC9E0-BAF9-11CE-8C82-00AA004BA90B", "URL Moniker (CVE-2017-0199, CVE-2017-8570)"},
    {"ECABB0C7-7F19-11D2-978E-0000F8757E2A", "SOAP Moniker (CVE-2017-8759)"},
    {"06290BD3-48AA-11D2-8432-006008C3FBFC", "Script Moniker (CVE-2017-0199)"},
    {"06290BD2-48AA-11D2-8432-006008C3FBFC", "scriptletfile factory (CVE-2017-0199 patch bypass)"},
    {"3050F4D8-98B5-11CF-BB82-00AA00BDCE0B", "HTML Application (CVE-2017-0199)"},
    {"D27CDB6E-AE6D-11CF-96B8-444553540000", "Shockwave Flash Object (many Flash CVEs)"},
    {"00000535-0000-0010-8000-00AA006D2EA4", "ADODB.RecordSet (CVE-2015-0097)"},
    {"0E59F1D5-1FBE-11D0-8FF2-00A0D10038BC", "MSScriptControl.ScriptControl (CVE-2015-0097)"},
    {"05741520-C4EB-440A-AC3F-9643BBC9F847", "otkloadr.WRLoader (CVE-2015-1641)"},
    {"A08A033D-1A75-4AB6-A166-EAD02F547959", "otkloadr WRAssembly (CVE-2015-1641)"},
    {"1EFB6596-857C-11D1-B16A-00C0F0283628", "MSCOMCTL.TabStrip (CVE-2012-1856, CVE-2013-3906)"},
    {"66833FE6-8583-11D1-B16A-00C0F0283628", "MSCOMCTL.Toolbar (CVE-2012-1856)"},
    {"9181DC5F-E07D-418A-ACA6-8EEA1ECB8E9E", "MSCOMCTL.TreeCtrl (CVE-2012-0158)"},
    {"C74190B6-8589-11D1-B16A-00C0F0283628", "MSCOMCTL.TreeCtrl (CVE-2012-0158)"},
    {"996BF5E0-8044-4650-ADEB-0B013914E99C", "MSCOMCTL.ListViewCtrl (CVE-2012-0158)"},
    {"BDD1F04B-858B-11D1-B16A-00C0F0283628", "MSCOMCTL.ListViewCtrl (CVE-2012-0158)"},
    {"DD9DA666-8594-11D1-B16A-00C0F0283628", "MSCOMCTL.ImageComboCtrl (CVE-2014-1761)"},
    {"44F9A03B-A3EC-4F3B-9364-08E0007F21DF", "Control.TaskSymbol (CVE-2015-2424)"},
    {"4C599241-6926-101B-9992-00000B65C6F9", "Forms.Image (CVE-2015-2424)"},
    {"0003000C-0000-0000-C000-000000000046", "Package (runs any file it holds)"},
    {"0003000D-0000-0000-C000-000000000046", "Package (runs any file it holds)"},
    {"F20DA720-C02F-11CE-927B-0800095AE340", "Package (runs any file it holds)"},
}};

// Package objects are judged by what they hold (the child's own findings), not by CLSID.
bool is_package_clsid(std::string_view c) {
  return c == "0003000C-0000-0000-C000-000000000046" ||
         c == "0003000D-0000-0000-C000-000000000046" || c == "F20DA720-C02F-11CE-927B-0800095AE340";
}

std::string normalize_clsid(std::string_view clsid) {
  if (clsid.size() >= 2 && clsid.front() == '{' && clsid.back() == '}') {
    clsid = clsid.substr(1, clsid.size() - 2);
  }
  std::string out(clsid);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

// [MS-OLEDS] 2.1.4 LengthPrefixedAnsiString: u32 length (NUL included), then the bytes.
std::optional<std::string> lp_ansi(const Reader& r, std::size_t& off) {
  auto len = r.u32le(off);
  if (!len || *len > kMaxOle1String) return std::nullopt;
  auto s = r.chars(off + 4, *len);
  if (!s) return std::nullopt;
  off += 4 + *len;
  std::string_view v = *s;
  if (auto nul = v.find('\0'); nul != std::string_view::npos) v = v.substr(0, nul);
  return decode_text(as_bytes(v), "windows-1252").utf8;
}

std::string base_name(std::string_view path) {
  auto slash = path.find_last_of("\\/");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

void give_child(Context& ctx, std::string relation, std::string name, ByteView data) {
  if (data.empty()) return;
  Status s = ctx.child({std::move(relation), std::move(name), "", std::nullopt},
                       Bytes(data.begin(), data.end()));
  if (!s.is_ok()) ctx.anomaly("rtf: object not analyzed: " + s.message());
}

// An embedded compound file: its root CLSID against the exploit list, then the child.
void compound_file(ByteView native, std::string_view name, ObjectSummary& sum, Context& ctx) {
  auto cf = CompoundFile::open(native);
  if (cf) {
    sum.clsid = cf->root().clsid;
    const std::string clsid = normalize_clsid(sum.clsid);
    if (const char* d = exploit_clsid_description(clsid); d && !is_package_clsid(clsid)) {
      ctx.finding(Symbol::RTF_EXPLOIT_CLSID, {sum.clsid, d});
    }
  }
  give_child(ctx, "embedded", std::string(name), native);
}

}  // namespace

std::optional<Ole1Object> parse_ole1(ByteView data) {
  Reader r(data);
  Ole1Object o;
  auto version = r.u32le(0);
  auto format = r.u32le(4);
  if (!version || !format || (*format != 1 && *format != 2)) return std::nullopt;
  o.ole_version = *version;
  o.format_id = *format;
  std::size_t off = 8;
  auto cls = lp_ansi(r, off);
  if (!cls) return std::nullopt;
  o.class_name = std::move(*cls);
  auto topic = lp_ansi(r, off);
  auto item = topic ? lp_ansi(r, off) : std::nullopt;
  if (!topic || !item) {
    o.truncated = true;
    return o;
  }
  o.topic_name = std::move(*topic);
  o.item_name = std::move(*item);
  if (o.format_id == 1) return o;  // [MS-OLEDS] 2.2.6: NetworkName and options follow
  auto size = r.u32le(off);
  if (!size) {
    o.truncated = true;
    return o;
  }
  o.native_offset = off;
  ByteView rest = *r.tail(off + 4);
  o.truncated = *size > rest.size();
  o.native = rest.subspan(0, std::min<std::size_t>(*size, rest.size()));
  return o;
}

Bytes decode_hex_digits(std::string_view digits) {
  Bytes out(digits.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(static_cast<std::uint8_t>(digits[2 * i]));
    const int lo = hex_value(static_cast<std::uint8_t>(digits[2 * i + 1]));
    out[i] = static_cast<std::uint8_t>(((hi < 0 ? 0 : hi) << 4) | (lo < 0 ? 0 : lo));
  }
  return out;
}

const char* exploit_clsid_description(std::string_view clsid) {
  const std::string c = normalize_clsid(clsid);
  for (const auto& k : kExploitClsids) {
    if (k.clsid == c) return k.description;
  }
  return nullptr;
}

ObjectSummary report_object(std::string_view declared_class, ByteView data, std::size_t index,
                            Context& ctx) {
  ObjectSummary sum;
  auto ole1 = parse_ole1(data);
  sum.class_name =
      ole1 && !ole1->class_name.empty() ? ole1->class_name : std::string(declared_class);
  ctx.finding(Symbol::RTF_OLE_OBJECT, {sum.class_name.empty() ? "(no class)" : sum.class_name,
                                       "embedded OLE object #" + std::to_string(index + 1) + ", " +
                                           std::to_string(data.size()) + " bytes"});
  if (istarts_with(sum.class_name, "Equation")) {
    ctx.finding(Symbol::RTF_EXPLOIT_CLSID,
                {sum.class_name, "Equation Editor object (CVE-2017-11882, CVE-2018-0802)"});
  } else if (iequals(sum.class_name, "OLE2Link")) {
    ctx.finding(Symbol::RTF_EXPLOIT_CLSID,
                {sum.class_name, "OLE2Link object fetches a remote document (CVE-2017-0199)"});
  }
  if (!ole1) {
    // Not an OLE1 object: a bare compound file, or bytes for the engine to identify.
    if (CompoundFile::has_signature(data)) {
      compound_file(data, sum.class_name, sum, ctx);
    } else {
      give_child(ctx, "objdata", "", data);
    }
    return sum;
  }
  if (ole1->truncated) ctx.anomaly("rtf: OLE1 object #" + std::to_string(index + 1) + " truncated");
  if (ole1->format_id == 1) {
    if (!ole1->topic_name.empty()) {
      ctx.fact("linked_object", ole1->topic_name);
      ctx.link(ole1->topic_name, "");
    }
    return sum;
  }
  const ByteView native = ole1->native;
  if (iequals(sum.class_name, "Package")) {
    auto pkg = parse_ole10native(*Reader(data).tail(ole1->native_offset));
    if (pkg) {
      std::string name = !pkg->label.empty() ? pkg->label : base_name(pkg->file_path);
      if (!pkg->file_path.empty()) ctx.fact("package_source_path", pkg->file_path);
      give_child(ctx, "package", std::move(name), pkg->payload);
      return sum;
    }
  }
  if (CompoundFile::has_signature(native)) {
    compound_file(native, sum.class_name, sum, ctx);
  } else {
    give_child(ctx, "embedded", sum.class_name, native);
  }
  return sum;
}

}  // namespace lg::rtf
