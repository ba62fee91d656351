#pragma once
/// Internal to file_type*.cpp: the structural refiners that identify() dispatches to.
/// Not part of the public API; include only from src/core/file_type*.cpp and its tests.
#include <string_view>

#include "core/bytes.h"
#include "core/file_type.h"
#include "core/reader.h"

namespace lg::file_type_internal {

/// Bounded look at the start of the input for the text heuristics (mail, HTML, scripts, text).
inline constexpr std::size_t kTextPrefix = 4096;

/// A ZIP (local header at 0 or end-of-central-directory record) refined by its entry names:
/// OOXML, HWPX, ODF, APK, JAR, else kZip. See file_type_zip.cpp.
FileType refine_zip(const Reader& r);

/// An OLE2 compound file refined by its directory: kHwp when a "FileHeader" stream starts
/// with the HWP signature, else kOle2. See file_type_ole.cpp.
FileType refine_ole2(const Reader& r);

/// Mail (message or mbox) when the start of `data` is a header block, else kUnknown.
FileType identify_mail(ByteView data);

/// HTML, HTA, scripts or plain text from the bounded prefix, else kUnknown.
/// See file_type_text.cpp.
FileType identify_text(ByteView data);

/// JS, VBScript, PowerShell or batch by scored indicators in `lowered` (the lower-cased
/// prefix), else kUnknown. See file_type_script.cpp.
FileType script_type(std::string_view lowered);

/// kEncodedScript when the text opens with a Script Encoder block ("#@~^"), kWsf when it is a
/// Windows Script File (<job> or <package>, optionally after an XML declaration and comments),
/// else kUnknown. Checked before HTML, since a WSF holds <script> tags. See file_type_script.cpp.
FileType script_container_type(std::string_view lowered);

}  // namespace lg::file_type_internal
