// Decoders for what scripts hide in their own text. PowerShell's -EncodedCommand takes "a
// base-64-encoded string version of a command" of UTF-16LE text (about_Pwsh); Base64 is
// [RFC 4648] 4; char codes are UTF-16 code units (ECMA-262 String.fromCharCode, VBScript
// Chr/ChrW, .NET [char]).
#include "formats/script/script_payloads.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/ascii.h"
#include "core/transfer_encoding.h"
#include "core/utf8.h"

namespace lg::script {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMinEncodedCommand = 8;        // Base64 characters of a real command
constexpr std::size_t kMaxEncodedCommand = 1 << 20;  // decoded bytes kept of one command
constexpr std::size_t kMaxCharCodeRun = 1 << 16;     // characters kept of one chain

bool base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool printable(std::uint32_t c) {
  return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

// UTF-16LE whose code units are at least 95% printable, as UTF-8; empty otherwise.
std::string utf16_text(ByteView data) {
  if (data.size() < 2 || data.size() % 2 != 0) return {};
  std::size_t units = data.size() / 2, good = 0, ascii = 0;
  for (std::size_t i = 0; i + 1 < data.size(); i += 2) {
    std::uint32_t u = data[i] | (static_cast<std::uint32_t>(data[i + 1]) << 8);
    if (printable(u) && !(u >= 0xD800 && u <= 0xDFFF)) ++good;
    if (u < 0x80) ++ascii;
  }
  // Mostly ASCII too: random bytes are "printable" UTF-16 (CJK) more often than not.
  if (good * 100 < units * 95 || ascii * 100 < units * 50) return {};
  std::size_t skip = data[0] == 0xFF && data[1] == 0xFE ? 2 : 0;
  return utf16le_to_utf8(data.subspan(skip));
}

}  // namespace

std::string decoded_text(ByteView data) {
  if (data.empty()) return {};
  if (std::string t = utf16_text(data); !t.empty()) return t;
  std::string_view s = as_chars(data);
  if (s.starts_with("\xEF\xBB\xBF"sv)) s.remove_prefix(3);
  if (!is_valid_utf8(s)) return {};
  std::size_t good = 0;
  for (char c : s) good += printable(static_cast<unsigned char>(c)) ? 1 : 0;
  if (good * 100 < s.size() * 95) return {};
  return std::string(s);
}

std::vector<EncodedCommand> find_encoded_commands(std::string_view text, std::size_t max) {
  std::vector<EncodedCommand> out;
  for (std::size_t i = 0; i < text.size() && out.size() < max; ++i) {
    if (text[i] != '-' && text[i] != '/') continue;
    if (i > 0 && base64_char(text[i - 1])) continue;  // inside a word or a Base64 run
    std::size_t end = i + 1;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    std::string word = ascii_lower(text.substr(i + 1, end - i - 1));
    if (word.empty() || (word != "ec" && !"encodedcommand"sv.starts_with(word))) continue;
    // The argument: after blanks, quotes and the glue of concatenated literals.
    std::size_t b = end;
    while (b < text.size() && std::string_view(" \t\"'+&^").find(text[b]) != std::string_view::npos)
      ++b;
    if (b == end) continue;
    std::size_t e = b;
    while (e < text.size() && (base64_char(text[e]) || text[e] == '=')) ++e;
    if (e - b < kMinEncodedCommand) continue;
    Decoding d = decode_base64(text.substr(b, e - b), kMaxEncodedCommand);
    std::string command = utf16_text(d.data);
    if (command.empty()) continue;
    out.push_back({std::string(text.substr(i, end - i)), std::move(command), b, e});
    i = e;
  }
  return out;
}

std::vector<Base64Blob> find_base64_blobs(std::string_view text, std::size_t max,
                                          std::size_t max_bytes) {
  std::vector<Base64Blob> out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max) {
    if (!base64_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    bool upper = false, lower = false, non_hex = false;
    while (i < text.size() && base64_char(text[i])) {
      char c = text[i];
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      non_hex |= !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
      ++i;
    }
    while (i < text.size() && text[i] == '=' && i - b < SIZE_MAX) ++i;
    if (i - b < kMinBase64Run || !upper || !lower || !non_hex) continue;
    Decoding d = decode_base64(text.substr(b, i - b), max_bytes);
    out.push_back({b, i, std::move(d.data)});
  }
  return out;
}

namespace {

// Parses a decimal or 0x-hex number at `pos` (after blanks); advances `pos`.
bool parse_number(std::string_view s, std::size_t& pos, std::uint32_t& value) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  int base = 10;
  if (s.substr(pos, 2) == "0x" || s.substr(pos, 2) == "&h") {
    base = 16;
    pos += 2;
  }
  std::size_t start = pos;
  std::uint64_t v = 0;
  while (pos < s.size() && pos - start < 8) {
    char c = s[pos];
    int d = c >= '0' && c <= '9'                   ? c - '0'
            : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
                                                   : -1;
    if (d < 0) break;
    v = v * base + static_cast<std::uint64_t>(d);
    ++pos;
  }
  if (pos == start || v > 0x10FFFF) return false;
  value = static_cast<std::uint32_t>(v);
  return true;
}

// One char-code call at `pos`: "chr(65)", "chrw(65)", "chrb(65)", "[char]65", "[char](65)".
// Advances `pos` past it.
bool char_call(std::string_view s, std::size_t& pos, std::uint32_t& value) {
  std::size_t p = pos;
  if (s.substr(p, 6) == "[char]") {
    p += 6;
    bool paren = p < s.size() && s[p] == '(';
    if (paren) ++p;
    if (!parse_number(s, p, value)) return false;
    if (paren) {
      if (p >= s.size() || s[p] != ')') return false;
      ++p;
    }
    pos = p;
    return true;
  }
  for (auto name : {"chrw("sv, "chrb("sv, "chr("sv}) {
    if (s.substr(p, name.size()) != name) continue;
    p += name.size();
    if (!parse_number(s, p, value)) return false;
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size() || s[p] != ')') return false;
    pos = p + 1;
    return true;
  }
  return false;
}

