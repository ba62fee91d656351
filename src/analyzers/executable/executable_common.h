#pragma once
/// Helpers the PE, ELF and Mach-O analyzers share: entropy, bounded C strings, and the
/// judgement of section names and entropy.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/reader.h"

namespace lg::exe {

/// Shannon entropy of `data` in bits per byte (0..8); 0 for empty data.
double shannon_entropy(ByteView data);

/// Bytes measured for entropy in one program at most: section headers may all point at the
/// whole file, and without a budget a few hundred of them would make the work quadratic.
inline constexpr std::size_t kMaxEntropyBytes = 64u << 20;

/// Shannon entropy within a byte budget shared by one program's sections.
class EntropyMeter {
 public:
  explicit EntropyMeter(std::size_t budget = kMaxEntropyBytes) : left_(budget) {}
  /// The entropy of `data`, or nullopt once the budget is spent (the section is then not
  /// judged by entropy).
  std::optional<double> measure(ByteView data) {
    if (data.size() > left_) return std::nullopt;
    left_ -= data.size();
    return shannon_entropy(data);
  }

 private:
  std::size_t left_;
};

/// The NUL-terminated string at `off`, at most `max` bytes (a string cut by `max` or by the
/// end of the data is returned cut), ill-formed UTF-8 replaced; nullopt when `off` is out of
/// range.
std::optional<std::string> c_string(const Reader& r, std::size_t off, std::size_t max);

/// Printable form of a fixed-size name field (section names): NULs end it, other bytes
/// outside printable ASCII become '?'.
std::string field_name(ByteView field);

/// The packer a section name belongs to ("UPX", "ASPack", "MPRESS" ...), or "" when the
/// name is not one packers are known to write.
std::string_view packer_of_section(std::string_view name);

/// Code whose entropy is at least this is compressed or encrypted (plain x86/ARM code stays
/// near 6; compressed data approaches 8).
inline constexpr double kPackedEntropy = 7.2;
/// Sections smaller than this are not judged by entropy (too few bytes to mean anything).
inline constexpr std::size_t kMinEntropyBytes = 512;

/// "7.21" style rendering.
std::string entropy_text(double e);

}  // namespace lg::exe
