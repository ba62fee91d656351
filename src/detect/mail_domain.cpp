#include "detect/mail_domain.h"

namespace lg {

std::optional<std::string> mail_domain(const HostNormalizer& hosts, std::string_view address) {
  const std::size_t at = address.rfind('@');
  std::string_view domain = at == std::string_view::npos ? address : address.substr(at + 1);
  while (!domain.empty() && (domain.back() == '>' || domain.back() == ' ')) domain.remove_suffix(1);
  if (domain.empty() || domain.front() == '[') return std::nullopt;
  auto host = hosts.normalize(domain);
  if (!host || host->kind != HostKind::kName) return std::nullopt;
  // A single label ("localhost") is no organization.
  if (host->ascii.find('.') == std::string::npos) return std::nullopt;
  return std::move(host->ascii);
}

std::string organizational_domain(const HostNormalizer& hosts, std::string_view address) {
  auto domain = mail_domain(hosts, address);
  if (!domain) return {};
  return std::string(registered_domain(*domain));
}

}  // namespace lg
