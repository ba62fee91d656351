// Name-based judgements on archive entries (threats.md: disk images to dodge Mark-of-the-Web,
// shortcut files in small archives).
#include "analyzers/archive/archive_judge.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/file_name.h"

namespace lg {
namespace {

using namespace std::string_view_literals;

constexpr std::array kRunnable = {
    "lnk"sv, "url"sv, "exe"sv,  "scr"sv, "com"sv, "pif"sv, "dll"sv,     "cpl"sv,  "msi"sv,
    "msc"sv, "js"sv,  "jse"sv,  "vbs"sv, "vbe"sv, "wsf"sv, "wsh"sv,     "hta"sv,  "bat"sv,
    "cmd"sv, "ps1"sv, "psm1"sv, "chm"sv, "jar"sv, "app"sv, "command"sv, "scpt"sv, "sh"sv,
};
constexpr std::array kDecoy = {
    "pdf"sv, "doc"sv,  "docx"sv, "docm"sv, "xls"sv, "xlsx"sv, "xlsm"sv, "ppt"sv, "pptx"sv,
    "hwp"sv, "hwpx"sv, "rtf"sv,  "txt"sv,  "jpg"sv, "jpeg"sv, "png"sv,  "odt"sv,
};

template <class A>
bool contains(const A& list, const std::string& ext) {
  return std::find(list.begin(), list.end(), std::string_view(ext)) != list.end();
}

// A macOS bundle shows as a directory path: "Name.app/Contents/MacOS/Name".
bool is_app_bundle_path(const std::string& name) {
  return name.find(".app/Contents/MacOS/") != std::string::npos;
}

}  // namespace

bool is_runnable_extension(const std::string& ext) { return contains(kRunnable, ext); }
bool is_decoy_extension(const std::string& ext) { return contains(kDecoy, ext); }

void judge_entry_names(FileType type, std::uint64_t archive_size,
                       const std::vector<std::string>& files, Context& ctx) {
  if (type == FileType::kIso9660 || type == FileType::kUdf) {
    const std::string* runnable = nullptr;
    const std::string* decoy = nullptr;
    for (const auto& f : files) {  // bounded by the caller's entry cap
      std::string ext = file_extension(f);
      if (!runnable && (is_runnable_extension(ext) || is_app_bundle_path(f))) runnable = &f;
      if (!decoy && is_decoy_extension(ext)) decoy = &f;
    }
    if (runnable) {
      std::string detail = "disk image holds a file that runs when opened";
      if (decoy) detail += ", next to the decoy document \"" + *decoy + "\"";
      ctx.finding(Symbol::DISK_IMAGE_PAYLOAD, {*runnable, detail});
    }
    return;
  }
  if (files.size() == 1 && archive_size <= kLoneShortcutMaxArchiveBytes &&
      file_extension(files[0]) == "lnk") {
    ctx.finding(Symbol::ARCHIVE_LONE_SHORTCUT, {files[0], "the archive's only file is a shortcut"});
  }
}

}  // namespace lg
