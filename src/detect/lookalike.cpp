#include "detect/lookalike.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>

#include "core/ascii.h"
#include "core/utf8.h"
#include "detect/edit_distance.h"
#include "detect/lexicon_text.h"

namespace lg {
namespace {

constexpr std::size_t kMaxShownDomainBytes = 253;  // RFC 1035 2.3.4
constexpr std::size_t kDeletionBatch = 32;         // deletion variants looked up together
// What measuring one label costs, in deletion variants looked up (LookalikeChecker::
// any_near_label); measured with bench/lookalike_bench.cpp.
constexpr std::size_t kDirectScanCost = 4;

std::size_t count_labels(std::string_view host) {
  return static_cast<std::size_t>(std::count(host.begin(), host.end(), '.')) + 1;
}

// The last `k` labels of `host` ("a.b.c", 2 -> "b.c").
std::string_view last_labels(std::string_view host, std::size_t k) {
  std::size_t pos = host.size();
  for (std::size_t i = 0; i < k; ++i) {
    std::size_t dot = pos == 0 ? std::string_view::npos : host.rfind('.', pos - 1);
    if (dot == std::string_view::npos) return host;
    pos = dot;
    if (i + 1 == k) return host.substr(dot + 1);
  }
  return host;
}

std::string_view first_label(std::string_view s) { return s.substr(0, s.find('.')); }

// splitmix64's finalizer over a polynomial hash, never 0 (the empty slot of the deletion
// table).
std::uint64_t finish_hash(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

std::size_t power_of_two_at_least(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

// Longest string whose deletion variants are hashed: a brand skeleton (kMaxEditLength) or a
// label two longer (LookalikeChecker::nearest_by_edits).
constexpr std::size_t kMaxDeletionSource = kMaxEditLength + 2;

// Calls f(hash) for `s` and every string one deletion (and, when k >= 2, two deletions)
// from it. Repeats (deleting either of two equal neighbours) are harmless. The hash is
// polynomial (sum of (byte + 1) * B^position, mod 2^64) so that each variant's hash comes
// from the prefix hashes in O(1), without building or rehashing the variant.
template <class F>
void for_each_deletion(std::string_view s, std::size_t k, F&& f) {
  constexpr std::uint64_t kBase = 0x100000001b3ull;  // odd
  const std::size_t n = s.size();
  if (n > kMaxDeletionSource) return;
  std::uint64_t pre[kMaxDeletionSource + 1], pow[kMaxDeletionSource + 1];
  pre[0] = 0;
  pow[0] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    pre[i + 1] = pre[i] * kBase + static_cast<unsigned char>(s[i]) + 1;
    pow[i + 1] = pow[i] * kBase;
  }
  // The hash of s[a, b).
  auto part = [&](std::size_t a, std::size_t b) { return pre[b] - pre[a] * pow[b - a]; };
  f(finish_hash(pre[n]));
  if (k == 0) return;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && s[i] == s[i - 1]) continue;  // same variant as deleting s[i-1]
    f(finish_hash(pre[i] * pow[n - 1 - i] + part(i + 1, n)));
    if (k < 2) continue;
    for (std::size_t j = i + 1; j < n; ++j)
      f(finish_hash((pre[i] * pow[j - i - 1] + part(i + 1, j)) * pow[n - 1 - j] + part(j + 1, n)));
  }
}

// The set of bytes in `s`, hashed to 64 bits (letters, digits and '-' each a bit of their
// own). One edit removes at most one member from the set and adds at most one, so strings
// within d edits differ by at most d members each way.
std::uint64_t letter_set(std::string_view s) {
  std::uint64_t set = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    unsigned bit = c >= 'a' && c <= 'z'   ? c - 'a'
                   : c >= '0' && c <= '9' ? 26 + (c - '0')
                   : c >= 'A' && c <= 'Z' ? 36 + (c - 'A')
                   : c == '-'             ? 62
                                          : 63;
    set |= std::uint64_t{1} << bit;
  }
  return set;
}

// Whether strings with the letter sets `a` and `b` may be within `edits` edits.
bool within_letters(std::uint64_t a, std::uint64_t b, std::size_t edits) {
  return static_cast<std::size_t>(std::popcount(a & ~b)) <= edits &&
         static_cast<std::size_t>(std::popcount(b & ~a)) <= edits;
}

