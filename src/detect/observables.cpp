#include "detect/observables.h"

#include <utility>

namespace lg {
namespace {

// The key of entry i of `vec`, as FlatIndex reads it.
template <class T, class KeyOf>
auto keys_of(const std::vector<T>& vec, KeyOf key_of) {
  return [&vec, key_of](std::size_t i) -> std::string_view { return key_of(vec[i]); };
}

// Brings `index` up to date with `vec` (entries may have been pushed directly; a repeated key
// among them is indexed once, at its first entry).
template <class T, class KeyOf>
void catch_up(const std::vector<T>& vec, Observables::Index& index, KeyOf key_of) {
  if (index.indexed > vec.size()) {  // the vector was cleared or shrunk: start again
    index.table.clear();
    index.indexed = 0;
  }
  for (; index.indexed < vec.size(); ++index.indexed) {
    std::string_view key = key_of(vec[index.indexed]);
    std::uint32_t h = FlatIndex::hash(key);
    if (index.table.find(key, h, keys_of(vec, key_of)) == FlatIndex::npos)
      index.table.insert(h, index.indexed);
  }
}

template <class T, class KeyOf>
bool known(const std::vector<T>& vec, Observables::Index& index, std::string_view key,
           KeyOf key_of) {
  catch_up(vec, index, key_of);
  return index.table.find(key, FlatIndex::hash(key), keys_of(vec, key_of)) != FlatIndex::npos;
}

// Indexes the entry about to be pushed at the end of `vec` under `key`. Returns false when
// `key` is empty, already present, or the kind is full.
template <class T, class KeyOf>
bool admit(const std::vector<T>& vec, Observables::Index& index, std::string_view key,
           KeyOf key_of) {
  catch_up(vec, index, key_of);
  if (vec.size() >= Observables::kMaxPerKind || key.empty()) return false;
  std::uint32_t h = FlatIndex::hash(key);
  if (index.table.find(key, h, keys_of(vec, key_of)) != FlatIndex::npos) return false;
  index.table.insert(h, vec.size());
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
