#pragma once
/// Test helper: reading test data from disk. Header-only, never linked into the product.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace lg::testing {

/// Reads a whole file (empty when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// SHA-256 of clamav-testfiles' clam.exe, the payload every container there wraps.
inline constexpr std::string_view kClamExeSha256 =
    "71e7b604d18aefd839e51a39c88df8383bb4c071dc31f87f00a2b5df580d4495";
inline const std::string kClamavDir = "/usr/share/clamav-testfiles/";

}  // namespace lg::testing
