#pragma once
/// Test helpers: a Microsoft Script Encoder encoder, the inverse of decode_script_encoder, so
/// tests can encode scripts of their own, and PowerShell's -EncodedCommand encoding.
/// Header-only, tests only.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/transfer_encoding.h"
#include "formats/script/script_encoder.h"

namespace lg::script::testing {

// The 6 base64 characters + "==" of a 32-bit little-endian value.
inline std::string encoder_field(std::uint32_t v) {
  const std::array<std::uint8_t, 4> b = {
      static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
      static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
  return encode_base64(ByteView(b.data(), b.size()));
}

/// `script` (ASCII) as one encoded block "#@~^...^#~@".
inline std::string encode_script(std::string_view script) {
  std::string body;
  std::uint32_t sum = 0;
  std::size_t index = 0;
  for (char c : script) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      body.push_back(c);
      continue;
    }
    sum += u;
    const char* escape = c == '\r'   ? "@#"
                         : c == '\n' ? "@&"
                         : c == '<'  ? "@!"
                         : c == '>'  ? "@*"
                         : c == '@'  ? "@$"
                                     : nullptr;
    if (escape) {
      body += escape;
    } else if (u < 0x20 && u != '\t') {
      body.push_back(c);
    } else {
      for (int b = 0; b < 0x80; ++b) {
        if (b == '<' || b == '>' || b == '@' || (b < 0x20 && b != '\t')) continue;
        if (script_decoder_char(static_cast<unsigned char>(b), index) == c) {
          body.push_back(static_cast<char>(b));
          break;
        }
      }
    }
    ++index;
  }
  return "#@~^" + encoder_field(static_cast<std::uint32_t>(body.size())) + body +
         encoder_field(sum) + "^#~@";
}

/// PowerShell's -EncodedCommand form of an ASCII `command`: Base64 of its UTF-16LE bytes.
inline std::string powershell_encoded(std::string_view command) {
  Bytes utf16;
  for (char c : command) {
    utf16.push_back(static_cast<std::uint8_t>(c));
    utf16.push_back(0);
  }
  return encode_base64(utf16);
}

}  // namespace lg::script::testing
