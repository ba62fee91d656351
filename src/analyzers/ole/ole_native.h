#pragma once
/// The "\x01Ole10Native" stream of an OLE 1.0 Package object ([MS-OLEDS] 2.3.6 native data,
/// with the Packager's own layout inside): the file a user dropped into a document.
#include <cstdint>
#include <optional>
#include <string>

#include "core/bytes.h"

namespace lg {

struct OleNativePackage {
  std::string label;       // display name (usually the file name)
  std::string file_path;   // original path on the author's machine
  std::string temp_path;   // where Packager extracts it
  ByteView payload;        // the file's bytes (a view into the stream)
  bool truncated = false;  // the declared size ran past the stream
};

/// Parses the stream: NativeDataSize (u32), then u16 type, label, path (NUL-terminated ANSI),
/// u32 (reserved, format), u32 temp path length, temp path, u32 payload size, payload.
/// nullopt when the layout does not fit (the stream is then a raw native blob).
std::optional<OleNativePackage> parse_ole10native(ByteView stream);

}  // namespace lg
