#pragma once
/// Keccak-256 as Ethereum uses it: the original Keccak submission (pad10*1 with domain byte
/// 0x01), not FIPS 202 SHA3-256 (domain byte 0x06). OpenSSL 3.0 offers only SHA3 and the KMAC
/// variants through EVP ("KECCAK-256" arrived in 3.2), so this is a small Keccak-f[1600].
/// Used for EIP-55 checksums and Monero address checksums.
#include <array>
#include <cstdint>
#include <string_view>

namespace lg {

using Keccak256Digest = std::array<std::uint8_t, 32>;

/// Keccak-256 (rate 1088 bits, capacity 512) of `data`. Pure function, any length.
Keccak256Digest keccak256(std::string_view data);
/// FIPS 202 SHA3-256 from the same sponge (domain byte 0x06): lets tests check the
/// permutation against OpenSSL's SHA3-256 at every block boundary.
Keccak256Digest sha3_256(std::string_view data);

}  // namespace lg
