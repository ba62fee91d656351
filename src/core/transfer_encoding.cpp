// Content-Transfer-Encoding decoders: [RFC 2045] 6.7 quoted-printable, 6.8 base64, and
// [RFC 2047] 4.2 "Q". The in-body formats (uuencode, BinHex 4.0) are in embedded_files.cpp.
#include <algorithm>
#include <array>
#include <cstdint>

#include "core/transfer_encoding.h"

namespace lg {
namespace {

constexpr std::uint8_t kInvalid = 0xFF;

// [RFC 2045] 6.8, Table 1: the base64 alphabet.
constexpr std::array<std::uint8_t, 256> make_base64_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = i;
  return t;
}
constexpr auto kBase64 = make_base64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;  // RFC 2045 6.7 (1): robust decoders accept
  return -1;
}

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }
bool is_base64_ignorable(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Appends one byte unless `max_out` is reached; then marks the decoding damaged.
inline bool put(Decoding& d, std::uint8_t b, std::size_t max_out) {
  if (d.data.size() >= max_out) {
    d.damaged = true;
    return false;
  }
  d.data.push_back(b);
  return true;
}

}  // namespace

// [RFC 2045] 6.8: 4 characters -> 3 bytes. "Characters not found in Table 1 must be ignored";
// '=' ends a quantum (we keep going after it, since concatenated base64 parts are common).
Decoding decode_base64(std::string_view in, std::size_t max_out) {
  Decoding d;
  d.data.reserve(std::min(max_out, in.size() / 4 * 3 + 3));
  std::uint32_t acc = 0;
  int n = 0;
  for (char ch : in) {
    const std::uint8_t v = kBase64[static_cast<unsigned char>(ch)];
    if (v == kInvalid) {
      if (ch == '=') {
        // Padding: flush a partial quantum (2 chars -> 1 byte, 3 chars -> 2 bytes).
        if (n == 1) d.damaged = true;
        if (n >= 2 && !put(d, static_cast<std::uint8_t>(acc >> (6 * n - 8)), max_out)) return d;
        if (n == 3 && !put(d, static_cast<std::uint8_t>(acc >> 2), max_out)) return d;
        acc = 0;
        n = 0;
      } else if (!is_base64_ignorable(ch)) {
        d.damaged = true;  // junk skipped
      }
      continue;
    }
    acc = (acc << 6) | v;
    if (++n == 4) {
      if (!put(d, static_cast<std::uint8_t>(acc >> 16), max_out) ||
          !put(d, static_cast<std::uint8_t>(acc >> 8), max_out) ||
          !put(d, static_cast<std::uint8_t>(acc), max_out)) {
        return d;
      }
      acc = 0;
      n = 0;
    }
  }
  // Missing padding is tolerated; a lone trailing character carries no full byte.
  if (n == 1) d.damaged = true;
  if (n >= 2 && !put(d, static_cast<std::uint8_t>(acc >> (6 * n - 8)), max_out)) return d;
  if (n == 3) put(d, static_cast<std::uint8_t>(acc >> 2), max_out);
  return d;
}

// [RFC 2045] 6.7: "=XX" octets, "=" at end of line is a soft line break, trailing
// whitespace on a line is transport padding and is deleted (rule 3). A bad "=" is kept as is.
Decoding decode_quoted_printable(std::string_view in, std::size_t max_out) {
  Decoding d;
  d.data.reserve(std::min(max_out, in.size()));
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
    const char c = in[i];
    if (c == '=') {
      const int hi = i + 1 < n ? hex_value(in[i + 1]) : -1;
      const int lo = i + 2 < n ? hex_value(in[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        if (!put(d, static_cast<std::uint8_t>(hi * 16 + lo), max_out)) return d;
        i += 3;
        continue;
      }
      // Soft line break: "=" then optional whitespace then CRLF, LF or the end.
      std::size_t j = i + 1;
      while (j < n && is_space_or_tab(in[j])) ++j;
      if (j == n) {
        i = j;
        continue;
      }
      if (in[j] == '\n') {
        i = j + 1;
        continue;
      }
      if (in[j] == '\r') {
        i = (j + 1 < n && in[j + 1] == '\n') ? j + 2 : j + 1;
        continue;
      }
      d.damaged = true;  // RFC 2045 6.7 note (2): keep the "=" literally
      if (!put(d, '=', max_out)) return d;
      ++i;
      continue;
    }
    if (is_space_or_tab(c)) {
      std::size_t j = i;
      while (j < n && is_space_or_tab(in[j])) ++j;
      const bool at_eol = j == n || in[j] == '\n' || (in[j] == '\r');
      if (!at_eol) {
        for (std::size_t k = i; k < j; ++k) {
          if (!put(d, static_cast<std::uint8_t>(in[k]), max_out)) return d;
        }
      }
      i = j;
      continue;
    }
    if (!put(d, static_cast<std::uint8_t>(c), max_out)) return d;
    ++i;
  }
  return d;
}

// [RFC 2047] 4.2: like quoted-printable, but "_" stands for 0x20 and there are no line breaks.
Decoding decode_q_encoding(std::string_view in) {
  Decoding d;
  d.data.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '_') {
      d.data.push_back(0x20);
    } else if (c == '=') {
      const int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        d.data.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
        i += 2;
      } else {
        d.damaged = true;  // bad escape kept literally
        d.data.push_back('=');
      }
    } else {
      d.data.push_back(static_cast<std::uint8_t>(c));
    }
  }
  return d;
}

// [RFC 4648] 4: base64 with padding, no line breaks.
std::string encode_base64(ByteView in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t v =
        (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8) | in[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    std::uint32_t v = std::uint32_t{in[i]} << 16;
    if (rest == 2) v |= std::uint32_t{in[i + 1]} << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace lg
