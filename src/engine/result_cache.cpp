#include "engine/result_cache.h"

namespace lg {

std::shared_ptr<const Report> ResultCache::find(std::string_view sha256) const {
  if (!enabled()) return nullptr;
  std::lock_guard lock(mu_);
  auto it = entries_.find(sha256);
  if (it == entries_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.report;
}

bool ResultCache::fits(const Report& report) {
  const Observables& o = report.observables;
  std::size_t observables =
      o.urls.size() + o.domains.size() + o.emails.size() + o.ips.size() + o.crypto_addresses.size();
  return report.objects.size() <= kMaxObjects && report.findings.size() <= kMaxFindings &&
         observables <= kMaxObservables;
}

void ResultCache::put(const std::string& sha256, Report report) {
  if (!enabled() || !fits(report)) return;
  auto kept = std::make_shared<const Report>(std::move(report));
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(sha256); it != entries_.end()) {
    it->second.report = std::move(kept);
    order_.splice(order_.begin(), order_, it->second.position);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(sha256);
  entries_.emplace(sha256, Entry{std::move(kept), order_.begin()});
}

std::size_t ResultCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace lg
