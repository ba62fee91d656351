#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "analyzers/executable/elf_analyzer.h"
#include "analyzers/executable/macho_analyzer.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;

void put_le(std::string& b, std::size_t at, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}
void put_be(std::string& b, std::size_t at, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) b[at + i] = static_cast<char>(v >> (8 * (n - 1 - i)));
}

std::vector<std::string> list(const RecordingContext& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end()) return {};
  auto* v = std::get_if<std::vector<std::string>>(&it->second);
  return v ? *v : std::vector<std::string>{};
}

// A minimal ELF64 executable (gABI): PT_INTERP, PT_LOAD covering the file, PT_DYNAMIC with two
// DT_NEEDED, a .text section (SHF_EXECINSTR) and .shstrtab.
std::string build_elf64() {
  std::string b(0x400, '\0');
  std::memcpy(&b[0],
              "\x7F"
              "ELF\x02\x01\x01",
              7);
  put_le(b, 16, 2, 2);   // ET_EXEC
  put_le(b, 18, 62, 2);  // EM_X86_64
  put_le(b, 20, 1, 4);
  put_le(b, 32, 64, 8);     // e_phoff
  put_le(b, 40, 0x340, 8);  // e_shoff
  put_le(b, 52, 64, 2);
  put_le(b, 54, 56, 2);
  put_le(b, 56, 3, 2);
  put_le(b, 58, 64, 2);
  put_le(b, 60, 3, 2);
  put_le(b, 62, 2, 2);
  auto phdr = [&](int i, std::uint32_t type, std::uint64_t off, std::uint64_t vaddr,
                  std::uint64_t size) {
    std::size_t p = 64 + i * 56;
    put_le(b, p, type, 4);
    put_le(b, p + 8, off, 8);
    put_le(b, p + 16, vaddr, 8);
    put_le(b, p + 32, size, 8);
  };
  const char interp[] = "/lib64/ld-linux-x86-64.so.2";
  std::memcpy(&b[0x100], interp, sizeof interp);
  std::memcpy(&b[0x140], "\0libc.so.6\0libssl.so.3\0", 23);
  phdr(0, 3, 0x100, 0x400100, sizeof interp);
  phdr(1, 1, 0, 0x400000, 0x400);
  phdr(2, 2, 0x180, 0x400180, 80);
  auto dyn = [&](int i, std::uint64_t tag, std::uint64_t val) {
    put_le(b, 0x180 + i * 16, tag, 8);
    put_le(b, 0x188 + i * 16, val, 8);
  };
  dyn(0, 1, 1);
  dyn(1, 1, 11);
  dyn(2, 5, 0x400140);
  dyn(3, 10, 23);
  for (int i = 0; i < 0x100; ++i) b[0x200 + i] = static_cast<char>(i * 7);
  std::memcpy(&b[0x300], "\0.text\0.shstrtab\0", 17);
  auto shdr = [&](int i, std::uint32_t name, std::uint32_t type, std::uint64_t flags,
                  std::uint64_t off, std::uint64_t size) {
    std::size_t p = 0x340 + i * 64;
    put_le(b, p, name, 4);
    put_le(b, p + 4, type, 4);
    put_le(b, p + 8, flags, 8);
    put_le(b, p + 24, off, 8);
    put_le(b, p + 32, size, 8);
  };
  shdr(1, 1, 1, 6, 0x200, 0x100);
  shdr(2, 7, 3, 0, 0x300, 17);
  return b;
}

TEST(ElfAnalyzer, MinimalElf64) {
  const std::string elf = build_elf64();
  ASSERT_EQ(identify(as_bytes(elf)), FileType::kElf);
  RecordingContext ctx;
  ASSERT_TRUE(ElfAnalyzer().analyze(as_bytes(elf), ctx).is_ok());
  EXPECT_EQ(ctx.str("elf_class"), "elf64");
  EXPECT_EQ(ctx.str("elf_type"), "exec");
  EXPECT_EQ(ctx.str("elf_machine"), "x86_64");
  EXPECT_EQ(ctx.num("elf_segments"), 3);
  EXPECT_EQ(ctx.num("elf_sections"), 3);
  EXPECT_EQ(ctx.str("elf_interpreter"), "/lib64/ld-linux-x86-64.so.2");
  EXPECT_EQ(list(ctx, "elf_needed"), (std::vector<std::string>{"libc.so.6", "libssl.so.3"}));
  ASSERT_EQ(list(ctx, "elf_exec_sections").size(), 1u);
  EXPECT_TRUE(list(ctx, "elf_exec_sections")[0].starts_with(".text 256 entropy="));
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_PACKED));
  EXPECT_TRUE(ctx.anomalies.empty());
}

