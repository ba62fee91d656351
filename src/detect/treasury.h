#pragma once
/// The organisation's own treasury addresses (config [treasury] addresses) and the swap lure
/// aimed at them: a message that presents another address of the same chain as a "new deposit
/// address" or an "updated wallet" (English, Japanese, Korean). Immutable after construction.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "detect/crypto_address.h"

namespace lg {

class DetectorSink;

class TreasuryChecker {
 public:
  /// Bytes on each side of an address searched for change wording.
  static constexpr std::size_t kWindowBytes = 400;
  /// Findings per text at most.
  static constexpr std::size_t kMaxFindingsPerText = 4;

  /// `addresses` as written in the config; each must validate (validate_crypto_address).
  /// Those that do not are returned by invalid() and ignored.
  explicit TreasuryChecker(const std::vector<std::string>& addresses = {});

  [[nodiscard]] bool empty() const { return allowed_.empty(); }
  [[nodiscard]] const std::vector<std::string>& invalid() const { return invalid_; }

  /// For each address in `found` (from find_crypto_addresses over `text`) of a chain the
  /// treasury uses but not on its list, with change wording within kWindowBytes:
  /// CRYPTO_TREASURY_SWAP.
  void check(std::string_view text, const std::vector<CryptoAddress>& found,
             DetectorSink& sink) const;

  /// The change phrase found in `window` ("new deposit address", "入金アドレスの変更",
  /// "입금 주소 변경" ...), or "" when none. Case and spacing do not matter.
  [[nodiscard]] static std::string change_wording(std::string_view window);

 private:
  std::unordered_set<std::string> allowed_;  // normalized addresses
  std::unordered_set<std::string> chains_;   // their chains (eth covers every EVM chain)
  std::vector<std::string> invalid_;
};

}  // namespace lg
