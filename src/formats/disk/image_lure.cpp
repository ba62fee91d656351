// What a disk image carries, judged from entry names and identified types (threats.md:
// disk images to dodge Mark-of-the-Web, T1553.005; macOS payloads, T1204.002).
#include "formats/disk/image_lure.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/file_name.h"

namespace lg::disk {
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
bool is_app_bundle_path(const std::string& path) {
  return path.find(".app/Contents/MacOS/") != std::string::npos;
}

bool is_runnable_type(FileType t) {
  return t == FileType::kLnk || file_type_is_executable(t) || file_type_is_script(t);
}

bool is_runnable(const ImageEntry& e) {
  return is_runnable_type(e.type) || is_runnable_extension(file_extension(e.path)) ||
         is_app_bundle_path(e.path);
}

// The path without a leading "/" or "./" (libarchive and the FAT walker differ).
std::string_view relative(const std::string& path) {
  std::string_view p = path;
  while (p.starts_with("./") || p.starts_with("/")) p.remove_prefix(p[0] == '.' ? 2 : 1);
  return p;
}

// At the root: no directory in the path, or a bundle whose ".app" folder is at the root.
bool at_root(const ImageEntry& e) {
  std::string_view p = relative(e.path);
  std::size_t slash = p.find('/');
  if (slash == std::string_view::npos) return true;
  return is_app_bundle_path(e.path) && p.substr(0, slash).ends_with(".app");
}

}  // namespace

bool is_runnable_extension(const std::string& ext) { return contains(kRunnable, ext); }
bool is_decoy_extension(const std::string& ext) { return contains(kDecoy, ext); }

std::optional<ImageVerdict> judge_disk_image(const std::vector<ImageEntry>& entries) {
  const ImageEntry* runnable = nullptr;
  const ImageEntry* root_runnable = nullptr;
  const ImageEntry* decoy = nullptr;
  for (const auto& e : entries) {  // bounded by the caller's entry cap
    if (is_runnable(e)) {
      if (!runnable) runnable = &e;
      if (!root_runnable && at_root(e)) root_runnable = &e;
    } else if (!decoy && is_decoy_extension(file_extension(e.path))) {
      decoy = &e;
    }
  }
  if (!runnable) return std::nullopt;
  if (root_runnable && decoy) {
    return ImageVerdict{Symbol::DISK_IMAGE_DECOY,
                        {root_runnable->path,
                         "disk image holds, at its root, a file that runs "
                         "when opened next to the decoy document \"" +
                             decoy->path + "\""}};
  }
  std::string detail = "disk image holds a file that runs when opened";
  if (decoy) detail += ", next to the decoy document \"" + decoy->path + "\"";
  return ImageVerdict{Symbol::DISK_IMAGE_PAYLOAD, {runnable->path, detail}};
}

}  // namespace lg::disk
