// The authentication-header parsers and DKIM over any bytes: Authentication-Results and
// Received-SPF values, DKIM-Signature and key-record tag lists, canonicalization, and a whole
// DKIM verification of the input read as a message (keys from a map holding one record built
// from the input, so the key parsing runs too). Invariants: caps hold, canonical bodies end in
// CRLF (or are empty for relaxed), header canonicalization always ends in CRLF.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "detect/auth_results.h"
#include "detect/dkim.h"
#include "detect/dkim_canon.h"
#include "detect/dkim_tags.h"
#include "detect/testing/dkim_signer.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  if (auto ar = lg::parse_authentication_results(in)) {
    LG_FUZZ_CHECK(!ar->authserv_id.empty());
    LG_FUZZ_CHECK(ar->results.size() <= lg::kMaxResinfo);
    for (const auto& r : ar->results) {
      LG_FUZZ_CHECK(!r.method.empty() && !r.result.empty());
      LG_FUZZ_CHECK(r.properties.size() <= lg::kMaxProperties);
    }
  }
  if (auto spf = lg::parse_received_spf(in)) {
    LG_FUZZ_CHECK(spf->pairs.size() <= lg::kMaxProperties);
    (void)spf->receiver();
  }
  if (auto sig = lg::parse_dkim_signature(in)) {
    LG_FUZZ_CHECK(!sig->domain.empty() && !sig->selector.empty());
    LG_FUZZ_CHECK(sig->signed_headers.size() <= lg::kMaxDkimSignedHeaders);
  }
  (void)lg::parse_dkim_key_record(in);

  for (auto canon : {lg::DkimCanon::kSimple, lg::DkimCanon::kRelaxed}) {
    const std::string body = lg::dkim_canon_body(in, canon);
    LG_FUZZ_CHECK(body.empty() ? canon == lg::DkimCanon::kRelaxed : body.ends_with("\r\n"));
    LG_FUZZ_CHECK(lg::dkim_canon_header(in, canon).ends_with("\r\n"));
  }
  LG_FUZZ_CHECK(lg::dkim_without_b_value(in).size() <= in.size());

  // The input as a message; its first line (up to 200 bytes) is also offered as the key.
  lg::MapKeyResolver keys;
  const std::string_view first = in.substr(0, std::min(in.find('\n'), std::size_t{200}));
  const lg::MessageInfo info = lg::testing::message_info_of(in);
  for (const auto& h : info.headers) {
    if (!lg::iequals(h.name, "DKIM-Signature")) continue;
    if (auto sig = lg::parse_dkim_signature(h.field.substr(h.field.find(':') + 1)))
      keys.add(sig->selector + "._domainkey." + sig->domain, std::string(first));
  }
  LG_FUZZ_CHECK(lg::verify_dkim(info, &keys).size() <= lg::kMaxDkimSignatures);
  return 0;
}
