#pragma once
/// Microsoft Script Encoder (screnc.exe, "JScript.Encode"/"VBScript.Encode"): the encoding of
/// .jse and .vbe files and of encoded <script> blocks in WSF, HTA and HTML. Format as published
/// in "Windows Script Encoder (screnc) format" (the reverse-engineered description: block
/// "#@~^" LLLLLL "==" data CCCCCC "==^#~@", three substitution tables picked by a 64-entry
/// sequence, "@" escapes for CR, LF, <, > and @).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lg::script {

struct ScriptEncoderDecoding {
  std::string text;        // the input with each encoded block replaced by its script
  std::size_t blocks = 0;  // encoded blocks decoded
  bool damaged = false;    // cut block, bad length field, unknown escape or checksum mismatch
};

/// Decodes every "#@~^" block of `in` (at most `max_blocks`; later ones stay as they are),
/// leaving the text around them untouched. The output is at most in.size() bytes (decoding
/// never grows the data). Bytes >= 0x80 pass through unchanged, as in the format.
ScriptEncoderDecoding decode_script_encoder(std::string_view in, std::size_t max_blocks);

/// The decoded character for the encoded ASCII byte `b` at position `index` of a block's
/// character sequence (escapes and bytes >= 0x80 excluded), or `b` itself for bytes the
/// encoder leaves alone (C0 controls other than TAB, '<', '>', '@'). Exposed for the tests'
/// encoder.
char script_decoder_char(unsigned char b, std::size_t index);

}  // namespace lg::script
