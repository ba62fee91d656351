#pragma once
/// Digests (Nettle), as lower-case hex.
#include <array>
#include <cstdint>
#include <string>

#include "core/bytes.h"

namespace lg {

struct Digests {
  std::string md5;
  std::string sha1;
  std::string sha256;
};

/// All three digests in one pass over `data`.
Digests digest_all(ByteView data);
std::string sha256_hex(ByteView data);
/// Raw SHA-256, for checksums (BIP-39, Base58Check).
std::array<std::uint8_t, 32> sha256(ByteView data);

}  // namespace lg
