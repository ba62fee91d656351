#pragma once
/// Stand-alone scripts: JavaScript/JScript (.js), VBScript (.vbs), Script Encoder output
/// (.jse/.vbe), Windows Script Files (.wsf), PowerShell (.ps1) and batch (.bat/.cmd). The text
/// is decoded to UTF-8 (BOMs, else charset detection), reported as kScript text and judged by
/// script::analyze_script_text (formats/script/script_text.h), which reports the findings.
#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// Facts: "script_language" ("javascript", "vbscript", "powershell", "batch", "wsf",
/// "encoded_script"); for WSF "wsf_scripts" (count), "wsf_languages" and "wsf_sources" (the
/// src= attributes; each is also reported as a link). Plus the facts of analyze_script_text.
class ScriptAnalyzer final : public Analyzer {
 public:
  explicit ScriptAnalyzer(FileType type) : type_(type) {}
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;

 private:
  FileType type_;
};

}  // namespace lg
