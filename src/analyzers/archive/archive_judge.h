#pragma once
/// Judgements on an archive's list of entries, made before the entries themselves are
/// analyzed (the engine judges their content later): a disk image carrying something that runs,
/// and a small archive whose only file is a shortcut (threats.md: T1553.005, T1204.002).
#include <cstdint>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/file_type.h"
#include "formats/disk/image_lure.h"

namespace lg {

/// An archive of at most this many bytes holding only a .lnk is a lone-shortcut lure.
inline constexpr std::uint64_t kLoneShortcutMaxArchiveBytes = 4u << 20;

/// Reports, for kIso9660/kUdf, the shared disk-image judgement (judge_disk_image:
/// DISK_IMAGE_DECOY or DISK_IMAGE_PAYLOAD), and for any other archive type of at most
/// kLoneShortcutMaxArchiveBytes whose only file is a .lnk, ARCHIVE_LONE_SHORTCUT. `files` are
/// the regular files, with the types identified from the bytes handed over (else kUnknown).
void judge_entries(FileType type, std::uint64_t archive_size,
                   const std::vector<disk::ImageEntry>& files, Context& ctx);

/// Reports the candidate password that opened encrypted entries: the facts "password" and
/// "password_source" ("message" when the text of this input gave it, Context::
/// password_from_text; "configured" otherwise) and ARCHIVE_PASSWORD_USED saying which.
void report_archive_password(const std::string& password, Context& ctx);

}  // namespace lg
