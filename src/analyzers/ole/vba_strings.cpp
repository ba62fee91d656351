// Hex and Base64 literals in VBA ([RFC 4648] 4 alphabet).
#include "analyzers/ole/vba_strings.h"

#include <array>
#include <cstdint>

#include "core/bytes.h"
#include "core/charset.h"
#include "core/utf8.h"

namespace lg {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return o;
}

}  // namespace

bool olevba_base64_literal(std::string_view lit) {
  // olevba's BASE64_WHITELIST: common words that happen to be valid Base64.
  static constexpr std::array<std::string_view, 10> kWhitelist = {
      "thisdocument", "thisworkbook", "test",     "temp",         "http",
      "open",         "exit",         "kernel32", "virtualalloc", "createthread"};
  if (lit.size() < 4 || lit.size() % 4 != 0) return false;
  std::size_t body = lit.size();
  if (lit.ends_with("=="))
    body -= 2;
  else if (lit.ends_with("="))
    body -= 1;
  bool nonhex = false;
  for (std::size_t i = 0; i < body; ++i) {
    if (b64_value(lit[i]) < 0) return false;
    nonhex = nonhex || !is_hex(lit[i]);
  }
  if (!nonhex) return false;
  std::string l = lower(lit);
  for (auto w : kWhitelist)
    if (l == w) return false;
  return true;
}

std::optional<std::string> decode_hex_literal(std::string_view lit) {
  if (lit.empty() || lit.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(lit.size() / 2);
  for (std::size_t i = 0; i < lit.size(); i += 2) {
    if (!is_hex(lit[i]) || !is_hex(lit[i + 1])) return std::nullopt;
    out += static_cast<char>(hex_value(lit[i]) * 16 + hex_value(lit[i + 1]));
  }
  return out;
}

std::optional<std::string> decode_base64_literal(std::string_view lit) {
  while (!lit.empty() && lit.back() == '=') lit.remove_suffix(1);
  if (lit.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : lit) {
    int v = b64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> decoded_text(const std::string& bytes) {
  if (bytes.empty()) return std::nullopt;
  // UTF-16LE: every odd byte zero (PowerShell -EncodedCommand).
  std::size_t zeros = 0;
  for (std::size_t i = 1; i < bytes.size(); i += 2) zeros += bytes[i] == 0;
  if (bytes.size() >= 4 && zeros * 10 >= (bytes.size() / 2) * 9)
    return utf16le_to_utf8(as_bytes(bytes));
  std::size_t printable = 0;
  for (unsigned char c : bytes)
    printable += (c >= 0x20 && c < 0x7F) || c == '\r' || c == '\n' || c == '\t' || c >= 0x80;
  if (printable * 10 < bytes.size() * 9) return std::nullopt;
  return is_valid_utf8(bytes) ? bytes : repair_utf8(bytes);
}

}  // namespace lg
