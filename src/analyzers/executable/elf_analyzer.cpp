// System V gABI, "Object Files": 4 ELF header (e_ident, e_type, e_machine, e_phoff/e_shoff and
// their entry sizes and counts), 4 Sections (Elf32_Shdr/Elf64_Shdr, SHF_EXECINSTR), 5 Program
// Header (PT_LOAD, PT_DYNAMIC, PT_INTERP), 5 Dynamic Section (DT_NEEDED, DT_STRTAB, DT_STRSZ).
#include "analyzers/executable/elf_analyzer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "analyzers/executable/executable_common.h"
#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxSegments = 256;
constexpr std::size_t kMaxSections = 1024;
constexpr std::size_t kMaxDynamic = 4096;  // dynamic entries read
constexpr std::size_t kMaxNeeded = 256;
constexpr std::size_t kMaxPath = 4096;
constexpr std::size_t kUpxWindow = 4096;  // UPX writes "UPX!" in its loader header near the start

// Reads through the file's byte order and word size.
struct ElfReader {
  const Reader& r;
  bool big;
  bool wide;
  std::optional<std::uint16_t> u16(std::size_t off) const {
    return big ? r.u16be(off) : r.u16le(off);
  }
  std::optional<std::uint32_t> u32(std::size_t off) const {
    return big ? r.u32be(off) : r.u32le(off);
  }
  std::optional<std::uint64_t> u64(std::size_t off) const {
    return big ? r.u64be(off) : r.u64le(off);
  }
  std::optional<std::uint64_t> word(std::size_t off) const {
    if (wide) return u64(off);
    auto v = u32(off);
    return v ? std::optional<std::uint64_t>(*v) : std::nullopt;
  }
};

std::string type_name(std::uint16_t t) {
  switch (t) {
    case 1:
      return "rel";
    case 2:
      return "exec";
    case 3:
      return "dyn";
    case 4:
      return "core";
    default:
      return std::to_string(t);
  }
}

std::string machine_name(std::uint16_t m) {  // gABI e_machine values
  switch (m) {
    case 2:
      return "sparc";
    case 3:
      return "x86";
    case 8:
      return "mips";
    case 20:
      return "ppc";
    case 21:
      return "ppc64";
    case 22:
      return "s390";
    case 40:
      return "arm";
    case 43:
      return "sparcv9";
    case 62:
      return "x86_64";
    case 183:
      return "aarch64";
    case 243:
      return "riscv";
    case 258:
      return "loongarch";
    default:
      return std::to_string(m);
  }
}

struct Segment {
  std::uint32_t type = 0;
  std::uint64_t offset = 0, vaddr = 0, filesz = 0;
};

// The file offset of virtual address `va` through the PT_LOAD segments.
std::optional<std::uint64_t> va_to_offset(const std::vector<Segment>& segs, std::uint64_t va) {
  for (const auto& s : segs) {
    if (s.type == 1 && va >= s.vaddr && va - s.vaddr < s.filesz) return s.offset + (va - s.vaddr);
  }
  return std::nullopt;
}

void read_dynamic(const ElfReader& e, const std::vector<Segment>& segs, Context& ctx) {
  const Segment* dyn = nullptr;
  for (const auto& s : segs) {
    if (s.type == 2) dyn = &s;
  }
  if (!dyn) return;
  const std::size_t entry = e.wide ? 16 : 8;
  std::uint64_t strtab = 0, strsz = 0;
  std::vector<std::uint64_t> needed;
  for (std::size_t i = 0; i < kMaxDynamic && i * entry < dyn->filesz; ++i) {
    auto at = checked_add(
        static_cast<std::size_t>(std::min<std::uint64_t>(dyn->offset, SIZE_MAX / 2)), i * entry);
    if (!at) break;
    auto tag = e.word(*at), val = e.word(*at + entry / 2);
    if (!tag || !val || *tag == 0) break;  // DT_NULL
    if (*tag == 1 && needed.size() < kMaxNeeded) needed.push_back(*val);
    if (*tag == 5) strtab = *val;
    if (*tag == 10) strsz = *val;
  }
  auto table = va_to_offset(segs, strtab);
  if (!table) return;
  std::vector<std::string> names;
  for (auto off : needed) {
    if (strsz != 0 && off >= strsz) continue;
    if (auto s = exe::c_string(e.r, static_cast<std::size_t>(*table + off), kMaxPath))
      names.push_back(*s);
  }
  if (!names.empty()) ctx.fact("elf_needed", names);
}

}  // namespace

