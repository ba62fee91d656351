#pragma once
/// RTF documents (RTF 1.9.1), read as tolerantly as Word and oletools' rtfobj read them:
/// malformed and obfuscated files are normal input here.
#include "core/analyzer.h"

namespace lg {

/// Facts: "rtf_version" (the N of \rtfN), "code_page" (\ansicpg), "generator", the \info
///   fields "title", "subject", "author", "operator", "company", "manager", "keywords",
///   "comment", "doccomm" and "creatim"/"revtim" ("2017-11-20T08:12"), "objects" (class names
///   of the embedded objects, in order), "object_clsids", "template", "fields" (field
///   instructions), "obfuscation" (the signs found), "max_group_depth".
/// Text: the visible text (kDocument), decoded with \ansicpg, \'hh and \uN/\ucN, without the
///   font, colour and style tables, \info, pictures and other \* destinations.
/// Links: HYPERLINK fields (target, result text); linked OLE objects' sources.
/// Children: per \objdata: "package" (the file a Package object carries), "embedded" (an OLE2
///   compound file or other native data), "objdata" (bytes that are no OLE1 object).
/// Findings: RTF_OLE_OBJECT, RTF_EXPLOIT_CLSID, RTF_REMOTE_TEMPLATE, DDE_COMMAND,
///   RTF_OBFUSCATION. Damage (unbalanced groups, truncation) is an anomaly; the status is ok
///   unless the input is not RTF at all.
class RtfAnalyzer final : public Analyzer {
 public:
  /// Group nesting kept on the explicit stack; deeper groups share the deepest state.
  static constexpr std::size_t kMaxGroupDepth = 1024;
  /// Nesting past this is itself a sign of obfuscation (Word's own files stay far below).
  static constexpr std::size_t kObfuscationDepth = 256;

  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
