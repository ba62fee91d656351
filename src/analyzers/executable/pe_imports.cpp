// PE import directory ([MS-PECOFF] 6.4 The .idata Section) and the capabilities that imported
// functions show together (T1055 process injection, T1056.001 keylogging, T1105 download).
#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "analyzers/executable/executable_common.h"
#include "analyzers/executable/pe_image.h"
#include "core/ascii.h"

namespace lg::pe {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kImportDescriptorSize = 20;  // [MS-PECOFF] 6.4.1
constexpr std::size_t kMaxNameBytes = 256;

}  // namespace

std::optional<std::size_t> rva_to_offset(const Image& image, const Reader& r, std::uint32_t rva) {
  for (const auto& s : image.sections) {
    std::uint32_t span = std::max(s.virtual_size, s.raw_size);
    if (rva < s.virtual_address || rva - s.virtual_address >= span) continue;
    std::uint32_t delta = rva - s.virtual_address;
    if (delta >= s.raw_size) return std::nullopt;  // in the zero-filled tail
    auto off = checked_add(s.raw_offset, delta);
    if (!off || *off >= r.size()) return std::nullopt;
    return off;
  }
  return std::nullopt;
}

Imports read_imports(const Image& image, const Reader& r) {
  Imports out;
  if (image.directories.size() <= kDirImport || image.directories[kDirImport].address == 0) {
    return out;
  }
  auto table = rva_to_offset(image, r, image.directories[kDirImport].address);
  if (!table) {
    out.truncated = true;
    return out;
  }
  const std::size_t entry = image.pe32_plus ? 8 : 4;
  for (std::size_t i = 0; i < kMaxImportDlls; ++i) {
    auto d = checked_add(*table, i * kImportDescriptorSize);
    if (!d || !r.has(*d, kImportDescriptorSize)) {
      out.truncated = true;
      return out;
    }
    std::uint32_t lookup = *r.u32le(*d), name_rva = *r.u32le(*d + 12), iat = *r.u32le(*d + 16);
    if (lookup == 0 && name_rva == 0 && iat == 0) return out;  // the null descriptor
    ImportedDll dll;
    if (auto off = rva_to_offset(image, r, name_rva)) {
      dll.name = exe::c_string(r, *off, kMaxNameBytes).value_or("");
    }
    auto thunks = rva_to_offset(image, r, lookup != 0 ? lookup : iat);
    for (std::size_t k = 0; thunks && out.functions < kMaxImportFunctions; ++k) {
      auto at = checked_add(*thunks, k * entry);
      if (!at || !r.has(*at, entry)) {
        out.truncated = true;
        break;
      }
      std::uint64_t v = image.pe32_plus ? *r.u64le(*at) : *r.u32le(*at);
      if (v == 0) break;
      bool ordinal = image.pe32_plus ? (v >> 63) != 0 : (v >> 31) != 0;
      if (ordinal) {
        dll.functions.push_back("#" + std::to_string(v & 0xFFFF));
      } else if (auto hint = rva_to_offset(image, r, static_cast<std::uint32_t>(v & 0x7FFFFFFF))) {
        // Hint/Name table entry: a 2-byte hint, then the name ([MS-PECOFF] 6.4.3).
        dll.functions.push_back(exe::c_string(r, *hint + 2, kMaxNameBytes).value_or(""));
      }
      ++out.functions;
    }
    if (out.functions >= kMaxImportFunctions) out.truncated = true;
    out.dlls.push_back(std::move(dll));
  }
  out.truncated = true;
  return out;
}

std::vector<std::string> suspicious_import_sets(const Imports& imports) {
  std::set<std::string> names;  // lower case, as imported
  for (const auto& d : imports.dlls) {
    for (const auto& f : d.functions) names.insert(ascii_lower(f));
  }
  // The first of `list` imported, with or without the ANSI/Unicode suffix (A, W).
  auto any = [&](std::initializer_list<std::string_view> list) -> std::string {
    for (auto n : list) {
      std::string base(n);
      if (names.count(base) || names.count(base + "a") || names.count(base + "w")) return base;
    }
    return {};
  };
  std::vector<std::string> out;
  // Writing into another process and starting a thread there (T1055.001/.002/.004).
  std::string alloc = any({"virtualallocex", "ntallocatevirtualmemory"});
  std::string write = any({"writeprocessmemory", "ntwritevirtualmemory"});
  std::string start = any({"createremotethread", "createremotethreadex", "ntcreatethreadex",
                           "rtlcreateuserthread", "queueuserapc", "setthreadcontext"});
  if (!alloc.empty() && !write.empty() && !start.empty()) {
    out.push_back("process injection: " + alloc + ", " + write + ", " + start);
  }
  // Keyboard hooks or polling (T1056.001).
  std::string hook = any({"setwindowshookex"});
  std::string keys = any({"getasynckeystate", "getkeyboardstate", "getkeystate"});
  if (!keys.empty() && (!hook.empty() || !any({"getforegroundwindow"}).empty())) {
    out.push_back("keylogging: " + (hook.empty() ? "getforegroundwindow" : hook) + ", " + keys);
  }
  // Download to a file, or fetch and run (T1105).
  std::string to_file = any({"urldownloadtofile", "urldownloadtocachefile"});
  std::string fetch = any({"internetopenurl", "internetreadfile", "winhttpreaddata",
                           "httpsendrequest", "urlopenblockingstream"});
  std::string run = any({"winexec", "shellexecute", "shellexecuteex", "createprocess"});
  if (!to_file.empty()) {
    out.push_back("download: " + to_file + (run.empty() ? "" : ", runs with " + run));
  } else if (!fetch.empty() && !run.empty()) {
    out.push_back("download and run: " + fetch + ", " + run);
  }
  return out;
}

}  // namespace lg::pe