TEST(ElfAnalyzer, UpxMarkerAndTruncation) {
  std::string elf = build_elf64();
  std::memcpy(&elf[0xF0], "UPX!", 4);
  RecordingContext ctx;
  ASSERT_TRUE(ElfAnalyzer().analyze(as_bytes(elf), ctx).is_ok());
  EXPECT_EQ(ctx.str("packer"), "UPX");
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_PACKED));
  for (std::size_t cut = 0; cut < elf.size(); cut += 37) {
    RecordingContext c;
    (void)ElfAnalyzer().analyze(as_bytes(std::string_view(elf).substr(0, cut)), c);
  }
}

TEST(ElfAnalyzer, SystemProgramReadAsBytes) {
  std::ifstream in("/bin/ls", std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (bytes.empty()) GTEST_SKIP() << "/bin/ls not readable";
  ASSERT_EQ(identify(as_bytes(bytes)), FileType::kElf);
  RecordingContext ctx;
  ASSERT_TRUE(ElfAnalyzer().analyze(as_bytes(bytes), ctx).is_ok());
  EXPECT_EQ(ctx.str("elf_class"), "elf64");
  EXPECT_NE(ctx.str("elf_interpreter").find("ld-linux"), std::string::npos);
  auto needed = list(ctx, "elf_needed");
  EXPECT_NE(std::find(needed.begin(), needed.end(), "libc.so.6"), needed.end());
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_PACKED));
}

enum class Signature { kNone, kAdhoc, kDeveloper };

// A minimal 64-bit little-endian Mach-O: LC_SEGMENT_64 __TEXT, LC_LOAD_DYLIB libSystem, and
// optionally LC_CODE_SIGNATURE pointing at a SuperBlob (CodeDirectory + CMS wrapper).
std::string build_macho(std::uint32_t cpu, Signature sig) {
  std::string b(0x400, '\0');
  put_le(b, 0, 0xFEEDFACF, 4);
  put_le(b, 4, cpu, 4);
  put_le(b, 12, 2, 4);  // MH_EXECUTE
  put_le(b, 16, sig == Signature::kNone ? 2 : 3, 4);
  std::size_t p = 32;
  put_le(b, p, 0x19, 4);
  put_le(b, p + 4, 72, 4);
  std::memcpy(&b[p + 8], "__TEXT", 6);
  put_le(b, p + 40, 0, 8);
  put_le(b, p + 48, 0x200, 8);
  put_le(b, p + 56, 5, 4);
  put_le(b, p + 60, 5, 4);
  p += 72;
  put_le(b, p, 0xC, 4);
  put_le(b, p + 4, 56, 4);
  put_le(b, p + 8, 24, 4);
  std::memcpy(&b[p + 24], "/usr/lib/libSystem.B.dylib", 26);
  p += 56;
  if (sig != Signature::kNone) {
    put_le(b, p, 0x1D, 4);
    put_le(b, p + 4, 16, 4);
    put_le(b, p + 8, 0x300, 4);
    put_le(b, p + 12, 0x100, 4);
    put_be(b, 0x300, 0xFADE0CC0, 4);
    put_be(b, 0x304, 0x100, 4);
    put_be(b, 0x308, 2, 4);
    put_be(b, 0x30C, 0, 4);  // CSSLOT_CODEDIRECTORY
    put_be(b, 0x310, 28, 4);
    put_be(b, 0x314, 0x10000, 4);  // CSSLOT_SIGNATURESLOT
    put_be(b, 0x318, 72, 4);
    put_be(b, 0x31C, 0xFADE0C02, 4);
    put_be(b, 0x320, 44, 4);
    put_be(b, 0x328, sig == Signature::kAdhoc ? 2 : 0, 4);  // flags: CS_ADHOC
    put_be(b, 0x348, 0xFADE0B01, 4);
    put_be(b, 0x34C, sig == Signature::kAdhoc ? 8 : 0x80, 4);
  }
  return b;
}

