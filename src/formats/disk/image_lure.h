#pragma once
/// The one judgement on what a disk image (ISO 9660, UDF, VHD, VHDX, DMG) carries, shared by
/// every analyzer that lists one (threats.md: disk images to dodge Mark-of-the-Web, T1553.005).
/// Decided from entry paths and the types identified from the entries' bytes, before the
/// engine analyzes the entries themselves.
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/file_type.h"
#include "core/symbol.h"

namespace lg::disk {

/// One file found in an image: its path inside the image ("dir/name.lnk", '/' separated)
/// and the type identify() gave its bytes (kUnknown when they were not read).
struct ImageEntry {
  std::string path;
  FileType type = FileType::kUnknown;
};

/// True for extensions of files that run when opened on Windows or macOS: programs, scripts,
/// shortcuts ("lnk", "exe", "js", "hta", "command", ...). `ext` is lower case, without the dot.
bool is_runnable_extension(const std::string& ext);
/// True for extensions of documents a lure shows as a decoy ("pdf", "docx", "hwp", ...).
bool is_decoy_extension(const std::string& ext);

struct ImageVerdict {
  Symbol symbol;
  Evidence evidence;
};

/// One design, two symbols that never fire together:
/// - DISK_IMAGE_DECOY: a runnable file (by extension, by a macOS bundle path, or by its
///   identified type: LNK, executable, script) at the image's root, next to a decoy document
///   anywhere in the image (a document extension whose bytes are not runnable). That is the
///   whole lure: the victim opens the image and double-clicks what looks like the document.
/// - DISK_IMAGE_PAYLOAD otherwise, for any runnable file (a decoy, if any, named in the
///   evidence): dangerous, but without the decoy it is less clearly a lure.
/// A separate symbol (rather than a higher score on one) keeps the table's scores static and
/// lets a reader see which pattern matched. Bounded by the number of entries.
std::optional<ImageVerdict> judge_disk_image(const std::vector<ImageEntry>& entries);

}  // namespace lg::disk