bool is_label_separator(char c) { return c == '.' || c == '-' || c == '_'; }
bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string normalized_name(std::string_view utf8) {
  NormalizedText n;
  normalize_lexicon_text(utf8.substr(0, Confusables::kMaxInputBytes), TextKind::kHeader, n);
  return std::move(n.text);
}

}  // namespace

LookalikeChecker::LookalikeChecker(const std::vector<Brand>& brands) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> deletions;
  std::vector<std::pair<std::size_t, std::uint32_t>> edit_lengths;  // skeleton length, label
  for (const Brand& b : brands) {
    const auto bi = static_cast<std::uint32_t>(brands_.size());
    const std::size_t first_label_of_brand = labels_.size();
    brands_.push_back(BrandInfo{b.name, {}, b.generic});
    for (const std::string& d : b.domains) {
      auto host = hosts_.normalize(d);
      if (!host || host->kind != HostKind::kName) continue;
      std::string_view rd = registered_domain(host->ascii);
      if (rd.find('.') == std::string_view::npos) continue;
      if (owner_of(rd) == nullptr) {
        owned_index_.insert(FlatIndex::hash(rd), owned_domains_.size());
        owned_domains_.emplace_back(rd);
        owned_brand_.push_back(bi);
      }
      if (brands_[bi].domain.empty()) brands_[bi].domain = std::string(rd);
      std::string_view ulabel = first_label(last_labels(host->unicode, count_labels(rd)));
      if (ulabel.size() < kMinTokenLength) continue;  // "z" of coin.z.com: nothing to imitate
      bool known = false;
      for (std::size_t i = first_label_of_brand; i < labels_.size(); ++i)
        known |= labels_[i].label == ulabel;
      if (known) continue;
      const auto li = static_cast<std::uint32_t>(labels_.size());
      labels_.push_back(
          Label{std::string(ulabel), confusables_.skeleton(ulabel), std::string(rd), bi});
      Label& l = labels_.back();
      l.letters = letter_set(l.skeleton);
      if (l.skeleton.empty()) continue;
      if (auto* same = labels_with_skeleton(l.skeleton)) {
        skeleton_labels_[static_cast<std::size_t>(same - skeleton_labels_.data())].push_back(li);
      } else {
        skeleton_index_.insert(FlatIndex::hash(l.skeleton), skeleton_labels_.size());
        skeleton_labels_.push_back({li});
      }
      if (!b.generic && l.label.size() >= kMinEditLabel && l.skeleton.size() <= kMaxEditLength) {
        for_each_deletion(l.skeleton, l.label.size() >= kTwoEditLabel ? 2 : 1,
                          [&](std::uint64_t h) { deletions.emplace_back(h, li); });
        edit_lengths.emplace_back(l.skeleton.size(), li);
        longest_label_ = std::max(longest_label_, l.skeleton.size());
      }
    }
    for (const std::string& t : b.tokens) {
      std::string lower = ascii_lower(t);
      if (lower.size() < kMinTokenLength) continue;
      const auto ti = static_cast<std::uint32_t>(tokens_.size());
      tokens_.push_back(Token{lower, bi});
      token_texts_.push_back(lower);
      token_index_.add(lower, ti);
    }
    for (const std::string& n : b.names) {
      std::string skeleton = confusables_.skeleton(normalized_name(n));
      if (skeleton.size() < 3) continue;
      const auto ni = static_cast<std::uint32_t>(name_skeletons_.size());
      name_index_.add(skeleton, ni);
      name_skeletons_.push_back(std::move(skeleton));
      name_brand_.push_back(bi);
    }
  }
  token_index_.build();
  name_index_.build();
  std::stable_sort(edit_lengths.begin(), edit_lengths.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t length = 0, i = 0; length < edit_length_begin_.size(); ++length) {
    while (i < edit_lengths.size() && edit_lengths[i].first < length) ++i;
    edit_length_begin_[length] = static_cast<std::uint32_t>(i);
  }
  for (const auto& [length, li] : edit_lengths) {
    const Label& l = labels_[li];
    edit_labels_.push_back(EditLabel{l.letters, li, l.label.size() >= kTwoEditLabel ? 2u : 1u});
  }
  std::sort(deletions.begin(), deletions.end());
  deletions.erase(std::unique(deletions.begin(), deletions.end()), deletions.end());
  if (deletions.empty()) return;
  // Load factor at most 1/2; the filter has 16 bits per entry (about 1.5% false positives).
  // The table's slot comes from the hash's low bits, the filter's word from bits 32 and up,
  // its two bits from bits 20-31.
  deletion_table_.resize(power_of_two_at_least(deletions.size() * 2));
  deletion_bits_.resize(power_of_two_at_least(deletions.size() * 16) / 64);
  const std::size_t mask = deletion_table_.size() - 1;
  for (const auto& [h, li] : deletions) {
    std::size_t i = h & mask;
    while (deletion_table_[i].hash != 0) i = (i + 1) & mask;
    deletion_table_[i] = DeletionSlot{h, li};
    deletion_bits_[deletion_word(h)] |= deletion_bits(h);
  }
}

