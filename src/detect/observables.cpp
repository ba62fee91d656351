#include "detect/observables.h"

#include <utility>

namespace lg {
namespace {

// Brings `keys` up to date with `vec` (entries may have been pushed directly), then inserts
// `key`. Returns false when `key` is already present or the kind is full.
template <class T, class KeyOf>
bool admit(std::vector<T>& vec, Observables::Index& index, const std::string& key, KeyOf key_of) {
  if (index.indexed > vec.size()) {  // the vector was cleared or shrunk: start again
    index.keys.clear();
    index.indexed = 0;
  }
  for (; index.indexed < vec.size(); ++index.indexed) index.keys.insert(key_of(vec[index.indexed]));
  if (vec.size() >= Observables::kMaxPerKind || key.empty()) return false;
  return index.keys.insert(key).second;
}

}  // namespace

bool Observables::add_url(UrlObservable u) {
  if (!admit(urls, url_index_, u.url, [](const UrlObservable& x) { return x.url; })) return false;
  urls.push_back(std::move(u));
  ++url_index_.indexed;
  return true;
}

bool Observables::add_domain(DomainObservable d) {
  if (!admit(domains, domain_index_, d.domain, [](const DomainObservable& x) { return x.domain; }))
    return false;
  domains.push_back(std::move(d));
  ++domain_index_.indexed;
  return true;
}

bool Observables::add_email(std::string value, int object_id) {
  if (!admit(emails, email_index_, value, [](const ValueObservable& x) { return x.value; }))
    return false;
  emails.push_back(ValueObservable{std::move(value), object_id});
  ++email_index_.indexed;
  return true;
}

bool Observables::add_ip(std::string value, int object_id) {
  if (!admit(ips, ip_index_, value, [](const ValueObservable& x) { return x.value; })) return false;
  ips.push_back(ValueObservable{std::move(value), object_id});
  ++ip_index_.indexed;
  return true;
}

bool Observables::add_crypto_address(CryptoAddressObservable a) {
  if (!admit(crypto_addresses, crypto_index_, a.address,
             [](const CryptoAddressObservable& x) { return x.address; }))
    return false;
  crypto_addresses.push_back(std::move(a));
  ++crypto_index_.indexed;
  return true;
}

}  // namespace lg
