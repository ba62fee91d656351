// [RFC 6376] 3.2 tag lists, 3.5 the DKIM-Signature tags, 3.6.1 key records, 6.1.1 the checks
// a verifier makes before looking a key up; [RFC 8463] 3 (ed25519-sha256), 4 (k=ed25519);
// [RFC 8301] 3.1 (rsa-sha1 no longer accepted).
#include "detect/dkim_tags.h"

#include <charconv>

#include "core/ascii.h"
#include "core/transfer_encoding.h"

namespace lg {
namespace {

Status bad(std::string what) { return Status::error(ErrorCode::kMalformed, std::move(what)); }

bool is_fws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_fws(std::string_view s) {
  while (!s.empty() && is_fws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_fws(s.back())) s.remove_suffix(1);
  return s;
}

std::string without_fws(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (!is_fws(c)) out.push_back(c);
  return out;
}

// Splits a colon-separated list ([RFC 6376] 3.5 h=, 3.6.1 h= and s=), trimming FWS.
std::vector<std::string> colon_list(std::string_view s, std::size_t cap) {
  std::vector<std::string> out;
  while (out.size() < cap) {
    const std::size_t colon = s.find(':');
    out.emplace_back(trim_fws(s.substr(0, colon)));
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  return out;
}

std::optional<std::uint64_t> decimal(std::string_view s) {
  // [RFC 6376] 3.5: l=, t= and x= are at most 76 digits; values past 2^64 are clamped, which
  // keeps them larger than any real body or date.
  if (s.empty() || s.size() > 76) return std::nullopt;
  for (char c : s)
    if (!is_digit(c)) return std::nullopt;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return UINT64_MAX;
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

const std::string* find_tag(const std::vector<std::pair<std::string, std::string>>& tags,
                            std::string_view name) {
  for (const auto& [k, v] : tags)
    if (k == name) return &v;
  return nullptr;
}

}  // namespace

std::optional<Bytes> dkim_base64(std::string_view value) {
  const std::string s = without_fws(value);
  for (char c : s)
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '/' && c != '=') return std::nullopt;
  return decode_base64(s).data;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_dkim_tag_list(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> tags;
  while (true) {
    const std::size_t semi = s.find(';');
    std::string_view spec = trim_fws(s.substr(0, semi));
    if (!spec.empty()) {
      // tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
      const std::size_t eq = spec.find('=');
      if (eq == std::string_view::npos) return bad("DKIM tag without '='");
      std::string_view name = trim_fws(spec.substr(0, eq));
      if (name.empty() || !is_alpha(name.front())) return bad("bad DKIM tag name");
      for (char c : name)
        if (!is_alpha(c) && !is_digit(c) && c != '_') return bad("bad DKIM tag name");
      if (tags.size() >= kMaxDkimTags) return bad("too many DKIM tags");
      for (const auto& t : tags)
        if (t.first == name) return bad("DKIM tag repeated: " + std::string(name));
      tags.emplace_back(std::string(name), std::string(trim_fws(spec.substr(eq + 1))));
    }
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return tags;
}

Result<DkimSignature> parse_dkim_signature(std::string_view value) {
  auto parsed = parse_dkim_tag_list(value);
  if (!parsed) return parsed.status();
  const auto& tags = *parsed;
  for (const char* required : {"v", "a", "b", "bh", "d", "h", "s"})
    if (!find_tag(tags, required))
      return bad(std::string("DKIM-Signature without ") + required + "=");
  if (*find_tag(tags, "v") != "1") return bad("DKIM-Signature version is not 1");

  DkimSignature sig;
  const std::string alg = ascii_lower(*find_tag(tags, "a"));
  if (alg == "rsa-sha256")
    sig.algorithm = DkimAlgorithm::kRsaSha256;
  else if (alg == "ed25519-sha256")
    sig.algorithm = DkimAlgorithm::kEd25519Sha256;
  else
    return Status::error(ErrorCode::kUnsupported, "DKIM algorithm " + alg);

  if (const std::string* c = find_tag(tags, "c")) {
    const std::string v = ascii_lower(*c);
    const std::size_t slash = v.find('/');
    auto canon = [](std::string_view name, DkimCanon* out) {
      if (name == "simple")
        *out = DkimCanon::kSimple;
      else if (name == "relaxed")
        *out = DkimCanon::kRelaxed;
      else
        return false;
      return true;
    };
    if (!canon(std::string_view(v).substr(0, slash), &sig.header_canon) ||
        (slash != std::string::npos &&
         !canon(std::string_view(v).substr(slash + 1), &sig.body_canon)))
      return bad("unknown DKIM canonicalization " + *c);
  }

  sig.domain = ascii_lower(*find_tag(tags, "d"));
  while (!sig.domain.empty() && sig.domain.back() == '.') sig.domain.pop_back();
  sig.selector = *find_tag(tags, "s");
  if (sig.domain.empty() || sig.selector.empty()) return bad("empty DKIM d= or s=");

  sig.signed_headers = colon_list(*find_tag(tags, "h"), kMaxDkimSignedHeaders + 1);
  if (sig.signed_headers.size() > kMaxDkimSignedHeaders) return bad("DKIM h= too long");
  bool from = false;
  for (const auto& h : sig.signed_headers) {
    if (h.empty()) return bad("empty name in DKIM h=");
    from |= iequals(h, "From");
  }
  if (!from) return bad("DKIM h= does not sign From");  // [RFC 6376] 5.4

  auto b = dkim_base64(*find_tag(tags, "b"));
  auto bh = dkim_base64(*find_tag(tags, "bh"));
  if (!b || b->empty()) return bad("bad DKIM b=");
  if (!bh || bh->empty()) return bad("bad DKIM bh=");
  sig.signature = std::move(*b);
  sig.body_hash = std::move(*bh);

  sig.identity = "@" + sig.domain;
  if (const std::string* i = find_tag(tags, "i")) {
    const std::size_t at = i->rfind('@');
    if (at == std::string::npos) return bad("DKIM i= without '@'");
    std::string idomain = ascii_lower(std::string_view(*i).substr(at + 1));
    // [RFC 6376] 3.5 i=: the same domain as d= or a subdomain of it.
    if (idomain != sig.domain &&
        !(idomain.size() > sig.domain.size() && idomain.ends_with("." + sig.domain)))
      return bad("DKIM i= outside d=");
    sig.identity = *i;
  }
  if (const std::string* q = find_tag(tags, "q")) {
    bool dns = false;
    for (const auto& m : colon_list(*q, 8)) dns |= iequals(m, "dns/txt");
    if (!dns) return Status::error(ErrorCode::kUnsupported, "DKIM q= " + *q);
  }
  if (const std::string* l = find_tag(tags, "l")) {
    sig.body_length = decimal(*l);
    if (!sig.body_length) return bad("bad DKIM l=");
  }
  if (const std::string* t = find_tag(tags, "t")) {
    sig.timestamp = decimal(*t);
    if (!sig.timestamp) return bad("bad DKIM t=");
  }
  if (const std::string* x = find_tag(tags, "x")) {
    sig.expiration = decimal(*x);
    if (!sig.expiration) return bad("bad DKIM x=");
    if (sig.timestamp && *sig.expiration < *sig.timestamp) return bad("DKIM x= before t=");
  }
  return sig;
}

Result<DkimKeyRecord> parse_dkim_key_record(std::string_view txt) {
  auto parsed = parse_dkim_tag_list(txt);
  if (!parsed) return parsed.status();
  const auto& tags = *parsed;
  DkimKeyRecord key;
  if (const std::string* v = find_tag(tags, "v")) {
    // [RFC 6376] 3.6.1: when present v= must be first and DKIM1.
    if (*v != "DKIM1" || tags.front().first != "v") return bad("DKIM key record version");
  }
  if (const std::string* h = find_tag(tags, "h")) {
    for (auto& alg : colon_list(*h, 16)) key.hashes.push_back(ascii_lower(alg));
  }
  if (const std::string* k = find_tag(tags, "k")) key.key_type = ascii_lower(*k);
  if (const std::string* s = find_tag(tags, "s")) {
    bool email = false;
    for (const auto& t : colon_list(*s, 16)) email |= t == "*" || iequals(t, "email");
    if (!email) return bad("DKIM key not for email");
  }
  if (const std::string* t = find_tag(tags, "t")) {
    for (const auto& flag : colon_list(*t, 16)) {
      key.testing |= flag == "y";
      key.strict |= flag == "s";
    }
  }
  const std::string* p = find_tag(tags, "p");
  if (!p) return bad("DKIM key record without p=");
  auto decoded = dkim_base64(*p);
  if (!decoded) return bad("bad DKIM key p=");
  key.public_key = std::move(*decoded);
  return key;
}

}  // namespace lg