template <class F>
void LookalikeChecker::for_each_deletion_match(std::uint64_t h, F&& f) const {
  if (!may_hold(h)) return;
  const std::size_t mask = deletion_table_.size() - 1;
  for (std::size_t i = h & mask; deletion_table_[i].hash != 0; i = (i + 1) & mask)
    if (deletion_table_[i].hash == h) f(deletion_table_[i].label);
}

std::string LookalikeChecker::registered_of(std::string_view domain) const {
  auto host = hosts_.normalize(domain);
  if (!host || host->kind != HostKind::kName) return {};
  return std::string(registered_domain(host->ascii));
}

const std::uint32_t* LookalikeChecker::owner_of(std::string_view registered) const {
  std::size_t e =
      owned_index_.find(registered, FlatIndex::hash(registered),
                        [this](std::size_t i) -> std::string_view { return owned_domains_[i]; });
  return e == FlatIndex::npos ? nullptr : &owned_brand_[e];
}

const std::vector<std::uint32_t>* LookalikeChecker::labels_with_skeleton(
    std::string_view skeleton) const {
  std::size_t e = skeleton_index_.find(skeleton, FlatIndex::hash(skeleton),
                                       [this](std::size_t i) -> std::string_view {
                                         return labels_[skeleton_labels_[i][0]].skeleton;
                                       });
  return e == FlatIndex::npos ? nullptr : &skeleton_labels_[e];
}

bool LookalikeChecker::is_brand_domain(std::string_view ascii_host) const {
  return owner_of(registered_domain(ascii_host)) != nullptr;
}

bool LookalikeChecker::any_near_label(std::string_view skeleton, std::size_t variants) const {
  // The OSA distance is at least the length difference: only skeletons two shorter to two
  // longer can be within a label's limit.
  const std::size_t n = skeleton.size();
  const std::size_t begin = edit_length_begin_[n > 2 ? n - 2 : 0];
  const std::size_t end = edit_length_begin_[std::min(n + 2, kMaxEditLength) + 1];
  if ((end - begin) * kDirectScanCost > variants) return true;  // many: ask the index
  const std::uint64_t letters = letter_set(skeleton);
  for (std::size_t i = begin; i < end; ++i) {
    const EditLabel& e = edit_labels_[i];
    if (!within_letters(letters, e.letters, e.limit)) continue;
    std::size_t d = osa_distance(skeleton, labels_[e.label].skeleton, e.limit);
    if (d != 0 && d <= e.limit) return true;
  }
  return false;
}

