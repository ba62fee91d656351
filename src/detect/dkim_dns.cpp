// DKIM key lookups in DNS ([RFC 6376] 3.6.2.2: TXT at selector._domainkey.domain, the strings
// of one record concatenated) through glibc's libresolv.
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <vector>

#include "detect/dkim_keys.h"

namespace lg {
namespace {

// The res_state of one lookup; res_nclose on every path.
class ResolverState {
 public:
  explicit ResolverState(const std::optional<Nameserver>& ns) {
    std::memset(&state_, 0, sizeof state_);
    ok_ = res_ninit(&state_) == 0;
    if (!ok_) return;
    state_.retrans = DnsKeyResolver::kRetransSeconds;
    state_.retry = DnsKeyResolver::kRetries;
    if (ns) {
      // The one configured server replaces resolv.conf's list (resolv.h: nsaddr_list holds
      // the IPv4 servers; nscount of them are asked).
      sockaddr_in sin{};
      sin.sin_family = AF_INET;
      sin.sin_port = htons(ns->port);
      std::memcpy(&sin.sin_addr, ns->address.data(), ns->address.size());
      state_.nsaddr_list[0] = sin;
      state_.nscount = 1;
    }
  }
  ~ResolverState() {
    if (ok_) res_nclose(&state_);
  }
  ResolverState(const ResolverState&) = delete;
  ResolverState& operator=(const ResolverState&) = delete;
  bool ok() const { return ok_; }
  res_state get() { return &state_; }

 private:
  struct __res_state state_;
  bool ok_ = false;
};

// RFC 1035 3.3.14: TXT-DATA is one or more <character-string>s, each length-prefixed;
// [RFC 6376] 3.6.2.2: a key record's strings are concatenated with nothing between them.
std::string txt_strings(const unsigned char* p, std::size_t n) {
  std::string record;
  std::size_t at = 0;
  while (at < n) {
    const std::size_t len = p[at++];
    if (len > n - at) break;
    record.append(reinterpret_cast<const char*>(p + at), len);
    at += len;
  }
  return record;
}

}  // namespace

Result<Nameserver> parse_nameserver(std::string_view text) {
  auto bad = [&] {
    return Status::error(ErrorCode::kMalformed,
                         "not an IPv4 address with an optional port: " + std::string(text));
  };
  std::string_view host = text;
  Nameserver ns;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      return bad();
    ns.port = static_cast<std::uint16_t>(value);
  }
  in_addr addr{};
  if (host.empty() || inet_pton(AF_INET, std::string(host).c_str(), &addr) != 1) return bad();
  std::memcpy(ns.address.data(), &addr, ns.address.size());
  return ns;
}

KeyLookup DnsKeyResolver::lookup(std::string_view name) const {
  ResolverState rs(nameserver_);
  if (!rs.ok()) return {KeyLookup::Outcome::kTempError, "resolver initialisation failed"};
  const std::string qname(name);
  std::vector<unsigned char> answer(kMaxAnswerBytes);
  const int n = res_nquery(rs.get(), qname.c_str(), ns_c_in, ns_t_txt, answer.data(),
                           static_cast<int>(answer.size()));
  if (n < 0) {
    // [RFC 6376] 6.1.2: a name that does not exist or holds no TXT record is no key
    // (PERMFAIL); a server failure or a timeout is TEMPFAIL.
    switch (rs.get()->res_h_errno) {
      case HOST_NOT_FOUND:
      case NO_DATA:
        return {KeyLookup::Outcome::kNotFound, {}};
      default:
        return {KeyLookup::Outcome::kTempError, "DNS lookup failed"};
    }
  }
  // libresolv reports the answer's full length but keeps only what fits; a cut answer (or
  // one the server marked truncated even over TCP) is not parsed.
  if (static_cast<std::size_t>(n) > answer.size())
    return {KeyLookup::Outcome::kTempError,
            "DNS answer larger than " + std::to_string(kMaxAnswerBytes) + " bytes"};
  ns_msg msg;
  if (ns_initparse(answer.data(), n, &msg) < 0)
    return {KeyLookup::Outcome::kTempError, "unparsable DNS answer"};
  if (ns_msg_getflag(msg, ns_f_tc))
    return {KeyLookup::Outcome::kTempError,
            "DNS answer larger than " + std::to_string(kMaxAnswerBytes) + " bytes"};
  const int count = ns_msg_count(msg, ns_s_an);
  for (int i = 0; i < count; ++i) {
    ns_rr rr;
    if (ns_parserr(&msg, ns_s_an, i, &rr) < 0) break;
    if (ns_rr_type(rr) != ns_t_txt) continue;  // CNAMEs along the way
    return {KeyLookup::Outcome::kFound, txt_strings(ns_rr_rdata(rr), ns_rr_rdlen(rr))};
  }
  return {KeyLookup::Outcome::kNotFound, {}};
}

}  // namespace lg
