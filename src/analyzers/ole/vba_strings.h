#pragma once
/// String-literal checks for VBA obfuscation: hex and Base64 runs (olevba's weak "Hex Strings"
/// / "Base64 Strings" and our stronger long-literal decoding).
#include <optional>
#include <string>
#include <string_view>

namespace lg {

/// Length of olevba's hex string, (?:[0-9A-Fa-f]{2}){4,}, for a run of hex characters.
inline constexpr std::size_t kOlevbaHexMin = 8;
/// A literal this long made only of hex digits (or Base64) is decoded and reported.
inline constexpr std::size_t kLongHexLiteral = 32;
inline constexpr std::size_t kLongBase64Literal = 40;

/// True when `lit` (a string literal's content) is Base64 as olevba's regex takes it: groups of
/// 4 with optional padding, at least one non-hex character, not a whitelisted word.
bool olevba_base64_literal(std::string_view lit);

/// Decodes a literal of hex digit pairs; nullopt when it is not one.
std::optional<std::string> decode_hex_literal(std::string_view lit);
/// Decodes standard Base64 (padding optional); nullopt when it is not Base64.
std::optional<std::string> decode_base64_literal(std::string_view lit);
/// Makes decoded bytes readable: UTF-16LE (PowerShell -enc) to UTF-8, else valid UTF-8 or
/// nullopt when the bytes are mostly not text.
std::optional<std::string> decoded_text(const std::string& bytes);

}  // namespace lg
