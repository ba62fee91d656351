#pragma once
/// Text from PDFs: text strings (ISO 32000-1 7.9.2.2: PDFDocEncoding, UTF-16BE with a BOM,
/// and UTF-8 with a BOM from ISO 32000-2) and the visible text of content streams (9.4 text
/// objects: Tj, TJ, ', ") where the font's encoding is plain.
#include <string>
#include <string_view>

#include "analyzers/pdf/pdf_document.h"

namespace lg {

/// A text string as UTF-8 (always well-formed: bad sequences become U+FFFD).
std::string pdf_text_string_to_utf8(std::string_view bytes);

/// How a font's codes map to text: plain single-byte (WinAnsi/MacRoman/Standard or no
/// /Encoding on a simple font without a /ToUnicode map) or not extractable here.
bool pdf_font_is_plain(const PdfDocument& doc, const PdfObject* font);

/// Shows the text of one content stream; `plain_font(name)` says whether the font selected by
/// `/name Tf` is plain. Strings shown in other fonts are skipped. At most `max_out` bytes of
/// UTF-8 are returned (bounded work: one pass over the stream).
template <class PlainFont>
std::string pdf_content_text(std::string_view content, const PlainFont& plain_font,
                             std::size_t max_out);

/// Non-template core of pdf_content_text: `font_plain` is consulted through a callback.
std::string pdf_content_text_impl(std::string_view content,
                                  bool (*plain)(const void* state, std::string_view font),
                                  const void* state, std::size_t max_out);

template <class PlainFont>
std::string pdf_content_text(std::string_view content, const PlainFont& plain_font,
                             std::size_t max_out) {
  return pdf_content_text_impl(
      content,
      [](const void* s, std::string_view f) { return (*static_cast<const PlainFont*>(s))(f); },
      &plain_font, max_out);
}

}  // namespace lg
