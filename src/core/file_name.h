#pragma once
/// Checks on declared file names (attachments, archive entries): masquerading tricks, and
/// whether a declared name or MIME type agrees with the identified content.
#include <string>
#include <string_view>
#include <vector>

#include "core/file_type.h"
#include "core/symbol.h"

namespace lg {

struct NameIssue {
  Symbol symbol;       // FILENAME_RTLO, FILENAME_DOUBLE_EXTENSION, FILENAME_SPACE_PADDED
  std::string detail;  // what was seen, e.g. "U+202E before 'fdp.exe'"
};

/// Masquerading in a UTF-8 file name: bidi controls (U+202A-E, U+2066-9, U+200E/F),
/// a document extension followed by an executable one, spaces or look-alike dots
/// (fullwidth, one-dot leader) hiding the real extension.
std::vector<NameIssue> check_file_name(std::string_view name);

/// The extension of a name, lower case, without the dot ("" when none).
std::string file_extension(std::string_view name);

/// True when `ext` (lower case, no dot) is one a person reads as a document, image, archive
/// or text ("pdf", "docx", "hwp", "jpg", "zip"): the names lures give to programs.
bool is_document_extension(std::string_view ext);

/// Empty when the declared name's extension and the declared MIME type are consistent with
/// `actual` (or say nothing); otherwise a short description of the disagreement.
/// Generic types (application/octet-stream, unknown extensions) never disagree.
std::string declared_type_mismatch(std::string_view name, std::string_view declared_mime,
                                   FileType actual);

}  // namespace lg
