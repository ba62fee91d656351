#pragma once
/// The cryptocurrency detectors TextScanner runs over every text: validated addresses (an
/// observable each, screened against the sanctions lists: a hit is CRYPTO_SANCTIONED_ADDRESS),
/// BIP-39 phrases (SECRET_MNEMONIC) and private keys (SECRET_PRIVATE_KEY), with masked
/// evidence. Immutable after construction; shared by all scanning threads.
#include <string_view>

#include "core/analyzer.h"
#include "detect/bip39.h"
#include "intel/sanctions.h"

namespace lg {

class DetectorSink;
class TreasuryChecker;

class CryptoScanner {
 public:
  /// Per text: addresses, phrases and keys looked at (a crafted text cannot flood a report).
  static constexpr std::size_t kMaxAddressesPerText = 1000;
  static constexpr std::size_t kMaxSecretsPerText = 16;

  /// Keeps pointers: `sanctions` (may be null: nothing is screened) and `treasury` (may be
  /// null: no treasury addresses) must outlive the scanner.
  explicit CryptoScanner(const SanctionsList* sanctions, const TreasuryChecker* treasury = nullptr)
      : sanctions_(sanctions), treasury_(treasury) {}

  void scan(TextKind kind, std::string_view utf8, DetectorSink& sink) const;

 private:
  const SanctionsList* sanctions_;
  const TreasuryChecker* treasury_;
  Bip39Detector bip39_;
};

}  // namespace lg
