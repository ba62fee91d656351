// <mach-o/loader.h>: mach_header / mach_header_64 (magic, cputype, filetype, ncmds,
// sizeofcmds), load_command (cmd, cmdsize), segment_command(_64), dylib_command (LC_LOAD_DYLIB
// and kin; lc_str offsets), linkedit_data_command (LC_CODE_SIGNATURE), encryption_info_command.
// <mach-o/fat.h>: fat_header and fat_arch(_64), big-endian. Code signature blobs
// (<Kernel/kern/cs_blobs.h>): CS_SuperBlob 0xFADE0CC0 with an index of (type, offset),
// CodeDirectory 0xFADE0C02 (flags, CS_ADHOC 0x2), the CMS wrapper 0xFADE0B01 (slot 0x10000).
#include "analyzers/executable/macho_analyzer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "analyzers/executable/executable_common.h"
#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxLoadCommands = 4096;
constexpr std::size_t kMaxDylibs = 512;
constexpr std::size_t kMaxSegments = 64;
constexpr std::size_t kMaxFatArchs = 16;
constexpr std::size_t kMaxSignatureBlobs = 64;
constexpr std::size_t kMaxPath = 1024;
constexpr std::size_t kUpxWindow = 4096;

constexpr std::uint32_t kLcSegment = 0x1, kLcSegment64 = 0x19, kLcLoadDylib = 0xC,
                        kLcLoadWeakDylib = 0x80000018, kLcReexportDylib = 0x8000001F,
                        kLcLazyLoadDylib = 0x20, kLcCodeSignature = 0x1D, kLcEncryptionInfo = 0x21,
                        kLcEncryptionInfo64 = 0x2C;

struct MachReader {
  const Reader& r;
  bool big;
  std::optional<std::uint32_t> u32(std::size_t off) const {
    return big ? r.u32be(off) : r.u32le(off);
  }
  std::optional<std::uint64_t> u64(std::size_t off) const {
    return big ? r.u64be(off) : r.u64le(off);
  }
};

std::string cpu_name(std::uint32_t cpu) {  // <mach/machine.h> CPU_TYPE_*
  switch (cpu) {
    case 7:
      return "x86";
    case 0x01000007:
      return "x86_64";
    case 12:
      return "arm";
    case 0x0100000C:
      return "arm64";
    case 0x0200000C:
      return "arm64_32";
    case 18:
      return "ppc";
    case 0x01000012:
      return "ppc64";
    default:
      return std::to_string(cpu);
  }
}

std::string filetype_name(std::uint32_t t) {  // MH_OBJECT ... MH_FILESET
  static constexpr const char* kNames[] = {
      "",         "object", "execute",    "fvmlib", "core",        "preload", "dylib",
      "dylinker", "bundle", "dylib_stub", "dsym",   "kext_bundle", "fileset"};
  return t < std::size(kNames) && t != 0 ? kNames[t] : std::to_string(t);
}

struct Thin {
  std::string cpu, filetype;
  std::uint32_t ncmds = 0;
  std::vector<std::string> dylibs, segments;
  std::string signature = "none";  // "developer", "adhoc", "none"
  bool encrypted = false;
  std::string packer, high_entropy;
};

// The code signature blob at [off, off+size): a CMS blob means a real signature, a
// CodeDirectory alone with CS_ADHOC an ad-hoc one. Signature blobs are big-endian.
std::string signature_kind(const Reader& r, std::uint32_t off, std::uint32_t size) {
  auto blob = r.subspan(off, size);
  if (!blob) return "none";
  Reader b(*blob);
  if (b.u32be(0) != 0xFADE0CC0u) return "none";
  std::uint32_t count = std::min<std::uint32_t>(b.u32be(8).value_or(0), kMaxSignatureBlobs);
  bool cms = false, adhoc = false, directory = false;
  for (std::uint32_t i = 0; i < count; ++i) {
    auto type = b.u32be(12 + i * 8), at = b.u32be(16 + i * 8);
    if (!type || !at) break;
    auto magic = b.u32be(*at);
    auto length = b.u32be(*at + 4);
    if (magic == 0xFADE0C02u) {
      directory = true;
      adhoc |= (b.u32be(*at + 12).value_or(0) & 0x2) != 0;  // CodeDirectory.flags, CS_ADHOC
    }
    // An empty CMS wrapper (8 bytes) is what ad-hoc signing writes.
    if (magic == 0xFADE0B01u && length && *length > 8) cms = true;
  }
  if (cms && !adhoc) return "developer";
  return directory ? "adhoc" : "none";
}

