// DKIM key lookups in DNS ([RFC 6376] 3.6.2.2: TXT at selector._domainkey.domain, the strings
// of one record concatenated) through glibc's libresolv.
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <array>
#include <cstring>

#include "detect/dkim_keys.h"

namespace lg {
namespace {

constexpr int kRetransSeconds = 2;  // per try; the scan deadline bounds the whole message
constexpr int kRetries = 1;
constexpr std::size_t kMaxAnswerBytes = 8192;

// The res_state of one lookup; res_nclose on every path.
class ResolverState {
 public:
  ResolverState() {
    std::memset(&state_, 0, sizeof state_);
    ok_ = res_ninit(&state_) == 0;
    if (ok_) {
      state_.retrans = kRetransSeconds;
      state_.retry = kRetries;
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

}  // namespace

KeyLookup DnsKeyResolver::lookup(std::string_view name) const {
  ResolverState rs;
  if (!rs.ok()) return {KeyLookup::Outcome::kTempError, "resolver initialisation failed"};
  const std::string qname(name);
  std::array<unsigned char, kMaxAnswerBytes> answer{};
  const int n = res_nquery(rs.get(), qname.c_str(), ns_c_in, ns_t_txt, answer.data(),
                           static_cast<int>(answer.size()));
  if (n < 0) {
    switch (rs.get()->res_h_errno) {
      case HOST_NOT_FOUND:
      case NO_DATA:
        return {KeyLookup::Outcome::kNotFound, {}};
      default:
        return {KeyLookup::Outcome::kTempError, "DNS lookup failed"};
    }
  }
  ns_msg msg;
  if (ns_initparse(answer.data(), std::min(n, static_cast<int>(answer.size())), &msg) < 0)
    return {KeyLookup::Outcome::kTempError, "unparsable DNS answer"};
  const int count = ns_msg_count(msg, ns_s_an);
  for (int i = 0; i < count; ++i) {
    ns_rr rr;
    if (ns_parserr(&msg, ns_s_an, i, &rr) < 0) break;
    if (ns_rr_type(rr) != ns_t_txt) continue;  // CNAMEs along the way
    // RFC 1035 3.3.14: TXT-DATA is one or more <character-string>s, each length-prefixed.
    const unsigned char* p = ns_rr_rdata(rr);
    const unsigned char* end = p + ns_rr_rdlen(rr);
    std::string record;
    while (p < end) {
      const std::size_t len = *p++;
      if (len > static_cast<std::size_t>(end - p)) break;
      record.append(reinterpret_cast<const char*>(p), len);
      p += len;
    }
    return {KeyLookup::Outcome::kFound, std::move(record)};
  }
  return {KeyLookup::Outcome::kNotFound, {}};
}

}  // namespace lg