Status ElfAnalyzer::analyze(ByteView object, Context& ctx) {
  Reader r(object);
  auto cls = r.u8(4), data = r.u8(5);
  if (!r.starts_with_at(0,
                        "\x7F"
                        "ELF") ||
      !cls || !data || (*cls != 1 && *cls != 2) || (*data != 1 && *data != 2)) {
    return Status::error(ErrorCode::kMalformed, "elf: bad e_ident");
  }
  ElfReader e{r, *data == 2, *cls == 2};
  const std::size_t header = e.wide ? 64 : 52;
  if (!r.has(0, header)) return Status::error(ErrorCode::kTruncated, "elf: header cut");
  ctx.fact("elf_class", std::string(e.wide ? "elf64" : "elf32"));
  ctx.fact("elf_endianness", std::string(e.big ? "big" : "little"));
  ctx.fact("elf_type", type_name(*e.u16(16)));
  ctx.fact("elf_machine", machine_name(*e.u16(18)));
  const std::uint64_t phoff = *e.word(e.wide ? 32 : 28), shoff = *e.word(e.wide ? 40 : 32);
  const std::size_t at = e.wide ? 54 : 42;
  const std::uint16_t phentsize = *e.u16(at), phnum = *e.u16(at + 2);
  const std::uint16_t shentsize = *e.u16(at + 4), shnum = *e.u16(at + 6), shstrndx = *e.u16(at + 8);
  ctx.fact("elf_segments", static_cast<std::int64_t>(phnum));
  ctx.fact("elf_sections", static_cast<std::int64_t>(shnum));

  std::vector<Segment> segs;
  for (std::size_t i = 0;
       i < std::min<std::size_t>(phnum, kMaxSegments) && phentsize >= (e.wide ? 56 : 32); ++i) {
    if (phoff > r.size()) break;
    std::size_t p = static_cast<std::size_t>(phoff) + i * phentsize;
    if (!r.has(p, phentsize)) {
      ctx.anomaly("elf: program headers cut by the end of the file");
      break;
    }
    Segment s;
    s.type = *e.u32(p);
    s.offset = *e.word(p + (e.wide ? 8 : 4));
    s.vaddr = *e.word(p + (e.wide ? 16 : 8));
    s.filesz = *e.word(p + (e.wide ? 32 : 16));
    segs.push_back(s);
    if (s.type == 3 && s.offset < r.size()) {  // PT_INTERP
      auto interp = exe::c_string(r, static_cast<std::size_t>(s.offset),
                                  std::min<std::uint64_t>(s.filesz, kMaxPath));
      if (interp) ctx.fact("elf_interpreter", *interp);
    }
  }
  read_dynamic(e, segs, ctx);

  // Sections: names through e_shstrndx; executable ones (SHF_EXECINSTR) measured.
  std::string packer;
  std::string high_entropy;
  std::vector<std::string> exec_lines;
  exe::EntropyMeter meter;
  const std::size_t sh_min = e.wide ? 64 : 40;
  std::optional<std::uint64_t> names_off;
  if (shentsize >= sh_min && shstrndx < shnum && shoff < r.size()) {
    names_off = e.word(static_cast<std::size_t>(shoff) + std::size_t{shstrndx} * shentsize +
                       (e.wide ? 24 : 16));
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(shnum, kMaxSections) && shentsize >= sh_min;
       ++i) {
    if (shoff > r.size()) break;
    std::size_t p = static_cast<std::size_t>(shoff) + i * shentsize;
    if (!r.has(p, sh_min)) {
      ctx.anomaly("elf: section headers cut by the end of the file");
      break;
    }
    std::uint32_t name = *e.u32(p);
    std::uint64_t flags = *e.word(p + 8);
    std::uint64_t offset = *e.word(p + (e.wide ? 24 : 16)), size = *e.word(p + (e.wide ? 32 : 20));
    std::uint32_t type = *e.u32(p + 4);
    std::string sname;
    if (names_off && *names_off < r.size()) {
      sname = exe::c_string(r, static_cast<std::size_t>(*names_off + name), 64).value_or("");
    }
    if (auto pk = exe::packer_of_section(sname); !pk.empty() && packer.empty()) packer = pk;
    if ((flags & 0x4) == 0 || type == 8) continue;  // not SHF_EXECINSTR, or SHT_NOBITS
    auto bytes =
        offset <= r.size()
            ? r.subspan(static_cast<std::size_t>(offset),
                        static_cast<std::size_t>(std::min<std::uint64_t>(size, r.size() - offset)))
            : std::nullopt;
    double ent = bytes ? meter.measure(*bytes).value_or(0) : 0;
    if (exec_lines.size() < 64) {
      exec_lines.push_back(sname + " " + std::to_string(size) +
                           " entropy=" + exe::entropy_text(ent));
    }
    if (bytes && bytes->size() >= exe::kMinEntropyBytes && ent >= exe::kPackedEntropy &&
        high_entropy.empty()) {
      high_entropy = sname + " " + exe::entropy_text(ent);
    }
  }
  if (!exec_lines.empty()) ctx.fact("elf_exec_sections", exec_lines);
  auto head = r.subspan(0, std::min(r.size(), kUpxWindow));
  if (packer.empty() && head && as_chars(*head).find("UPX!") != std::string_view::npos)
    packer = "UPX";
  if (!packer.empty()) ctx.fact("packer", packer);
  if (!packer.empty() || !high_entropy.empty()) {
    ctx.finding(Symbol::EXECUTABLE_PACKED,
                {packer.empty() ? "entropy " + high_entropy : packer,
                 "compressed or encrypted code hides the program from inspection"});
  }
  return Status::ok();
}

}  // namespace lg