void add_run(std::vector<std::string>& out, const std::vector<std::uint32_t>& codes,
             std::size_t min_chars) {
  if (codes.size() < min_chars) return;
  std::string run;
  for (auto c : codes) append_utf8(run, static_cast<char32_t>(c));
  out.push_back(std::move(run));
}

}  // namespace

std::vector<std::string> decode_char_code_runs(std::string_view s, std::size_t min_chars,
                                               std::size_t max) {
  std::vector<std::string> out;
  std::size_t i = 0;
  // Next occurrence of each call name, refreshed only once `i` passes it (linear overall).
  std::array<std::string_view, 3> names = {"fromcharcode("sv, "chr"sv, "[char]"sv};
  std::array<std::size_t, 3> at = {0, 0, 0};
  bool first = true;
  while (i < s.size() && out.size() < max) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (first || (at[k] != std::string_view::npos && at[k] < i)) at[k] = s.find(names[k], i);
    }
    first = false;
    std::size_t next = std::min({at[0], at[1], at[2]});
    if (next == std::string_view::npos) break;
    i = next;
    std::vector<std::uint32_t> codes;
    if (s.substr(i, 13) == "fromcharcode(") {
      // String.fromCharCode(a, b, c ...): one call, a list of codes.
      std::size_t p = i + 13;
      std::uint32_t v = 0;
      while (codes.size() < kMaxCharCodeRun && parse_number(s, p, v)) {
        codes.push_back(v);
        while (p < s.size() && s[p] == ' ') ++p;
        if (p >= s.size() || s[p] != ',') break;
        ++p;
      }
      add_run(out, codes, min_chars);
      i = std::max(p, i + 1);
      continue;
    }
    // Chr(a) & Chr(b) ..., [char]a + [char]b ...: calls glued by & + and VBScript's " _" line
    // continuation.
    std::size_t p = i;
    std::uint32_t v = 0;
    while (codes.size() < kMaxCharCodeRun && char_call(s, p, v)) {
      codes.push_back(v);
      while (p < s.size() && std::string_view(" \t\r\n&+_").find(s[p]) != std::string_view::npos)
        ++p;
    }
    add_run(out, codes, min_chars);
    i = std::max(p, i + 1);
  }
  return out;
}

}  // namespace lg::script