// One slice's headers; `meter` is shared by all slices of a universal binary.
std::optional<Thin> parse_thin(const Reader& r, exe::EntropyMeter& meter, Context& ctx) {
  auto m = r.u32be(0);
  if (!m) return std::nullopt;
  bool big = *m == 0xFEEDFACE || *m == 0xFEEDFACF;
  bool wide = *m == 0xFEEDFACF || *m == 0xCFFAEDFE;
  if (!big && *m != 0xCEFAEDFE && *m != 0xCFFAEDFE) return std::nullopt;
  MachReader mr{r, big};
  const std::size_t header = wide ? 32 : 28;
  if (!r.has(0, header)) return std::nullopt;
  Thin t;
  t.cpu = cpu_name(*mr.u32(4));
  t.filetype = filetype_name(*mr.u32(12));
  t.ncmds = *mr.u32(16);
  std::size_t pos = header;
  for (std::uint32_t i = 0; i < std::min<std::uint32_t>(t.ncmds, kMaxLoadCommands); ++i) {
    auto cmd = mr.u32(pos), size = mr.u32(pos + 4);
    if (!cmd || !size || *size < 8 || !r.has(pos, *size)) {
      ctx.anomaly("mach-o: load command cut or of a bad size");
      break;
    }
    if ((*cmd == kLcLoadDylib || *cmd == kLcLoadWeakDylib || *cmd == kLcReexportDylib ||
         *cmd == kLcLazyLoadDylib) &&
        t.dylibs.size() < kMaxDylibs) {
      auto name_off = mr.u32(pos + 8);
      if (name_off && *name_off < *size) {
        std::size_t max = std::min<std::size_t>(*size - *name_off, kMaxPath);
        if (auto s = exe::c_string(r, pos + *name_off, max)) t.dylibs.push_back(*s);
      }
    } else if (*cmd == kLcCodeSignature) {
      t.signature = signature_kind(r, mr.u32(pos + 8).value_or(0), mr.u32(pos + 12).value_or(0));
    } else if (*cmd == kLcEncryptionInfo || *cmd == kLcEncryptionInfo64) {
      t.encrypted |= mr.u32(pos + 16).value_or(0) != 0;  // cryptid
    } else if ((*cmd == kLcSegment || *cmd == kLcSegment64) && t.segments.size() < kMaxSegments) {
      bool w = *cmd == kLcSegment64;
      auto name = r.subspan(pos + 8, 16);
      std::uint64_t fileoff = w ? mr.u64(pos + 40).value_or(0) : mr.u32(pos + 32).value_or(0);
      std::uint64_t filesize = w ? mr.u64(pos + 48).value_or(0) : mr.u32(pos + 36).value_or(0);
      std::uint32_t initprot = mr.u32(pos + (w ? 60 : 44)).value_or(0);
      std::string sname = name ? exe::field_name(*name) : "";
      if (auto pk = exe::packer_of_section(sname); !pk.empty() && t.packer.empty()) t.packer = pk;
      std::optional<ByteView> bytes;
      if (fileoff < r.size()) {
        bytes = r.subspan(
            static_cast<std::size_t>(fileoff),
            static_cast<std::size_t>(std::min<std::uint64_t>(filesize, r.size() - fileoff)));
      }
      double e = bytes ? meter.measure(*bytes).value_or(0) : 0;
      t.segments.push_back(sname + " " + std::to_string(filesize) +
                           " entropy=" + exe::entropy_text(e));
      if ((initprot & 0x4) && bytes && bytes->size() >= exe::kMinEntropyBytes &&  // VM_PROT_EXECUTE
          e >= exe::kPackedEntropy && t.high_entropy.empty()) {
        t.high_entropy = sname + " " + exe::entropy_text(e);
      }
    }
    pos += *size;
  }
  auto head = r.subspan(0, std::min(r.size(), kUpxWindow));
  if (t.packer.empty() && head && as_chars(*head).find("UPX!") != std::string_view::npos)
    t.packer = "UPX";
  return t;
}

