#pragma once
/// ELF programs and libraries (System V ABI, "Object Files" chapter of the gABI): class, byte
/// order, type, machine, segments and sections, the interpreter and the DT_NEEDED libraries.
#include "core/analyzer.h"

namespace lg {

/// Facts: "elf_class" ("elf32", "elf64"), "elf_endianness", "elf_type" ("exec", "dyn", "rel",
/// "core"), "elf_machine" ("x86_64", "aarch64" ...), "elf_segments", "elf_sections" (counts),
/// "elf_interpreter", "elf_needed" (libraries), "elf_exec_sections" ("name size entropy"),
/// "packer". Findings: EXECUTABLE_PACKED (UPX marker, packer section names, high-entropy
/// executable sections). ELF has no code signature the loader checks, so nothing is said
/// about signing.
class ElfAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
