#include "detect/auth_check.h"

#include "core/ascii.h"
#include "detect/auth_results.h"
#include "detect/mail_domain.h"

namespace lg {
namespace {

bool trusted(const AuthPolicy& policy, std::string_view id) {
  for (const auto& t : policy.trusted_authserv_ids)
    if (iequals(t, id)) return true;
  return false;
}

// What the trusted fields said, per method: the findings are made from these at the end, so
// that AUTH_NONE can see whether anything passed.
struct Tally {
  std::vector<std::string> none_methods;  // methods that said none
  bool any_pass = false;
  void none(std::string_view method) {
    for (const auto& m : none_methods)
      if (m == method) return;
    none_methods.emplace_back(method);
  }
};

void judge(std::string_view method, const AuthMethodResult& r, std::string_view where,
           std::string_view from_org, const HostNormalizer& hosts, Tally& tally, Context& ctx) {
  const std::string& result = r.result;
  std::string evidence = std::string(method) + "=" + result;
  if (!r.reason.empty()) evidence += " (" + r.reason + ")";
  const std::string detail = "from " + std::string(where);
  if (method == "spf" || method == "dkim" || method == "dmarc") {
    if (result == "pass") tally.any_pass = true;
    if (result == "none") tally.none(method);
  }
  if (method == "spf") {
    if (auto mf = r.property("smtp", "mailfrom"); !mf.empty())
      evidence += " smtp.mailfrom=" + std::string(mf);
    if (result == "fail") ctx.finding(Symbol::AUTH_SPF_FAIL, {evidence, detail});
    if (result == "softfail") ctx.finding(Symbol::AUTH_SPF_SOFTFAIL, {evidence, detail});
  } else if (method == "dkim") {
    if (auto d = r.property("header", "d"); !d.empty()) evidence += " header.d=" + std::string(d);
    if (result == "fail") ctx.finding(Symbol::AUTH_DKIM_FAIL, {evidence, detail});
  } else if (method == "dmarc") {
    const std::string_view header_from = r.property("header", "from");
    if (!header_from.empty()) evidence += " header.from=" + std::string(header_from);
    // [RFC 7489] 6.3 p=: the policy is the sender's wish for receivers, not a verdict on the
    // message; a failing message of a p=none domain is as unauthenticated as any other.
    if (result == "fail") ctx.finding(Symbol::AUTH_DMARC_FAIL, {evidence, detail});
    if (result == "pass" && !from_org.empty() &&
        (header_from.empty() || organizational_domain(hosts, header_from) == from_org))
      ctx.finding(Symbol::AUTH_PASS_ALIGNED, {evidence, detail});
  }
}

}  // namespace

void check_authentication_results(const MessageInfo& info, const AuthPolicy& policy,
                                  std::string_view from_org, const HostNormalizer& hosts,
                                  Context& ctx) {
  if (info.authentication_results.empty() && info.received_spf.empty()) return;
  Tally tally;
  std::vector<std::string> lines;
  std::size_t ignored = 0;
  for (const auto& value : info.authentication_results) {
    auto ar = parse_authentication_results(value);
    if (!ar) {
      ctx.anomaly("auth: unreadable Authentication-Results: " + ar.status().message());
      ++ignored;
      continue;
    }
    if (!trusted(policy, ar->authserv_id)) {
      ++ignored;
      continue;
    }
    std::string line = ar->authserv_id + ":";
    if (ar->no_result) {
      line += " none";
      tally.none("all");
    }
    for (const auto& r : ar->results) {
      line += " " + r.method + "=" + r.result;
      judge(r.method, r, "Authentication-Results by " + ar->authserv_id, from_org, hosts, tally,
            ctx);
    }
    lines.push_back(std::move(line));
  }
  for (const auto& value : info.received_spf) {
    auto spf = parse_received_spf(value);
    if (!spf) {
      ctx.anomaly("auth: unreadable Received-SPF: " + spf.status().message());
      ++ignored;
      continue;
    }
    const std::string receiver = spf->receiver();
    if (receiver.empty() || !trusted(policy, receiver)) {
      ++ignored;
      continue;
    }
    AuthMethodResult r;
    r.method = "spf";
    r.result = spf->result;
    if (auto from = spf->get("envelope-from"); !from.empty())
      r.properties.push_back({"smtp", "mailfrom", std::string(from)});
    lines.push_back("Received-SPF by " + receiver + ": spf=" + r.result);
    judge("spf", r, "Received-SPF by " + receiver, from_org, hosts, tally, ctx);
  }
  if (!tally.any_pass && !tally.none_methods.empty()) {
    std::string methods;
    for (const auto& m : tally.none_methods) methods += (methods.empty() ? "" : ", ") + m;
    ctx.finding(Symbol::AUTH_NONE, {methods + "=none", "no SPF, DKIM or DMARC pass"});
  }
  if (!lines.empty()) ctx.fact("auth_results", std::move(lines));
  if (ignored > 0) {
    ctx.fact("auth_results_ignored",
             std::to_string(ignored) +
                 (policy.trusted_authserv_ids.empty()
                      ? " fields ignored: no authserv-id is trusted ([auth] trusted_authserv_ids "
                        "is empty)"
                      : " fields ignored: not added by a trusted authserv-id or unreadable"));
  }
}

}  // namespace lg
