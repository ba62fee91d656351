#pragma once
/// Finds cryptocurrency addresses in text and keeps only those whose checksum holds: Bitcoin
/// and its forks (Base58Check, BIP-173/350 segwit, cashaddr), Ethereum and EVM chains (EIP-55
/// when mixed case), TRON, XRP, Litecoin, Dogecoin, Dash, Zcash transparent, Bitcoin Gold,
/// Monero. One linear pass; only tokens of a plausible alphabet and length are decoded.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/text_chars.h"

namespace lg {

struct CryptoAddress {
  /// Normalized: EVM addresses and bech32/cashaddr lower case (cashaddr with its
  /// "bitcoincash:" prefix), Base58 forms as written (they are case-sensitive).
  std::string address;
  /// Short chain name: btc, ltc, doge, dash, zec, btg, bch, trx, xrp, eth, xmr, tbtc.
  /// Base58 version 0x00/0x05 is shared by Bitcoin, Bitcoin Cash legacy and BSV: "btc".
  /// Dogecoin's 0x1e is also Verge's: "doge".
  std::string chain;
  /// False for an all-lower or all-upper EVM address (EIP-55 carries no checksum then).
  bool checksummed = true;
  std::size_t begin = 0, end = 0;  // where it was written in the text
};

/// Validates one candidate (no surrounding text); nullopt when no known form's checksum
/// holds. `text` may carry a "bitcoincash:" prefix.
std::optional<CryptoAddress> validate_crypto_address(std::string_view text);

/// Appends the addresses written in `text` to `out`, in text order, at most `max_items`.
/// An address is a maximal run of ASCII letters and digits (so one inside a URL path counts),
/// optionally after "bitcoincash:".
void find_crypto_addresses(std::string_view text, std::vector<CryptoAddress>& out,
                           std::size_t max_items = 1000);
/// The same over runs already found with text_chars::long_alnum_runs(text,
/// kMinAddressRun, runs).
void find_crypto_addresses(std::string_view text, const std::vector<text_chars::Run>& runs,
                           std::vector<CryptoAddress>& out, std::size_t max_items = 1000);
/// The shortest run an address (or its "bitcoincash" prefix) can be.
inline constexpr std::size_t kMinAddressRun = 11;

/// EIP-55: true when a 40-hex-digit address (no 0x) has the case its Keccak-256 gives.
bool eip55_valid(std::string_view hex40);
/// The EIP-55 form of a 40-hex-digit address (no 0x), for display and tests.
std::string eip55_encode(std::string_view hex40);

}  // namespace lg
