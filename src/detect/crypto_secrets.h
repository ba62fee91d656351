#pragma once
/// Private keys written in text: WIF (Base58Check, version 0x80/0xef, optional compression
/// flag), BIP-32 extended private keys (xprv, yprv, zprv, tprv, uprv, vprv: 78 bytes,
/// Base58Check), 64-hex-digit keys written near a key word, and Ethereum keystore JSON
/// (Web3 Secret Storage: "crypto" with "ciphertext", "kdf" and "mac"). Checksummed forms must
/// pass their checksum. Evidence is masked: a secret never reaches a report whole.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "detect/text_chars.h"

namespace lg {

struct SecretMatch {
  std::string masked;  // mask_secret() of what was written
  std::string kind;    // "WIF private key", "BIP-32 extended private key (xprv)", ...
  std::size_t begin = 0, end = 0;
};

/// Appends the keys in `text` to `out` in text order, at most `max_items` (one keystore per
/// text). One linear pass over letter-digit runs; a key word is looked for only in the 64
/// bytes before a 64-hex run.
void find_private_keys(std::string_view text, std::vector<SecretMatch>& out,
                       std::size_t max_items = 16);
/// The same over runs found with text_chars::long_alnum_runs (of at least 51 characters: a
/// WIF key; shorter runs in `runs` are skipped).
void find_private_keys(std::string_view text, const std::vector<text_chars::Run>& runs,
                       std::vector<SecretMatch>& out, std::size_t max_items = 16);

/// "xprv…MPHi (111 chars)": the first four and last four characters and the length; a value
/// of 16 characters or fewer shows only its length.
std::string mask_secret(std::string_view secret);

}  // namespace lg