const LookalikeChecker::Label* LookalikeChecker::nearest_by_edits(std::string_view skeleton) const {
  // Over kMaxEditLength, osa_distance finds every label far.
  if (deletion_table_.empty() || skeleton.size() > longest_label_ + 2 ||
      skeleton.size() > kMaxEditLength)
    return nullptr;
  // A label within two edits of a two-edit brand label (9+ characters) has 7 or more.
  const std::size_t n = skeleton.size();
  std::size_t k = n >= kTwoEditLabel - 2 ? 2 : 1;
  // When few labels have a length near the skeleton's, measuring each is cheaper than
  // probing the index with every deletion variant (1 + n, or 1 + n + n(n-1)/2 of them), and
  // nearly always finds none. The index still chooses among near labels, in its own order.
  if (!any_near_label(skeleton, k == 2 ? 1 + n + n * (n - 1) / 2 : 1 + n)) return nullptr;
  const Label* best = nullptr;
  std::size_t best_distance = 3;
  const std::uint64_t letters = letter_set(skeleton);
  auto visit = [&](std::uint32_t li) {
    const Label& l = labels_[li];
    std::size_t limit = l.label.size() >= kTwoEditLabel ? 2 : 1;
    if (!within_letters(letters, l.letters, limit)) return;
    std::size_t d = osa_distance(skeleton, l.skeleton, limit);
    if (d == 0 || d > limit || d >= best_distance) return;
    best = &l;
    best_distance = d;
  };
  // The variants go in batches: the bitmap words, then the table slots the bitmap lets
  // through, are prefetched for a whole batch, so their cache misses (the index is megabytes
  // for thousands of brands) overlap. Variants are still visited in order.
  std::uint64_t batch[kDeletionBatch];
  std::size_t queued = 0;
  const std::size_t mask = deletion_table_.size() - 1;
  auto flush = [&] {
    for (std::size_t i = 0; i < queued; ++i)
      __builtin_prefetch(&deletion_bits_[deletion_word(batch[i])]);
    for (std::size_t i = 0; i < queued; ++i)
      if (may_hold(batch[i])) __builtin_prefetch(&deletion_table_[batch[i] & mask]);
    for (std::size_t i = 0; i < queued; ++i) for_each_deletion_match(batch[i], visit);
    queued = 0;
  };
  for_each_deletion(skeleton, k, [&](std::uint64_t h) {
    batch[queued++] = h;
    if (queued == kDeletionBatch) flush();
  });
  flush();
  return best;
}

std::optional<BrandMatch> LookalikeChecker::lookalike(std::string_view label,
                                                      std::string_view suffix) const {
  thread_local std::string skeleton;  // its memory reused from host to host
  confusables_.skeleton(label, skeleton);
  if (skeleton.empty()) return std::nullopt;
  if (const auto* same = labels_with_skeleton(skeleton)) {
    for (std::uint32_t li : *same) {
      const Label& l = labels_[li];
      const BrandInfo& b = brands_[l.brand];
      if (l.label != label)
        return BrandMatch{Symbol::DOMAIN_LOOKALIKE, b.name, l.domain,
                          "confusable with " + l.domain + " (" + b.name + ")"};
      if (!b.generic)
        return BrandMatch{Symbol::DOMAIN_LOOKALIKE, b.name, l.domain,
                          "the name of " + l.domain + " (" + b.name + ") under ." +
                              std::string(suffix) + ", which " + b.name + " does not own"};
    }
  }
  if (const Label* l = nearest_by_edits(skeleton)) {
    const BrandInfo& b = brands_[l->brand];
    std::size_t d = osa_distance(skeleton, l->skeleton, 2);
    return BrandMatch{Symbol::DOMAIN_LOOKALIKE, b.name, l->domain,
                      std::to_string(d) + (d == 1 ? " edit" : " edits") + " from " + l->domain +
                          " (" + b.name + ")"};
  }
  return std::nullopt;
}

std::optional<BrandMatch> LookalikeChecker::embedded(std::string_view host,
                                                     std::string_view label) const {
  std::optional<BrandMatch> out;
  token_index_.for_each(host, token_texts_, [&](std::uint32_t ti, std::size_t begin) {
    const Token& t = tokens_[ti];
    std::size_t end = begin + t.text.size();
    bool left = begin == 0 || is_label_separator(host[begin - 1]);
    bool right = end == host.size() || is_label_separator(host[end]);
    if (!(left && right) && t.text.size() < kAnywhereTokenLength) return true;
    if (t.text == label) return true;  // the whole name: a matter for lookalike()
    const BrandInfo& b = brands_[t.brand];
    out = BrandMatch{
        Symbol::DOMAIN_BRAND_EMBEDDED, b.name, b.domain,
        "\"" + t.text + "\" (" + b.name + ", " + b.domain + ") inside another registered domain"};
    return false;
  });
  return out;
}

