#pragma once
/// Test helper (header-only, never linked into the product): an APFS container made by
/// apfsprogs' mkapfs on an image file (one empty volume; Debian has no tool that adds files to
/// an APFS volume without mounting it), kept sparse: mkapfs needs 128 MiB, of which a few
/// dozen 4 KiB blocks are written. nullopt when mkapfs is not installed (tests then skip).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "formats/disk/block_device.h"
#include "formats/disk/disk_test_images.h"

namespace lg::disk::testing {

inline constexpr std::uint64_t kApfsBlock = 4096;
inline constexpr std::uint64_t kApfsContainerSize = 128u << 20;

/// The non-zero blocks of a container, by block number.
struct SparseImage {
  std::uint64_t size = 0;
  std::map<std::uint64_t, Bytes> blocks;

  Bytes whole() const {
    Bytes out(static_cast<std::size_t>(size), 0);
    for (const auto& [n, b] : blocks) std::copy(b.begin(), b.end(), out.begin() + n * kApfsBlock);
    return out;
  }
};

/// A device over a SparseImage (absent blocks read as zeros).
class SparseDevice final : public BlockDevice {
 public:
  explicit SparseDevice(const SparseImage& img) : img_(img) {}
  std::uint64_t size() const override { return img_.size; }
  std::optional<Bytes> read(std::uint64_t offset, std::size_t n) const override {
    if (offset > img_.size || n > img_.size - offset) return std::nullopt;
    Bytes out(n, 0);
    for (std::size_t done = 0; done < n;) {
      const std::uint64_t pos = offset + done, in_block = pos % kApfsBlock;
      const std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>(n - done, kApfsBlock - in_block));
      auto it = img_.blocks.find(pos / kApfsBlock);
      if (it != img_.blocks.end()) {
        std::copy_n(it->second.begin() + static_cast<std::ptrdiff_t>(in_block), take,
                    out.begin() + static_cast<std::ptrdiff_t>(done));
      }
      done += take;
    }
    return out;
  }

 private:
  const SparseImage& img_;
};

inline std::optional<SparseImage> make_apfs(const std::string& label = "Lure") {
  const std::string env = "PATH=\"$PATH:/usr/sbin:/sbin\" ";
  if (std::system((env + "command -v mkapfs >/dev/null 2>&1").c_str()) != 0) return std::nullopt;
  std::string dir_template = (std::filesystem::temp_directory_path() / "lg-apfs-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) return std::nullopt;
  const std::filesystem::path dir = dir_template;
  const std::string img = (dir / "container.img").string();
  std::optional<SparseImage> out;
  std::ofstream(img, std::ios::binary).close();
  std::filesystem::resize_file(img, kApfsContainerSize);
  if (std::system((env + "mkapfs -L '" + label + "' '" + img + "' >/dev/null 2>&1").c_str()) == 0) {
    std::ifstream in(img, std::ios::binary);
    SparseImage s;
    s.size = kApfsContainerSize;
    Bytes block(kApfsBlock);
    for (std::uint64_t n = 0; n < kApfsContainerSize / kApfsBlock; ++n) {
      in.read(reinterpret_cast<char*>(block.data()), kApfsBlock);
      if (std::any_of(block.begin(), block.end(), [](std::uint8_t b) { return b != 0; })) {
        s.blocks[n] = block;
      }
    }
    if (in) out = std::move(s);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return out;
}

}  // namespace lg::disk::testing
