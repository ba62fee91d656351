#include "detect/observables.h"

#include <functional>
#include <utility>

namespace lg {
namespace {

std::uint32_t key_hash(std::string_view key) {
  const std::size_t h = std::hash<std::string_view>{}(key);
  return static_cast<std::uint32_t>(h ^ (static_cast<std::uint64_t>(h) >> 32));
}

// Whether `key` (hashing to `h`) is among the indexed entries of `vec`.
template <class T, class KeyOf>
bool indexed(const std::vector<T>& vec, const Observables::Index& index, std::string_view key,
             std::uint32_t h, KeyOf key_of) {
  if (index.slots.empty()) return false;
  const std::size_t mask = index.slots.size() - 1;
  // The table is at most half full: the probe ends at an empty slot.
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = index.slots[i];
    if (s == 0) return false;
    if (static_cast<std::uint32_t>(s >> 32) == h &&
        std::string_view(key_of(vec[static_cast<std::uint32_t>(s) - 1])) == key)
      return true;
  }
}

// Adds entry `entry` (its key hashing to `h`, not yet in the table), growing the table to stay
// at most half full.
void insert(Observables::Index& index, std::uint32_t h, std::size_t entry) {
  if ((index.used + 1) * 2 > index.slots.size()) {
    std::vector<std::uint64_t> old = std::exchange(
        index.slots, std::vector<std::uint64_t>(index.slots.empty() ? 16 : index.slots.size() * 2));
    const std::size_t mask = index.slots.size() - 1;
    for (std::uint64_t s : old) {
      if (s == 0) continue;
      std::size_t i = static_cast<std::uint32_t>(s >> 32) & mask;
      while (index.slots[i] != 0) i = (i + 1) & mask;
      index.slots[i] = s;
    }
  }
  const std::size_t mask = index.slots.size() - 1;
  std::size_t i = h & mask;
  while (index.slots[i] != 0) i = (i + 1) & mask;
  index.slots[i] = static_cast<std::uint64_t>(h) << 32 | static_cast<std::uint64_t>(entry + 1);
  ++index.used;
}

// Brings `index` up to date with `vec` (entries may have been pushed directly; a repeated key
// among them is indexed once, at its first entry).
template <class T, class KeyOf>
void catch_up(const std::vector<T>& vec, Observables::Index& index, KeyOf key_of) {
  if (index.indexed > vec.size()) {  // the vector was cleared or shrunk: start again
    index.slots.clear();
    index.used = 0;
    index.indexed = 0;
  }
  for (; index.indexed < vec.size(); ++index.indexed) {
    std::string_view key = key_of(vec[index.indexed]);
    std::uint32_t h = key_hash(key);
    if (!indexed(vec, index, key, h, key_of)) insert(index, h, index.indexed);
  }
}

template <class T, class KeyOf>
bool known(const std::vector<T>& vec, Observables::Index& index, std::string_view key,
           KeyOf key_of) {
  catch_up(vec, index, key_of);
  return indexed(vec, index, key, key_hash(key), key_of);
}

// Indexes the entry about to be pushed at the end of `vec` under `key`. Returns false when
// `key` is empty, already present, or the kind is full.
template <class T, class KeyOf>
bool admit(const std::vector<T>& vec, Observables::Index& index, std::string_view key,
           KeyOf key_of) {
  catch_up(vec, index, key_of);
  if (vec.size() >= Observables::kMaxPerKind || key.empty()) return false;
  std::uint32_t h = key_hash(key);
  if (indexed(vec, index, key, h, key_of)) return false;
  insert(index, h, vec.size());
  return true;
}

const std::string& url_key(const UrlObservable& x) { return x.url; }
const std::string& domain_key(const DomainObservable& x) { return x.domain; }
const std::string& value_key(const ValueObservable& x) { return x.value; }
const std::string& crypto_key(const CryptoAddressObservable& x) { return x.address; }

}  // namespace

bool Observables::add_url(UrlObservable u) {
  if (!admit(urls, url_index_, u.url, url_key)) return false;
  urls.push_back(std::move(u));
  ++url_index_.indexed;
  return true;
}

bool Observables::add_domain(DomainObservable d) {
  if (!admit(domains, domain_index_, d.domain, domain_key)) return false;
  domains.push_back(std::move(d));
  ++domain_index_.indexed;
  return true;
}

bool Observables::add_email(std::string value, int object_id) {
  if (!admit(emails, email_index_, value, value_key)) return false;
  emails.push_back(ValueObservable{std::move(value), object_id});
  ++email_index_.indexed;
  return true;
}

bool Observables::add_ip(std::string value, int object_id) {
  if (!admit(ips, ip_index_, value, value_key)) return false;
  ips.push_back(ValueObservable{std::move(value), object_id});
  ++ip_index_.indexed;
  return true;
}

bool Observables::add_crypto_address(CryptoAddressObservable a) {
  if (!admit(crypto_addresses, crypto_index_, a.address, crypto_key)) return false;
  crypto_addresses.push_back(std::move(a));
  ++crypto_index_.indexed;
  return true;
}

bool Observables::has_url(std::string_view url) const {
  return known(urls, url_index_, url, url_key);
}

bool Observables::has_domain(std::string_view domain) const {
  return known(domains, domain_index_, domain, domain_key);
}

bool Observables::has_email(std::string_view value) const {
  return known(emails, email_index_, value, value_key);
}

bool Observables::has_ip(std::string_view value) const {
  return known(ips, ip_index_, value, value_key);
}

}  // namespace lg
