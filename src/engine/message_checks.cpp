#include "engine/message_checks.h"

#include <algorithm>

#include "core/ascii.h"
#include "detect/dkim.h"
#include "detect/mail_domain.h"

namespace lg {
namespace {

constexpr std::size_t kMaxContactsPerMessage = 64;  // recipients looked up in the history

SenderPolicy sender_policy(const Config& config) {
  const Config::Sender& s = config.sender;
  SenderPolicy p;
  p.executives = s.executives;
  p.internal_domains = config.own_domains;
  p.freemail_domains =
      s.freemail_domains ? *s.freemail_domains : SenderPolicy::default_freemail_domains();
  return p;
}

}  // namespace

MessageChecks::MessageChecks(const Config& config, std::unique_ptr<const DkimKeyResolver> keys)
    : auth_{config.auth.trusted_authserv_ids},
      keys_(std::move(keys)),
      sender_(sender_policy(config)) {
  for (const auto& d : config.own_domains) {
    std::string org = organizational_domain(sender_.hosts(), d);
    if (!org.empty()) own_orgs_.insert(std::move(org));
  }
}

bool MessageChecks::sender_external(const MessageInfo& info) const {
  if (own_orgs_.empty()) return false;
  const std::string org = from_org(info);
  return !org.empty() && own_orgs_.count(org) == 0;
}

Result<std::unique_ptr<const DkimKeyResolver>> MessageChecks::make_key_resolver(
    const Config::Dkim& dkim) {
  if (dkim.resolver == "dns") {
    std::optional<Nameserver> server;
    if (!dkim.nameserver.empty()) {
      auto ns = parse_nameserver(dkim.nameserver);
      if (!ns) return ns.status();
      server = *ns;
    }
    return std::unique_ptr<const DkimKeyResolver>(new DnsKeyResolver(server));
  }
  if (dkim.resolver == "file") {
    auto keys = MapKeyResolver::load_file(dkim.keys);
    if (!keys) return keys.status();
    return std::unique_ptr<const DkimKeyResolver>(new MapKeyResolver(std::move(*keys)));
  }
  return std::unique_ptr<const DkimKeyResolver>();
}

std::string MessageChecks::from_org(const MessageInfo& info) const {
  return organizational_domain(sender_.hosts(), info.from.address);
}

void MessageChecks::check(const MessageInfo& info, Context& ctx) const {
  const std::string org = from_org(info);
  check_authentication_results(info, auth_, org, sender_.hosts(), ctx);
  check_dkim(info, keys_.get(), org, ctx);
  sender_.check(info, org, ctx);
}

std::vector<MessageChecks::Contact> MessageChecks::first_contact(
    const MessageInfo& info, bool carries_payload, const std::vector<ServiceLink>& service_links,
    const ContactHistory& history, Context& ctx) const {
  std::vector<Contact> contacts;
  const std::string org = from_org(info);
  if (org.empty()) return contacts;
  std::vector<std::string> first;
  for (const auto& r : info.recipients) {
    if (contacts.size() >= kMaxContactsPerMessage) break;
    if (r.address.find('@') == std::string::npos) continue;
    std::string who = ascii_lower(r.address);
    bool repeated = false;
    for (const auto& c : contacts) repeated |= c.recipient == who;
    if (repeated) continue;
    auto seen = history.count(org, who);
    if (!seen) {
      ctx.anomaly("history: " + seen.status().message());
      return {};
    }
    if (*seen == 0) first.push_back(who);
    contacts.push_back({org, std::move(who)});
  }
  if (!first.empty()) {
    std::string recipients;
    for (const auto& f : first) recipients += (recipients.empty() ? "" : ", ") + f;
    ctx.fact("first_contact", first);
    if (carries_payload)
      ctx.finding(
          Symbol::FIRST_CONTACT_WITH_PAYLOAD,
          {org + " -> " + recipients, "first mail from " + org + ", with an attachment or a link"});
    else
      ctx.finding(Symbol::FIRST_CONTACT, {org + " -> " + recipients, "first mail from " + org});
    // Threat model, Links: a repository to clone or a file to fetch, from someone new.
    const std::size_t n = std::min(service_links.size(), kMaxServiceLinkFindings);
    for (std::size_t i = 0; i < n; ++i) {
      const ServiceLink& l = service_links[i];
      const char* what = l.service == HostService::kCodeHost ? "a code host or package registry"
                                                             : "a file-sharing or paste site";
      ctx.finding(Symbol::FIRST_CONTACT_CODE_OR_FILE_LINK,
                  {l.url, "first mail from " + org + " links to " + what + " (" + l.host + ")"});
    }
  }
  return contacts;
}

}  // namespace lg
