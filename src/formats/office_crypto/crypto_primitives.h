#pragma once
/// The operations the Office encryption schemes need ([MS-OFFCRYPTO] 2.3): hashes by name, RC4
/// and AES-ECB/CBC decryption without padding, all from Nettle: nothing to load at the first
/// use (OpenSSL 3's first EVP fetch loads its default provider, about a millisecond, and RC4
/// needed its legacy module and a second libcrypto).
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/bytes.h"

struct nettle_hash;

namespace lg {

/// The hash algorithms [MS-OFFCRYPTO] 2.3.4.10 names: "SHA1", "SHA256", "SHA384", "SHA512",
/// "MD5" (case-insensitive), as OpenSSL names them; nullptr for anything else.
const char* office_hash(std::string_view name);

/// One digest algorithm and its context, reused over many hashes (the 50,000 to millions of
/// rounds of password key derivation): no allocation and no look-up per round, so a round costs
/// the compression function and little else.
class Hasher {
 public:
  /// `name` from office_hash(); ok() is false for nullptr or an unknown name.
  explicit Hasher(const char* name);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  bool ok() const { return hash_ != nullptr; }
  std::size_t size() const;
  /// H(a || b); empty on failure.
  Bytes digest(ByteView a, ByteView b = {});
  /// Same, into `out` (resized to size()); false on failure.
  bool digest_into(ByteView a, ByteView b, Bytes& out);
  /// The password key derivation's rounds ([MS-OFFCRYPTO] 2.3.4.7, 2.3.4.11):
  /// h = H(le32(i) || h) for i = first, ..., first + rounds - 1. `h` must hold size() bytes.
  /// Each round is one update and one digest written in place (the digest resets the
  /// context), so that it costs the compression function and little else.
  bool iterate(Bytes& h, std::uint32_t first, std::uint32_t rounds);

 private:
  const nettle_hash* hash_;
  std::vector<std::uint64_t> ctx_;  // the algorithm's context (aligned for its words)
};

/// AES decryption without padding (ECB when `iv` is empty, else CBC). `key` must be 16, 24 or
/// 32 bytes; `data` a whole number of 16-byte blocks. nullopt on any failure.
std::optional<Bytes> aes_decrypt(ByteView key, ByteView iv, ByteView data);

/// RC4 (Nettle's ARCFOUR). Stateless: each apply() starts the keystream of its key.
class Rc4Cipher {
 public:
  /// XORs the keystream of `key` (from its start) into `data`; false for a key of 0 or more
  /// than 64 bytes.
  bool apply(ByteView key, std::span<std::uint8_t> data) const;
};

/// UTF-8 -> UTF-16LE bytes (the password encoding of every scheme); invalid sequences become
/// U+FFFD.
Bytes password_utf16le(std::string_view utf8);

}  // namespace lg
