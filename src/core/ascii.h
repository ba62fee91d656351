#pragma once
/// ASCII-only case handling for protocol and format keywords (header names, MIME parameters,
/// CFB stream names, VBA keywords): locale-independent, and bytes >= 0x80 left alone.
#include <string>
#include <string_view>

namespace lg {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

/// `s` with A-Z lowered.
std::string ascii_lower(std::string_view s);

/// Equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

/// `s` starts with `prefix`, ignoring ASCII case.
bool istarts_with(std::string_view s, std::string_view prefix);

}  // namespace lg
