#pragma once
/// Look-alike domains and brand claims: a domain (or a sender's display name) measured against
/// the protected brands (detect/brands.h). Built once per engine, immutable, shared by all
/// scanning threads; each check is independent of the number of brands except for the
/// candidates its indexes return.
///
/// A domain is checked on its registered domain (Public Suffix List) and its Unicode form:
///  - DOMAIN_LOOKALIKE: the label before the suffix has the UTS #39 skeleton of a brand's label
///    (homoglyphs, "rn" for "m", "0" for "O"), is within a small Damerau-Levenshtein (OSA)
///    distance of it (1 for names of 5-8 characters, 2 from 9), or is the brand's name under
///    a suffix the brand does not own;
///  - DOMAIN_BRAND_EMBEDDED: a brand token inside another registered domain, at label or
///    hyphen boundaries (tokens of 7 or more characters anywhere);
///  - DOMAIN_MIXED_SCRIPT: a label failing UTS #39's highly restrictive level.
/// The brands' own registered domains are never reported.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/symbol.h"
#include "detect/brands.h"
#include "detect/confusables.h"
#include "detect/edit_distance.h"
#include "detect/flat_index.h"
#include "detect/host.h"
#include "detect/prefix_index.h"

namespace lg {

struct BrandMatch {
  Symbol symbol = Symbol::DOMAIN_LOOKALIKE;
  std::string brand;         // the brand's name ("Coinbase"); "" for a mixed-script label alone
  std::string brand_domain;  // the brand domain imitated ("coinbase.com"); "" when none
  std::string detail;        // for evidence: "confusable with coinbase.com (Coinbase)"
};

class LookalikeChecker {
 public:
  /// Brand tokens of this length or more count anywhere inside a label.
  static constexpr std::size_t kAnywhereTokenLength = 7;
  /// Shortest brand label measured by edit distance (shorter ones only by skeleton).
  static constexpr std::size_t kMinEditLabel = 5;
  /// Brand labels of this length or more allow two edits; shorter ones one.
  static constexpr std::size_t kTwoEditLabel = 9;

  explicit LookalikeChecker(const std::vector<Brand>& brands);

  /// The findings for one normalized host (HostNormalizer output), strongest first: at most
  /// one DOMAIN_LOOKALIKE or DOMAIN_BRAND_EMBEDDED, and one DOMAIN_MIXED_SCRIPT. IPs give none.
  [[nodiscard]] std::vector<BrandMatch> check_host(const Host& host) const;
  /// The same for a domain as written (normalized first; nothing when it is not a host name).
  [[nodiscard]] std::vector<BrandMatch> check_domain(std::string_view domain) const;

  /// DISPLAY_NAME_BRAND when `display_name` (a sender's, decoded UTF-8) names a brand
  /// (case, width and confusable characters ignored) while `address_domain` (the address's
  /// domain, any form) is not one of that brand's registered domains.
  [[nodiscard]] std::optional<BrandMatch> check_display_name(std::string_view display_name,
                                                             std::string_view address_domain) const;

  /// True when `ascii_host`'s registered domain belongs to a protected brand.
  [[nodiscard]] bool is_brand_domain(std::string_view ascii_host) const;

  [[nodiscard]] std::size_t brand_count() const { return brands_.size(); }

 private:
  struct BrandInfo {
    std::string name;
    std::string domain;  // first registered domain, for evidence
    bool generic = false;
  };
  struct Label {  // one brand registered domain's first label
    std::string label, skeleton, domain;
    std::uint32_t brand = 0;
    std::uint64_t letters = 0;  // letter_set() of the skeleton
  };
  struct Token {
    std::string text;
    std::uint32_t brand = 0;
  };

  std::vector<BrandMatch> check_host_uncached(const Host& host) const;
  std::optional<BrandMatch> lookalike(std::string_view label, std::string_view suffix) const;
  std::optional<BrandMatch> embedded(std::string_view ascii_host, std::string_view label) const;
  void add_deletions(std::string_view s, std::size_t k, std::uint32_t id);
  const Label* nearest_by_edits(std::string_view skeleton) const;
  std::string registered_of(std::string_view domain) const;

  std::uint64_t id_ = 0;  // unique per checker made: the owner of a thread's cached results
  HostNormalizer hosts_;
  Confusables confusables_;
  std::vector<BrandInfo> brands_;
  // Registered domains the brands own, and whose they are.
  std::vector<std::string> owned_domains_;
  std::vector<std::uint32_t> owned_brand_;
  FlatIndex owned_index_;
  [[nodiscard]] const std::uint32_t* owner_of(std::string_view registered) const;
  std::vector<Label> labels_;
  // The labels_ of each distinct skeleton, in the order added.
  std::vector<std::vector<std::uint32_t>> skeleton_labels_;
  FlatIndex skeleton_index_;
  [[nodiscard]] const std::vector<std::uint32_t>* labels_with_skeleton(
      std::string_view skeleton) const;
  // Symmetric-deletion index (Garbe's SymSpell): the hash of every string one or two
  // deletions from a label's skeleton -> label; two strings within k edits share a string k
  // deletions or fewer from each. An open-addressed table (hash 0 marks an empty slot) behind
  // a Bloom filter (two bits in one word, 16 bits per entry) that turns nearly every probe of
  // an absent hash away with one load.
  struct DeletionSlot {
    std::uint64_t hash = 0;
    std::uint32_t label = 0;
  };
  std::vector<DeletionSlot> deletion_table_;
  std::vector<std::uint64_t> deletion_bits_;
  [[nodiscard]] std::size_t deletion_word(std::uint64_t hash) const {
    return (hash >> 32) & (deletion_bits_.size() - 1);
  }
  [[nodiscard]] static std::uint64_t deletion_bits(std::uint64_t hash) {
    return std::uint64_t{1} << (hash >> 20 & 63) | std::uint64_t{1} << (hash >> 26 & 63);
  }
  [[nodiscard]] bool may_hold(std::uint64_t hash) const {
    const std::uint64_t bits = deletion_bits(hash);
    return (deletion_bits_[deletion_word(hash)] & bits) == bits;
  }
  template <class F>
  void for_each_deletion_match(std::uint64_t hash, F&& f) const;
  std::size_t longest_label_ = 0;
  // The labels in the deletion index by skeleton length: those of length L are
  // edit_labels_[edit_length_begin_[L], edit_length_begin_[L + 1]).
  struct EditLabel {
    std::uint64_t letters = 0;  // letter_set() of the skeleton
    std::uint32_t label = 0;    // labels_
    std::uint32_t limit = 0;    // edits allowed
  };
  std::vector<EditLabel> edit_labels_;
  std::array<std::uint32_t, kMaxEditLength + 2> edit_length_begin_{};
  [[nodiscard]] bool any_near_label(std::string_view skeleton, std::size_t variants) const;
  std::vector<Token> tokens_;
  std::vector<std::string> token_texts_;
  PrefixIndex token_index_;
  std::vector<std::string> name_skeletons_;  // display names, normalized and skeletonized
  std::vector<std::uint32_t> name_brand_;
  PrefixIndex name_index_;
};

}  // namespace lg
