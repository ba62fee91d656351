#pragma once
/// Judgements on an archive's list of entry names, made before the entries themselves are
/// analyzed (the engine judges their content later): a disk image carrying something that runs,
/// and a small archive whose only file is a shortcut (threats.md: T1553.005, T1204.002).
#include <cstdint>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// An archive of at most this many bytes holding only a .lnk is a lone-shortcut lure.
inline constexpr std::uint64_t kLoneShortcutMaxArchiveBytes = 4u << 20;

/// True for extensions of files that run when opened on Windows or macOS: programs, scripts,
/// shortcuts ("lnk", "exe", "js", "hta", "command", ...). `ext` is lower case, without the dot.
bool is_runnable_extension(const std::string& ext);
/// True for extensions of documents a lure shows as a decoy ("pdf", "docx", "hwp", ...).
bool is_decoy_extension(const std::string& ext);

/// Reports DISK_IMAGE_PAYLOAD (for kIso9660/kUdf: a runnable entry, with any decoy document
/// named in the evidence) and ARCHIVE_LONE_SHORTCUT (any other archive type of at most
/// kLoneShortcutMaxArchiveBytes whose only file is a .lnk). `files` are regular-file names.
void judge_entry_names(FileType type, std::uint64_t archive_size,
                       const std::vector<std::string>& files, Context& ctx);

}  // namespace lg
