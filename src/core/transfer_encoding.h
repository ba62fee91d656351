#pragma once
/// Content-Transfer-Encoding decoders ([RFC 2045] 6.7, 6.8) and the old in-body encodings
/// (uuencode, BinHex 4.0). All are tolerant: junk is skipped, bad padding accepted, and what
/// could not be decoded is reported through `Decoding::damaged`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg {

struct Decoding {
  Bytes data;
  bool damaged = false;  // junk skipped, bad padding, truncated, bad checksum ...
};

/// [RFC 2045] 6.8 base64; characters outside the alphabet are skipped, missing or excess
/// padding tolerated. `max_out` bounds the output (then `damaged` is set).
Decoding decode_base64(std::string_view in, std::size_t max_out = SIZE_MAX);
/// [RFC 2045] 6.7 quoted-printable; soft line breaks removed, bad escapes kept literally.
Decoding decode_quoted_printable(std::string_view in, std::size_t max_out = SIZE_MAX);
/// [RFC 2047] 4.2 "Q" encoding (underscore is space).
Decoding decode_q_encoding(std::string_view in);
std::string encode_base64(ByteView in);

/// A file carried inside a body: a uuencode block ("begin 644 name" ... "end") or a BinHex 4.0
/// block ("(This file must be converted with BinHex").
struct EmbeddedFile {
  std::string name;
  Bytes data;
  std::size_t begin = 0;  // offsets of the block in the body text
  std::size_t end = 0;
  bool damaged = false;
  std::string encoding;  // "uuencode" or "binhex"
};

/// Finds every uuencode (also POSIX "begin-base64") and BinHex block in `body` (at most
/// `max_files`, in order of position). `max_bytes` bounds each file's data (a cut file is
/// `damaged`). For BinHex only the data fork is returned; header and data CRCs are checked.
std::vector<EmbeddedFile> find_embedded_files(std::string_view body, std::size_t max_files,
                                              std::size_t max_bytes);

}  // namespace lg
