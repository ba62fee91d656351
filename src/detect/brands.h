#pragma once
/// Protected brands: the exchanges, wallets, banks, venture capital firms and job portals that
/// lures imitate, and the organisation's own domains. The built-in list is the starting list
/// of the threat model (docs/threats.md, "Brands worth protecting"); the config adds to it or
/// replaces it ([brands] in engine/config.h).
#include <string>
#include <string_view>
#include <vector>

namespace lg {

struct Brand {
  std::string name;      // as evidence names it: "Coinbase"
  std::string category;  // exchange, wallet, bank, vc, jobs, own, or what the config says
  /// Domains the brand owns (ASCII or Unicode, any case); their registered domains are never
  /// reported, and their first labels are the names look-alikes are measured against.
  std::vector<std::string> domains;
  /// ASCII strings that, inside another registered domain, claim the brand ("coinbase" in
  /// coinbase-careers.com). Lower case; at least kMinTokenLength characters.
  std::vector<std::string> tokens;
  /// How a display name writes the brand, any script ("Coinbase", "コインベース", "업비트").
  std::vector<std::string> names;
  /// The brand's name is also a common word or a short generic name ("safe", "indeed",
  /// "crypto"): only confusable spellings of its domains count, not edit distance or the same
  /// name under another suffix.
  bool generic = false;
};

inline constexpr std::size_t kMinTokenLength = 3;

/// The built-in list.
std::vector<Brand> default_brands();

/// A brand for the organisation's own domains (ASCII; category "own"): the label before each
/// one's public suffix becomes a token and a display name when it has 5 characters or more.
Brand own_domains_brand(const std::vector<std::string>& domains);

}  // namespace lg
