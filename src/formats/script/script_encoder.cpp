// Microsoft Script Encoder decoding, from the published format description ("Windows Script
// Encoder (screnc) format"): a block is
//   "#@~^" + 6 base64 characters (the block's encoded length, 32-bit little endian) + "=="
//   + the encoded characters + 6 base64 characters (checksum: the sum of the decoded
//   characters) + "==^#~@".
// Each ASCII character of the body is substituted through one of three tables; which one is
// given by a fixed 64-entry sequence indexed by the character's position. "@" introduces an
// escape: @# CR, @& LF, @! '<', @* '>', @$ '@' (the encoder never emits those five raw).
#include "formats/script/script_encoder.h"

#include <array>

#include "core/transfer_encoding.h"

namespace lg::script {
namespace {

constexpr std::string_view kOpen = "#@~^";
constexpr std::string_view kClose = "^#~@";
constexpr std::size_t kLengthField = 8;    // 6 base64 characters + "=="
constexpr std::size_t kChecksumField = 8;  // the same

// Table picked for the character at position i (mod 64).
constexpr std::array<std::uint8_t, 64> kPick = {
    0, 1, 2, 0, 1, 2, 1, 2, 2, 1, 2, 1, 0, 2, 1, 2, 0, 2, 1, 2, 0, 0, 1, 2, 2, 1, 0, 2, 1, 2, 2, 1,
    0, 0, 2, 1, 2, 1, 2, 0, 2, 0, 0, 1, 2, 0, 2, 1, 0, 2, 1, 2, 0, 0, 1, 2, 2, 0, 0, 1, 2, 0, 2, 1,
};

// Decoded character for encoded bytes 0x20..0x7F, per table; 0 where the encoder emits no such
// byte ('<', '>', '@'). The encoded TAB has its own row, kTab.
constexpr std::array<std::array<std::uint8_t, 96>, 3> kTable = {{
    {{
        0x2E, 0x47, 0x7A, 0x56, 0x42, 0x6A, 0x2F, 0x26, 0x49, 0x41, 0x34, 0x32, 0x5B, 0x76,
        0x72, 0x43, 0x38, 0x39, 0x70, 0x45, 0x68, 0x71, 0x4F, 0x09, 0x62, 0x44, 0x23, 0x75,
        0x00, 0x7E, 0x00, 0x5E, 0x00, 0x77, 0x4A, 0x61, 0x5D, 0x22, 0x4B, 0x6F, 0x4E, 0x3B,
        0x4C, 0x50, 0x67, 0x2A, 0x7D, 0x74, 0x54, 0x2B, 0x2D, 0x2C, 0x30, 0x6E, 0x6B, 0x66,
        0x35, 0x25, 0x21, 0x64, 0x4D, 0x52, 0x63, 0x3F, 0x7B, 0x78, 0x29, 0x28, 0x73, 0x59,
        0x33, 0x7F, 0x6D, 0x55, 0x53, 0x7C, 0x3A, 0x5F, 0x65, 0x46, 0x58, 0x31, 0x69, 0x6C,
        0x5A, 0x48, 0x27, 0x5C, 0x3D, 0x24, 0x79, 0x37, 0x60, 0x51, 0x20, 0x36,
    }},
    {{
        0x2D, 0x75, 0x52, 0x60, 0x71, 0x5E, 0x49, 0x5C, 0x62, 0x7D, 0x29, 0x36, 0x20, 0x7C,
        0x7A, 0x7F, 0x6B, 0x63, 0x33, 0x2B, 0x68, 0x51, 0x66, 0x76, 0x31, 0x64, 0x54, 0x43,
        0x00, 0x3A, 0x00, 0x7E, 0x00, 0x45, 0x2C, 0x2A, 0x74, 0x27, 0x37, 0x44, 0x79, 0x59,
        0x2F, 0x6F, 0x26, 0x72, 0x6A, 0x39, 0x7B, 0x3F, 0x38, 0x77, 0x67, 0x53, 0x47, 0x34,
        0x78, 0x5D, 0x30, 0x23, 0x5A, 0x5B, 0x6C, 0x48, 0x55, 0x70, 0x69, 0x2E, 0x4C, 0x21,
        0x24, 0x4E, 0x50, 0x09, 0x56, 0x73, 0x35, 0x61, 0x4B, 0x58, 0x3B, 0x57, 0x22, 0x6D,
        0x4D, 0x25, 0x28, 0x46, 0x4A, 0x32, 0x41, 0x3D, 0x5F, 0x4F, 0x42, 0x65,
    }},
    {{
        0x32, 0x30, 0x21, 0x29, 0x5B, 0x38, 0x33, 0x3D, 0x58, 0x3A, 0x35, 0x65, 0x39, 0x5C,
        0x56, 0x73, 0x66, 0x4E, 0x45, 0x6B, 0x62, 0x59, 0x78, 0x5E, 0x7D, 0x4A, 0x6D, 0x71,
        0x00, 0x60, 0x00, 0x53, 0x00, 0x42, 0x27, 0x48, 0x72, 0x75, 0x31, 0x37, 0x4D, 0x52,
        0x22, 0x54, 0x6A, 0x47, 0x64, 0x2D, 0x20, 0x7F, 0x2E, 0x4C, 0x5D, 0x7E, 0x6C, 0x6F,
        0x79, 0x74, 0x43, 0x26, 0x76, 0x25, 0x24, 0x2B, 0x28, 0x23, 0x41, 0x34, 0x09, 0x2A,
        0x44, 0x3F, 0x77, 0x3B, 0x55, 0x69, 0x61, 0x63, 0x50, 0x67, 0x51, 0x49, 0x4F, 0x46,
        0x68, 0x7C, 0x36, 0x70, 0x6E, 0x7A, 0x2F, 0x5F, 0x4B, 0x5A, 0x2C, 0x57,
    }},
}};
constexpr std::array<std::uint8_t, 3> kTab = {0x57, 0x6E, 0x7B};

// The 32-bit little-endian value of a 6-character base64 field ("XXXXXX" of "XXXXXX==").
bool field_value(std::string_view field, std::uint32_t& value) {
  for (char c : field.substr(0, 6)) {
    bool b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '/';
    if (!b64) return false;
  }
  if (field.substr(6, 2) != "==") return false;
  Decoding d = decode_base64(field, 4);
  if (d.data.size() != 4) return false;
  value = static_cast<std::uint32_t>(d.data[0]) | static_cast<std::uint32_t>(d.data[1]) << 8 |
          static_cast<std::uint32_t>(d.data[2]) << 16 | static_cast<std::uint32_t>(d.data[3]) << 24;
  return true;
}

char unescape(char c, bool& known) {
  known = true;
  switch (c) {
    case '#':
      return '\r';
    case '&':
      return '\n';
    case '!':
      return '<';
    case '*':
      return '>';
    case '$':
      return '@';
    default:
      known = false;
      return c;
  }
}

// Decodes the block whose "#@~^" is at `open`; appends the script to `out` and returns the
// offset just past the block (its trailer when present). `block` is false when the marker has
// no valid length field after it (then it is kept as text).
std::size_t decode_block(std::string_view in, std::size_t open, std::string& out, bool& damaged,
                         bool& block) {
  block = false;
  std::size_t pos = open + kOpen.size();
  std::uint32_t length = 0;
  if (in.size() - pos < kLengthField || !field_value(in.substr(pos, kLengthField), length)) {
    out.append(kOpen);  // not a block after all: keep the marker as text
    return pos;
  }
  block = true;
  pos += kLengthField;
  std::size_t end = pos + std::min<std::size_t>(length, in.size() - pos);
  if (end - pos < length) damaged = true;
  std::uint32_t checksum = 0;
  std::size_t index = 0;
  while (pos < end) {
    auto b = static_cast<unsigned char>(in[pos]);
    char c = static_cast<char>(b);
    if (b == '@' && pos + 1 < end) {
      bool known = false;
      c = unescape(in[pos + 1], known);
      damaged |= !known;
      pos += 2;
      ++index;
    } else if (b < 0x80) {
      c = script_decoder_char(b, index);
      ++pos;
      ++index;
    } else {
      out.push_back(c);
      ++pos;
      continue;
    }
    checksum += static_cast<unsigned char>(c);
    out.push_back(c);
  }
  std::uint32_t stored = 0;
  if (in.size() - pos < kChecksumField + kClose.size() ||
      !field_value(in.substr(pos, kChecksumField), stored) ||
      in.substr(pos + kChecksumField, kClose.size()) != kClose) {
    damaged = true;
    return pos;
  }
  damaged |= stored != checksum;
  return pos + kChecksumField + kClose.size();
}

}  // namespace

char script_decoder_char(unsigned char b, std::size_t index) {
  const std::uint8_t pick = kPick[index % kPick.size()];
  if (b == '\t') return static_cast<char>(kTab[pick]);
  if (b < 0x20 || b >= 0x80) return static_cast<char>(b);
  std::uint8_t d = kTable[pick][b - 0x20];
  return static_cast<char>(d == 0 ? b : d);
}

ScriptEncoderDecoding decode_script_encoder(std::string_view in, std::size_t max_blocks) {
  ScriptEncoderDecoding r;
  r.text.reserve(in.size());
  std::size_t pos = 0;
  while (pos < in.size()) {
    std::size_t open = r.blocks < max_blocks ? in.find(kOpen, pos) : std::string_view::npos;
    if (open == std::string_view::npos) {
      r.text.append(in.substr(pos));
      break;
    }
    r.text.append(in.substr(pos, open - pos));
    bool block = false;
    pos = decode_block(in, open, r.text, r.damaged, block);
    if (block) ++r.blocks;
  }
  return r;
}

}  // namespace lg::script
