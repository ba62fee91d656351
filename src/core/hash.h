#pragma once
/// Digests through OpenSSL's EVP interface, as lower-case hex.
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
/// Raw SHA-256, for checksums (BIP-39, Base58Check). The algorithms are fetched from OpenSSL's
/// provider once per process: OpenSSL 3 would otherwise look them up on every call.
std::array<std::uint8_t, 32> sha256(ByteView data);

}  // namespace lg
