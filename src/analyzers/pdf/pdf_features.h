#pragma once
/// What a PDF does (ISO 32000-1 12.6 actions, 12.6.3 trigger events, 7.11 file
/// specifications and embedded files, 12.7 forms, 7.7.3.3 and 12.6.4.16 JavaScript): scripts,
/// automatic actions and what they trigger, launch commands, link and form targets, embedded
/// files, XFA and RichMedia. Every object is visited once, with an explicit stack.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "analyzers/pdf/pdf_document.h"
#include "core/analyzer.h"

namespace lg {

struct PdfFeatureSummary {
  bool has_js = false;
  bool has_acroform = false;
  bool has_xfa = false;
  bool has_richmedia = false;
  std::string open_action;  // the /OpenAction's type ("JavaScript", "GoTo", ...), "" when none
  std::size_t scripts = 0;  // JavaScript texts passed on
  std::size_t auto_actions = 0;
  std::size_t launches = 0;
  std::size_t uris = 0;
  std::map<std::uint32_t, std::string> embedded;  // stream object -> declared file name
};

/// Decodes a stream (decryption and filters, capped); returns the decoded bytes.
using PdfStreamDecoder = std::function<Bytes(const PdfIndirect&)>;

/// Reports findings, scripts (TextKind::kScript), launch commands (TextKind::kArguments) and
/// links through `ctx`, and fills `summary` (embedded files are left to the caller).
void report_pdf_features(const PdfDocument& doc, const PdfStreamDecoder& decode, Context& ctx,
                         PdfFeatureSummary* summary);

/// Cuts UTF-8 text to at most `max` bytes on a character boundary.
std::string pdf_cut_utf8(std::string_view s, std::size_t max);

}  // namespace lg
