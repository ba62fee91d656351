#pragma once
/// Digests through OpenSSL's EVP interface, as lower-case hex.
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

}  // namespace lg
