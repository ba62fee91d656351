#pragma once
/// Digests (Nettle), as lower-case hex.
#include <array>
#include <cstdint>
#include <string>

#include "core/bytes.h"
#include "core/file_type.h"

namespace lg {

struct Digests {
  std::string md5;
  std::string sha1;
  std::string sha256;
};

/// MD5 and SHA-1 in one pass over `data` (`sha256` left empty).
Digests md5_sha1(ByteView data);
/// The report's digest policy: every object gets SHA-256 (dedupe, identity); MD5 and SHA-1,
/// the digests analysts paste into other tools, only objects that are files in their own
/// right: the input, attachments, archive and image entries, embedded files and packages,
/// decrypted, expanded and decoded payloads. Parts of the carrier's own structure (a TNEF
/// message body, a raw RTF objdata blob, an OLE stream, a disk image's volume) go without,
/// unless their content is a program or a script: that is a file wherever it sits. A mail
/// message goes without too: it is known by its Message-ID, no two copies of one message
/// share their bytes, and its attachments carry all three digests.
bool wants_md5_sha1(std::string_view relation, FileType type);
std::string sha256_hex(ByteView data);
/// Raw SHA-256, for checksums (BIP-39, Base58Check).
std::array<std::uint8_t, 32> sha256(ByteView data);

}  // namespace lg
