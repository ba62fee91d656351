#pragma once
/// MS-DOS COMPRESS.EXE files (SZDD, "file.ex_") and their successor KWAJ, through libmspack's
/// SZDD and KWAJ decompressors over memory: the expanded file becomes the one child.
#include "core/analyzer.h"

namespace lg {

/// Facts: "compress_format" ("szdd", "szdd-qbasic" or "kwaj"), "expanded_size" (when the header
/// gives it), "kwaj_method" (0 none, 1 XOR, 2 SZDD, 3 LZH, 4 MSZIP).
/// Child: relation "expanded", name from the KWAJ header when present; for SZDD the
/// header keeps only the last character of the original name ("missing_char" fact).
class SzddAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