TEST(MachOAnalyzer, ThinSignedAndUnsigned) {
  const std::string dev = build_macho(0x0100000C, Signature::kDeveloper);
  ASSERT_EQ(identify(as_bytes(dev)), FileType::kMachO);
  RecordingContext ctx;
  ASSERT_TRUE(MachOAnalyzer().analyze(as_bytes(dev), ctx).is_ok());
  EXPECT_EQ(ctx.str("mach_o_cpu"), "arm64");
  EXPECT_EQ(ctx.str("mach_o_filetype"), "execute");
  EXPECT_EQ(ctx.num("mach_o_load_commands"), 3);
  EXPECT_EQ(list(ctx, "mach_o_dylibs"), std::vector<std::string>{"/usr/lib/libSystem.B.dylib"});
  EXPECT_EQ(ctx.str("mach_o_signature"), "developer");
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_UNSIGNED));
  EXPECT_TRUE(ctx.anomalies.empty());

  RecordingContext adhoc;
  ASSERT_TRUE(
      MachOAnalyzer().analyze(as_bytes(build_macho(0x0100000C, Signature::kAdhoc)), adhoc).is_ok());
  EXPECT_EQ(adhoc.str("mach_o_signature"), "adhoc");
  EXPECT_TRUE(adhoc.has(Symbol::EXECUTABLE_UNSIGNED));

  RecordingContext none;
  ASSERT_TRUE(
      MachOAnalyzer().analyze(as_bytes(build_macho(0x01000007, Signature::kNone)), none).is_ok());
  EXPECT_EQ(none.str("mach_o_cpu"), "x86_64");
  EXPECT_EQ(none.str("mach_o_signature"), "none");
  EXPECT_TRUE(none.has(Symbol::EXECUTABLE_UNSIGNED));
}

TEST(MachOAnalyzer, FatBinarySlicesParsedInPlace) {
  const std::string a = build_macho(0x01000007, Signature::kDeveloper);
  const std::string b = build_macho(0x0100000C, Signature::kNone);
  std::string fat(0x1000, '\0');
  put_be(fat, 0, 0xCAFEBABE, 4);
  put_be(fat, 4, 2, 4);
  put_be(fat, 8, 0x01000007, 4);
  put_be(fat, 16, 0x1000, 4);
  put_be(fat, 20, a.size(), 4);
  put_be(fat, 28, 0x0100000C, 4);
  put_be(fat, 36, 0x1000 + a.size(), 4);
  put_be(fat, 40, b.size(), 4);
  fat += a + b;
  ASSERT_EQ(identify(as_bytes(fat)), FileType::kMachOFat);
  RecordingContext ctx;
  ASSERT_TRUE(MachOAnalyzer().analyze(as_bytes(fat), ctx).is_ok());
  EXPECT_EQ(list(ctx, "mach_o_slices"),
            (std::vector<std::string>{"x86_64 execute signature=developer",
                                      "arm64 execute signature=none"}));
  EXPECT_TRUE(ctx.has(Symbol::EXECUTABLE_UNSIGNED));  // one slice is unsigned
  // A slice pointing outside the file is an anomaly, not a crash.
  put_be(fat, 36, 0x7FFFFFF0, 4);
  RecordingContext bad;
  ASSERT_TRUE(MachOAnalyzer().analyze(as_bytes(fat), bad).is_ok());
  EXPECT_FALSE(bad.anomalies.empty());
}

TEST(MachOAnalyzer, TruncatedInputs) {
  const std::string m = build_macho(0x0100000C, Signature::kDeveloper);
  for (std::size_t cut = 0; cut < m.size(); cut += 29) {
    RecordingContext c;
    (void)MachOAnalyzer().analyze(as_bytes(std::string_view(m).substr(0, cut)), c);
  }
}

}  // namespace
}  // namespace lg
