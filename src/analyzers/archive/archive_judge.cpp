// Judgements on archive entries (threats.md: disk images to dodge Mark-of-the-Web, shortcut
// files in small archives).
#include "analyzers/archive/archive_judge.h"

#include "core/file_name.h"

namespace lg {

void judge_entries(FileType type, std::uint64_t archive_size,
                   const std::vector<disk::ImageEntry>& files, Context& ctx) {
  if (type == FileType::kIso9660 || type == FileType::kUdf) {
    if (auto v = disk::judge_disk_image(files)) ctx.finding(v->symbol, std::move(v->evidence));
    return;
  }
  if (files.size() == 1 && archive_size <= kLoneShortcutMaxArchiveBytes &&
      file_extension(files[0].path) == "lnk") {
    ctx.finding(Symbol::ARCHIVE_LONE_SHORTCUT,
                {files[0].path, "the archive's only file is a shortcut"});
  }
}

void report_archive_password(const std::string& password, Context& ctx) {
  const bool from_text = ctx.password_from_text(password);
  ctx.fact("password", password);
  ctx.fact("password_source", std::string(from_text ? "message" : "configured"));
  ctx.finding(Symbol::ARCHIVE_PASSWORD_USED,
              {password, from_text ? "encrypted entries opened with a password given in the message"
                                   : "encrypted entries opened with a configured password"});
}

}  // namespace lg