std::optional<std::uint64_t> widen(std::optional<std::uint32_t> v) {
  if (!v) return std::nullopt;
  return std::uint64_t{*v};
}

void report(const Thin& t, Context& ctx) {
  ctx.fact("mach_o_cpu", t.cpu);
  ctx.fact("mach_o_filetype", t.filetype);
  ctx.fact("mach_o_load_commands", static_cast<std::int64_t>(t.ncmds));
  if (!t.dylibs.empty()) ctx.fact("mach_o_dylibs", t.dylibs);
  if (!t.segments.empty()) ctx.fact("mach_o_segments", t.segments);
  ctx.fact("mach_o_signature", t.signature);
  ctx.fact("mach_o_encrypted", t.encrypted);
  if (!t.packer.empty()) ctx.fact("packer", t.packer);
}

void judge(const std::vector<Thin>& slices, Context& ctx) {
  bool signed_all = !slices.empty();
  for (const auto& t : slices) signed_all &= t.signature == "developer";
  ctx.fact("signed", signed_all);
  for (const auto& t : slices) {
    if (t.signature != "developer") {
      ctx.finding(Symbol::EXECUTABLE_UNSIGNED,
                  {t.cpu + " " + t.filetype,
                   t.signature == "adhoc" ? "ad-hoc signature only" : "no LC_CODE_SIGNATURE"});
      break;
    }
  }
  for (const auto& t : slices) {
    if (t.packer.empty() && t.high_entropy.empty()) continue;
    ctx.finding(Symbol::EXECUTABLE_PACKED,
                {t.packer.empty() ? "entropy " + t.high_entropy : t.packer,
                 "compressed or encrypted code hides the program from inspection"});
    break;
  }
}

}  // namespace

Status MachOAnalyzer::analyze(ByteView object, Context& ctx) {
  Reader r(object);
  auto magic = r.u32be(0);
  if (!magic) return Status::error(ErrorCode::kTruncated, "mach-o: no header");
  std::vector<Thin> slices;
  exe::EntropyMeter meter;
  if (*magic == 0xCAFEBABE || *magic == 0xCAFEBABF) {
    const bool wide = *magic == 0xCAFEBABF;
    const std::uint32_t n = r.u32be(4).value_or(0);
    if (n > kMaxFatArchs) ctx.anomaly("mach-o: more slices than the cap; the rest skipped");
    std::vector<std::string> lines;
    for (std::uint32_t i = 0; i < std::min<std::uint32_t>(n, kMaxFatArchs); ++i) {
      const std::size_t at = 8 + i * (wide ? 32 : 20);
      auto off = wide ? r.u64be(at + 8) : widen(r.u32be(at + 8));
      auto size = wide ? r.u64be(at + 16) : widen(r.u32be(at + 12));
      if (!off || !size || *off > r.size() || *size > r.size() - *off) {
        ctx.anomaly("mach-o: fat slice outside the file");
        continue;
      }
      Reader slice(*r.subspan(static_cast<std::size_t>(*off), static_cast<std::size_t>(*size)));
      auto t = parse_thin(slice, meter, ctx);
      if (!t) {
        ctx.anomaly("mach-o: fat slice is not a Mach-O image");
        continue;
      }
      lines.push_back(t->cpu + " " + t->filetype + " signature=" + t->signature);
      slices.push_back(std::move(*t));
    }
    ctx.fact("mach_o_slices", lines);
  } else {
    auto t = parse_thin(r, meter, ctx);
    if (!t) return Status::error(ErrorCode::kMalformed, "mach-o: bad header");
    slices.push_back(std::move(*t));
  }
  if (!slices.empty()) report(slices.front(), ctx);
  judge(slices, ctx);
  return Status::ok();
}

}  // namespace lg