std::vector<BrandMatch> LookalikeChecker::check_host(const Host& host) const {
  if (host.kind != HostKind::kName || host.ascii.empty()) return {};
  // The same hosts recur in every message (links, senders, signatures): the results are kept
  // per thread for the checker that made them, the table emptied when it fills or when
  // another checker asks.
  constexpr std::size_t kMaxCachedHosts = 4096;
  struct Cache {
    std::uint64_t owner = 0;
    FlatCache<std::vector<BrandMatch>> results{kMaxCachedHosts};
    std::string key;
  };
  thread_local Cache cache;
  if (cache.owner != id_) {
    cache.results.clear();
    cache.owner = id_;
  }
  // The key is the ASCII form, followed by a NUL and the Unicode form when that differs (a
  // host name has no NUL of its own).
  std::string_view key = host.ascii;
  if (host.unicode != host.ascii) {
    cache.key.assign(host.ascii);
    cache.key.push_back('\0');
    cache.key.append(host.unicode);
    key = cache.key;
  }
  const std::uint32_t h = FlatIndex::hash(key);
  if (const auto* known = cache.results.find(key, h)) return *known;
  std::vector<BrandMatch> out = check_host_uncached(host);
  cache.results.put(key, h, out);
  return out;
}

std::vector<BrandMatch> LookalikeChecker::check_host_uncached(const Host& host) const {
  std::vector<BrandMatch> out;
  if (host.kind != HostKind::kName || host.ascii.empty()) return out;
  std::string_view rd = registered_domain(host.ascii);
  std::size_t dot = rd.find('.');
  if (dot == std::string_view::npos || owner_of(rd) != nullptr) return out;
  std::string_view urd = last_labels(host.unicode, count_labels(rd));
  std::string_view ulabel = first_label(urd);
  std::string_view suffix = rd.substr(dot + 1);

  if (auto m = lookalike(ulabel, suffix))
    out.push_back(std::move(*m));
  else if (auto e = embedded(host.ascii, rd.substr(0, dot)))
    out.push_back(std::move(*e));

  if (!is_ascii(host.unicode)) {
    std::size_t pos = 0;
    while (pos <= host.unicode.size()) {
      std::size_t end = std::min(host.unicode.find('.', pos), host.unicode.size());
      std::string_view label = std::string_view(host.unicode).substr(pos, end - pos);
      if (confusables_.mixed_script(label)) {
        BrandMatch m{
            Symbol::DOMAIN_MIXED_SCRIPT,
            {},
            {},
            "label \"" + std::string(label) + "\" mixes " + Confusables::script_names(label)};
        if (!out.empty() && out.front().symbol == Symbol::DOMAIN_LOOKALIKE) {
          m.brand = out.front().brand;
          m.brand_domain = out.front().brand_domain;
          m.detail += ", imitating " + m.brand_domain;
        }
        out.push_back(std::move(m));
        break;
      }
      pos = end + 1;
    }
  }
  return out;
}

std::vector<BrandMatch> LookalikeChecker::check_domain(std::string_view domain) const {
  auto host = hosts_.normalize(domain);
  if (!host) return {};
  return check_host(*host);
}

std::optional<BrandMatch> LookalikeChecker::check_display_name(
    std::string_view display_name, std::string_view address_domain) const {
  std::string skeleton = confusables_.skeleton(normalized_name(display_name));
  if (skeleton.empty()) return std::nullopt;
  std::string rd = registered_of(address_domain);
  const std::uint32_t* owner = owner_of(rd);
  // Not a host name: shown as given, within a host name's length, as valid UTF-8.
  const std::string shown_domain = repair_utf8(address_domain.substr(0, kMaxShownDomainBytes));
  std::optional<BrandMatch> out;
  name_index_.for_each(skeleton, name_skeletons_, [&](std::uint32_t ni, std::size_t begin) {
    const std::string& n = name_skeletons_[ni];
    std::size_t end = begin + n.size();
    if (is_ascii_alnum(n.front()) && begin > 0 && is_ascii_alnum(skeleton[begin - 1])) return true;
    if (is_ascii_alnum(n.back()) && end < skeleton.size() && is_ascii_alnum(skeleton[end]))
      return true;
    std::uint32_t bi = name_brand_[ni];
    if (owner != nullptr && *owner == bi) return true;  // the brand itself
    const BrandInfo& b = brands_[bi];
    out = BrandMatch{Symbol::DISPLAY_NAME_BRAND, b.name, b.domain,
                     "display name claims " + b.name + " (" + b.domain + "), address is at " +
                         (rd.empty() ? shown_domain : rd)};
    return false;
  });
  return out;
}

}  // namespace lg
