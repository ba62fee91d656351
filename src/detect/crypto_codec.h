#pragma once
/// The checksummed encodings cryptocurrency addresses and keys are written in. Pure functions
/// over short strings (callers bound the length); malformed input gives nullopt, never throws.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lg::crypto_codec {

using ByteVec = std::vector<std::uint8_t>;

/// Bitcoin's Base58 alphabet and Ripple's (XRP) permutation of it.
inline constexpr std::string_view kBitcoinAlphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
inline constexpr std::string_view kRippleAlphabet =
    "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
/// Longest Base58 text decoded (an xprv is 111 characters); longer gives nullopt.
inline constexpr std::size_t kMaxBase58Chars = 128;

/// Base58 to bytes (leading '1'-equivalents become zero bytes).
std::optional<ByteVec> base58_decode(std::string_view text, std::string_view alphabet);
/// Base58Check: decodes, verifies the 4-byte double-SHA-256 checksum and returns the payload
/// (version bytes included, checksum removed).
std::optional<ByteVec> base58check_decode(std::string_view text,
                                          std::string_view alphabet = kBitcoinAlphabet);
/// Base58Check encoding of `payload` (tests and display).
std::string base58check_encode(const ByteVec& payload,
                               std::string_view alphabet = kBitcoinAlphabet);

enum class Bech32Variant { kBech32, kBech32m };  // BIP-173, BIP-350 constants

struct Bech32Decoded {
  std::string hrp;  // lower case
  ByteVec data;     // 5-bit groups, checksum removed
  Bech32Variant variant = Bech32Variant::kBech32;
};
/// BIP-173 / BIP-350 decoding: 8..90 characters, one case, printable HRP of 1..83, '1'
/// separator, data in the bech32 charset, valid checksum of either variant.
std::optional<Bech32Decoded> bech32_decode(std::string_view text);

struct SegwitAddress {
  int version = 0;
  ByteVec program;
};
/// A segwit address for `hrp` (BIP-173 "Segwit address format", BIP-350 rules): version 0
/// needs Bech32 and a 20- or 32-byte program, versions 1..16 need Bech32m and 2..40 bytes.
std::optional<SegwitAddress> segwit_decode(std::string_view expected_hrp, std::string_view text);

/// Bitcoin Cash cashaddr (spec "cashaddr.md", polymod over prefix and payload): `text` with or
/// without the "bitcoincash:" prefix, one case. Returns the version byte and hash.
struct CashAddr {
  std::uint8_t version = 0;  // type in bits 3-6 (0 P2PKH, 1 P2SH), size in bits 0-2
  ByteVec hash;
};
std::optional<CashAddr> cashaddr_decode(std::string_view text);

/// Monero's block Base58 (8-byte blocks as 11 characters, last block shorter) with the
/// 4-byte Keccak-256 checksum; returns the payload without the checksum.
std::optional<ByteVec> monero_base58check_decode(std::string_view text);

/// Regroups bits (BIP-173 reference convertbits); nullopt on invalid padding when !pad.
std::optional<ByteVec> convert_bits(const ByteVec& in, int from, int to, bool pad);

}  // namespace lg::crypto_codec
