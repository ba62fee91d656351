// [MS-PECOFF]: 2 (MS-DOS stub, e_lfanew at 0x3C), 3.2 (signature), 3.3 (COFF file header),
// 3.4 (optional header, data directories), 4 (section table), 5.7 / 6.4 (imports),
// 4.7 "The Attribute Certificate Table (Image Only)" (WIN_CERTIFICATE), 6.10 (CLR header).
#include "analyzers/executable/pe_analyzer.h"

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "analyzers/executable/executable_common.h"
#include "analyzers/executable/pe_image.h"
#include "analyzers/executable/pe_resources.h"
#include "core/file_type.h"

namespace lg {
namespace {

using pe::Image;

constexpr std::size_t kCoffHeaderSize = 20;     // [MS-PECOFF] 3.3
constexpr std::size_t kSectionHeaderSize = 40;  // [MS-PECOFF] 4
constexpr std::size_t kMaxSections = 96;        // the loader's limit on NumberOfSections
constexpr std::size_t kMaxDirectories = 16;     // [MS-PECOFF] 3.4.3

std::string machine_name(std::uint16_t m) {  // [MS-PECOFF] 3.3.1 Machine Types
  switch (m) {
    case 0x014C:
      return "x86";
    case 0x8664:
      return "x64";
    case 0xAA64:
      return "arm64";
    case 0x01C0:
    case 0x01C4:
      return "arm";
    case 0x0200:
      return "ia64";
    case 0x0EBC:
      return "ebc";
    default:
      return "0x" + [m] {
        char b[8];
        std::snprintf(b, sizeof b, "%04X", m);
        return std::string(b);
      }();
  }
}

std::string subsystem_name(std::uint16_t s) {  // [MS-PECOFF] 3.4.2 Windows Subsystem
  switch (s) {
    case 0:
      return "unknown";
    case 1:
      return "native";
    case 2:
      return "windows_gui";
    case 3:
      return "windows_cui";
    case 7:
      return "posix_cui";
    case 9:
      return "windows_ce_gui";
    case 10:
      return "efi_application";
    case 11:
      return "efi_boot_service_driver";
    case 12:
      return "efi_runtime_driver";
    case 14:
      return "xbox";
    case 16:
      return "windows_boot_application";
    default:
      return std::to_string(s);
  }
}

std::string iso_time(std::uint32_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// COFF and optional headers, section table. Returns an error when the headers are unreadable.
Status parse_headers(const Reader& r, Image& image, Context& ctx) {
  auto lfanew = r.u32le(0x3C);
  if (!lfanew || !r.starts_with_at(*lfanew, std::string_view("PE\0\0", 4))) {
    return Status::error(ErrorCode::kMalformed, "pe: no PE signature");
  }
  const std::size_t coff = *lfanew + 4;
  if (!r.has(coff, kCoffHeaderSize)) return Status::error(ErrorCode::kTruncated, "pe: COFF header");
  image.machine = *r.u16le(coff);
  std::uint16_t sections = *r.u16le(coff + 2);
  image.timestamp = *r.u32le(coff + 4);
  std::uint16_t optional_size = *r.u16le(coff + 16);
  image.characteristics = *r.u16le(coff + 18);
  const std::size_t opt = coff + kCoffHeaderSize;
  auto magic = r.u16le(opt);
  if (optional_size >= 2 && magic) {
    image.pe32_plus = *magic == 0x20B;
    if (*magic != 0x10B && *magic != 0x20B) ctx.anomaly("pe: unknown optional header magic");
    image.subsystem = r.u16le(opt + 68).value_or(0);
    image.entry_point = r.u32le(opt + 16).value_or(0);
    const std::size_t count_at = opt + (image.pe32_plus ? 108 : 92);
    const std::size_t dirs_at = count_at + 4;
    std::uint32_t count = std::min<std::uint32_t>(r.u32le(count_at).value_or(0), kMaxDirectories);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::size_t at = dirs_at + i * 8;
      if (at + 8 > opt + optional_size || !r.has(at, 8)) break;
      image.directories.push_back({*r.u32le(at), *r.u32le(at + 4)});
    }
  }
  if (sections > kMaxSections) ctx.anomaly("pe: more sections than the loader accepts");
  const std::size_t table = opt + optional_size;
  for (std::size_t i = 0; i < std::min<std::size_t>(sections, kMaxSections); ++i) {
    std::size_t at = table + i * kSectionHeaderSize;
    auto name = r.subspan(at, 8);
    if (!name || !r.has(at, kSectionHeaderSize)) {
      ctx.anomaly("pe: section table cut by the end of the file");
      break;
    }
    image.sections.push_back({exe::field_name(*name), *r.u32le(at + 8), *r.u32le(at + 12),
                              *r.u32le(at + 16), *r.u32le(at + 20), *r.u32le(at + 36)});
  }
  return Status::ok();
}

struct SectionJudgement {
  std::vector<std::string> lines;
  std::string packer;         // from section names
  std::string high_entropy;   // "UPX1 7.91" style evidence
  std::uint64_t raw_end = 0;  // end of the last section's raw data
};

SectionJudgement judge_sections(const Image& image, const Reader& r, Context& ctx) {
  SectionJudgement j;
  exe::EntropyMeter meter;
  for (const auto& s : image.sections) {
    std::string line = s.name + " raw=" + std::to_string(s.raw_size);
    auto raw = r.subspan(s.raw_offset, s.raw_size);
    if (s.raw_size > 0 && !raw) {
      ctx.anomaly("pe: section " + s.name + " runs past the end of the file");
      raw = r.tail(std::min<std::size_t>(s.raw_offset, r.size()));
    }
    if (s.raw_size > 0) {
      j.raw_end = std::max<std::uint64_t>(j.raw_end, std::uint64_t{s.raw_offset} + s.raw_size);
    }
    std::optional<double> measured = raw ? meter.measure(*raw) : std::optional<double>(0.0);
    double e = measured.value_or(0);
    line += " entropy=" + (measured ? exe::entropy_text(e) : std::string("?"));
    bool exec = (s.characteristics & (pe::kScnMemExecute | pe::kScnCntCode)) != 0;
    bool write = (s.characteristics & pe::kScnMemWrite) != 0;
    if (s.characteristics & pe::kScnCntCode) line += " code";
    if (write) line += " write";
    if (exec) line += " exec";
    j.lines.push_back(std::move(line));
    if (auto p = exe::packer_of_section(s.name); !p.empty() && j.packer.empty()) j.packer = p;
    // Code is judged by entropy: sections marked executable, and the one the entry point lies
    // in (packers such as PESpin mark it as data).
    bool entry = image.entry_point != 0 && image.entry_point >= s.virtual_address &&
                 image.entry_point - s.virtual_address < std::max(s.virtual_size, s.raw_size);
    if ((exec || entry) && raw && raw->size() >= exe::kMinEntropyBytes &&
        e >= exe::kPackedEntropy && j.high_entropy.empty()) {
      j.high_entropy = s.name + " " + exe::entropy_text(e);
    }
  }
  return j;
}

bool report_certificate(const Image& image, const Reader& r, const std::string& name,
                        Context& ctx) {
  // The certificate table's address is a file offset, not an RVA ([MS-PECOFF] 3.4.3).
  bool present = false;
  if (image.directories.size() > pe::kDirSecurity) {
    const auto& d = image.directories[pe::kDirSecurity];
    if (d.address != 0 && d.size >= 8) {
      if (r.has(d.address, 8)) {
        present = true;
        std::uint16_t type = *r.u16le(d.address + 6);  // WIN_CERTIFICATE.wCertificateType
        ctx.fact("pe_certificate_type", std::string(type == 2   ? "pkcs_signed_data"
                                                    : type == 1 ? "x509"
                                                                : "other"));
        if (!r.has(d.address, d.size))
          ctx.anomaly("pe: certificate table cut by the end of the file");
      } else {
        ctx.anomaly("pe: certificate table outside the file");
      }
    }
  }
  ctx.fact("signed", present);
  if (!present)
    ctx.finding(Symbol::EXECUTABLE_UNSIGNED, {name, "no Authenticode certificate table"});
  return present;
}

void report_overlay(const Image& image, const Reader& r, std::uint64_t raw_end, Context& ctx) {
  std::uint64_t end = raw_end;
  if (image.directories.size() > pe::kDirSecurity) {
    // A signature is appended after the sections: it is not overlay data.
    const auto& d = image.directories[pe::kDirSecurity];
    if (d.address != 0 && std::uint64_t{d.address} + d.size >= r.size() && d.address >= end) {
      ctx.fact("pe_overlay_bytes", static_cast<std::int64_t>(d.address - end));
      return;
    }
  }
  if (end == 0 || end >= r.size()) return;
  ctx.fact("pe_overlay_bytes", static_cast<std::int64_t>(r.size() - end));
  auto overlay = r.tail(end);
  FileType t = identify(*overlay);
  if (t != FileType::kUnknown && t != FileType::kText) {
    (void)ctx.child({"overlay", "", "", std::nullopt}, Bytes(overlay->begin(), overlay->end()));
  }
}

}  // namespace

Status PeAnalyzer::analyze(ByteView object, Context& ctx) {
  Reader r(object);
  Image image;
  if (Status st = parse_headers(r, image, ctx); !st.is_ok()) return st;
  const std::string machine = machine_name(image.machine);
  ctx.fact("pe_machine", machine);
  ctx.fact("pe_format", std::string(image.pe32_plus ? "PE32+" : "PE32"));
  ctx.fact("pe_subsystem", subsystem_name(image.subsystem));
  ctx.fact("pe_dll", (image.characteristics & 0x2000) != 0);  // IMAGE_FILE_DLL
  if (image.timestamp != 0) ctx.fact("pe_timestamp", iso_time(image.timestamp));

  SectionJudgement sections = judge_sections(image, r, ctx);
  if (!sections.lines.empty()) ctx.fact("pe_sections", sections.lines);
  if (!sections.packer.empty() || !sections.high_entropy.empty()) {
    if (!sections.packer.empty()) ctx.fact("packer", sections.packer);
    std::string evidence = !sections.packer.empty() ? sections.packer + " section names"
                                                    : "entropy " + sections.high_entropy;
    ctx.finding(Symbol::EXECUTABLE_PACKED,
                {evidence, "compressed or encrypted code hides the program from inspection"});
  }

  pe::Imports imports = pe::read_imports(image, r);
  std::vector<std::string> dlls;
  for (const auto& d : imports.dlls) dlls.push_back(d.name);
  if (!dlls.empty()) ctx.fact("pe_imported_dlls", dlls);
  ctx.fact("pe_imported_functions", static_cast<std::int64_t>(imports.functions));
  if (imports.truncated) ctx.anomaly("pe: import directory cut or past the caps");
  std::vector<std::string> sets = pe::suspicious_import_sets(imports);
  if (!sets.empty()) {
    ctx.fact("pe_suspicious_imports", sets);
    for (const auto& s : sets) {
      ctx.finding(Symbol::EXECUTABLE_SUSPICIOUS_IMPORTS, {s, "imports that work together"});
    }
  }

  bool dotnet = image.directories.size() > pe::kDirClr && image.directories[pe::kDirClr].address;
  ctx.fact("pe_dotnet", dotnet);
  const bool is_signed = report_certificate(
      image, r,
      machine + (image.pe32_plus ? " PE32+ " : " PE32 ") + subsystem_name(image.subsystem), ctx);
  pe::report_resources(image, r, is_signed, ctx);
  report_overlay(image, r, sections.raw_end, ctx);
  return Status::ok();
}

}  // namespace lg
