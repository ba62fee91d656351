#pragma once
/// Test helper (header-only, never linked into the product): an NTFS volume made by ntfs-3g's
/// mkntfs and filled by ntfscp, which work on an image file without mounting it. ntfscp
/// cannot make directories, so files go in the root; a file may get one alternate data stream
/// (ntfscp -N). nullopt when the tools are not installed (tests then skip).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace lg::disk::testing {

struct NtfsFileSpec {
  std::string name;  // in the root; no quotes or shell specials
  std::string data;
  std::string stream_name{};  // an alternate data stream, "" for none
  std::string stream_data{};
};

inline bool have_ntfs_tools() {
  return std::system(
             "PATH=\"$PATH:/usr/sbin:/sbin\" command -v mkntfs >/dev/null 2>&1 && "
             "PATH=\"$PATH:/usr/sbin:/sbin\" command -v ntfscp >/dev/null 2>&1") == 0;
}

/// A 2 MiB NTFS volume (512-byte sectors and clusters) labelled `label`, holding `files`.
inline std::optional<Bytes> make_ntfs(const std::vector<NtfsFileSpec>& files,
                                      const std::string& label = "LURE") {
  if (!have_ntfs_tools()) return std::nullopt;
  std::string dir_template = (std::filesystem::temp_directory_path() / "lg-ntfs-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) return std::nullopt;
  const std::filesystem::path dir = dir_template;
  const std::string img = (dir / "volume.img").string();
  const std::string env = "PATH=\"$PATH:/usr/sbin:/sbin\" ";
  std::optional<Bytes> out;
  {
    std::ofstream(img, std::ios::binary).close();
    std::filesystem::resize_file(img, 2u << 20);
    bool ok = std::system((env + "mkntfs -F -f -q -s 512 -c 512 -L '" + label + "' '" + img +
                           "' >/dev/null 2>&1")
                              .c_str()) == 0;
    for (std::size_t i = 0; ok && i < files.size(); ++i) {
      const std::string src = (dir / ("f" + std::to_string(i))).string();
      std::ofstream(src, std::ios::binary) << files[i].data;
      ok = std::system((env + "ntfscp -f -q '" + img + "' '" + src + "' '" + files[i].name +
                        "' >/dev/null 2>&1")
                           .c_str()) == 0;
      if (ok && !files[i].stream_name.empty()) {
        std::ofstream(src, std::ios::binary) << files[i].stream_data;
        ok = std::system((env + "ntfscp -f -q -N '" + files[i].stream_name + "' '" + img + "' '" +
                          src + "' '" + files[i].name + "' >/dev/null 2>&1")
                             .c_str()) == 0;
      }
    }
    if (ok) {
      std::ifstream in(img, std::ios::binary);
      out = Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return out;
}

}  // namespace lg::disk::testing
