#include "detect/sender_checks.h"

#include "core/ascii.h"
#include "core/charset.h"
#include "detect/mail_domain.h"

namespace lg {
namespace {

constexpr std::size_t kMaxDisplayAddresses = 8;  // addresses looked at in one display name

bool is_separator(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '.':
    case ',':
    case '\'':
    case '"':
    case '(':
    case ')':
    case '<':
    case '>':
    case '[':
    case ']':
    case '-':
    case '_':
    case '|':
    case '/':
    case ':':
      return true;
    default:
      return false;
  }
}

// NFKC case-folded, ASCII punctuation and spacing runs made one space, trimmed: "Jane  DOE,"
// and "jane doe" compare equal, fullwidth forms too.
std::string normalize_name(std::string_view name) {
  const std::string folded = normalize_nfkc_casefold(name);
  std::string out;
  for (char c : folded) {
    if (is_separator(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

// `needle` occurs in `hay` between word boundaries (both normalized).
bool contains_words(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return false;
  for (std::size_t pos = hay.find(needle); pos != std::string_view::npos;
       pos = hay.find(needle, pos + 1)) {
    const bool left = pos == 0 || hay[pos - 1] == ' ';
    const std::size_t end = pos + needle.size();
    const bool right = end == hay.size() || hay[end] == ' ';
    if (left && right) return true;
  }
  return false;
}

bool is_local_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

// "local@domain" runs in a display name; the domain must have a dot.
std::vector<std::string_view> addresses_in(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t at = s.find('@');
       at != std::string_view::npos && out.size() < kMaxDisplayAddresses;
       at = s.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && is_local_char(s[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < s.size() && is_domain_char(s[e])) ++e;
    while (e > at + 1 && s[e - 1] == '.') --e;
    const std::string_view domain = s.substr(at + 1, e - at - 1);
    if (b < at && domain.find('.') != std::string_view::npos) out.push_back(s.substr(b, e - b));
  }
  return out;
}

// Words by which a display name claims to be an organization or a role in one. Compared as
// whole normalized words (Latin) or substrings (CJK, which has no spaces).
constexpr std::string_view kCompanyWords[] = {"inc",
                                              "llc",
                                              "ltd",
                                              "limited",
                                              "corp",
                                              "corporation",
                                              "gmbh",
                                              "plc",
                                              "group",
                                              "holdings",
                                              "capital",
                                              "ventures",
                                              "partners",
                                              "technologies",
                                              "labs",
                                              "foundation",
                                              "exchange",
                                              "bank",
                                              "recruiting",
                                              "recruitment",
                                              "recruiter",
                                              "talent acquisition",
                                              "careers",
                                              "hr",
                                              "human resources",
                                              "hiring team",
                                              "support team",
                                              "security team",
                                              "customer service",
                                              "official"};
constexpr std::string_view kCompanyMarksCjk[] = {"株式会社", "有限会社", "(株)",     "㈱",
                                                 "採用担当", "人事部",   "주식회사", "(주)",
                                                 "㈜",       "채용담당", "인사팀",   "채용팀"};

// `normalized` as normalize_name gives; `folded` the NFKC case fold with punctuation kept.
bool claims_company(std::string_view normalized, std::string_view folded) {
  for (auto w : kCompanyWords)
    if (contains_words(normalized, w)) return true;
  for (auto m : kCompanyMarksCjk)
    if (folded.find(normalize_nfkc_casefold(m)) != std::string_view::npos) return true;
  return false;
}

constexpr std::size_t kMaxListDomains = 16;

// The organizations a message's mailing-list fields name: the List-Id's domain ([RFC 2919] 3
// "phrase <list-label.domain>"), the hosts of mailto: and http(s) URLs ([RFC 2369] 3) and the
// addresses of Mailing-List ("list talk@groups.example.com; contact ...").
std::set<std::string, std::less<>> list_orgs(const HostNormalizer& hosts,
                                             const std::vector<std::string>& fields) {
  std::set<std::string, std::less<>> out;
  for (const auto& value : fields) {
    std::string_view rest = value;
    while (!rest.empty() && out.size() < kMaxListDomains) {
      const std::size_t end = rest.find_first_of(" \t<>,;");
      std::string_view token = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      if (istarts_with(token, "mailto:")) token.remove_prefix(7);
      if (const std::size_t scheme = token.find("://"); scheme != std::string_view::npos) {
        token.remove_prefix(scheme + 3);
        token = token.substr(0, token.find_first_of("/?#:"));
      }
      token = token.substr(0, token.find('?'));
      if (token.find('.') == std::string_view::npos || token.find(':') != std::string_view::npos)
        continue;
      std::string org = organizational_domain(hosts, token);
      if (!org.empty()) out.insert(std::move(org));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> SenderPolicy::default_freemail_domains() {
  return {"gmail.com",      "googlemail.com", "outlook.com",   "hotmail.com",    "live.com",
          "msn.com",        "yahoo.com",      "ymail.com",     "aol.com",        "icloud.com",
          "me.com",         "mac.com",        "mail.com",      "gmx.com",        "gmx.net",
          "gmx.de",         "web.de",         "proton.me",     "protonmail.com", "pm.me",
          "tutanota.com",   "zoho.com",       "yandex.com",    "yandex.ru",      "mail.ru",
          "qq.com",         "163.com",        "126.com",       "sina.com",       "naver.com",
          "daum.net",       "hanmail.net",    "kakao.com",     "nate.com",       "yahoo.co.jp",
          "yahoo.co.kr",    "hotmail.co.jp",  "outlook.jp",    "ezweb.ne.jp",    "docomo.ne.jp",
          "softbank.ne.jp", "i.softbank.jp",  "hotmail.co.uk", "yahoo.co.uk",    "mail.ee"};
}

SenderChecks::SenderChecks(const SenderPolicy& policy) {
  for (const auto& e : policy.executives) {
    std::string n = normalize_name(e);
    if (!n.empty()) executives_.push_back(std::move(n));
  }
  for (const auto& d : policy.internal_domains) {
    std::string org = organizational_domain(hosts_, d);
    if (!org.empty()) internal_.insert(std::move(org));
  }
  for (const auto& d : policy.freemail_domains)
    if (auto n = mail_domain(hosts_, d)) freemail_.insert(std::move(*n));
}

bool SenderChecks::is_freemail(std::string_view address) const {
  auto domain = mail_domain(hosts_, address);
  if (!domain) return false;
  return freemail_.count(*domain) > 0 || freemail_.count(registered_domain(*domain)) > 0;
}

void SenderChecks::check(const MessageInfo& info, std::string_view from_org, Context& ctx) const {
  const auto via_list = list_orgs(hosts_, info.list_fields);
  auto elsewhere = [&](std::string_view address) -> std::string {
    if (from_org.empty()) return {};
    std::string org = organizational_domain(hosts_, address);
    if (org.empty() || org == from_org || via_list.count(org) > 0) return {};
    return org;
  };
  for (const auto& r : info.reply_to) {
    const std::string org = elsewhere(r.address);
    if (org.empty()) continue;
    ctx.finding(
        Symbol::SENDER_REPLY_TO_MISMATCH,
        {r.address, "replies go to " + org + ", the mail is from " + std::string(from_org)});
    break;
  }
  if (std::string org = elsewhere(info.return_path); !org.empty())
    ctx.finding(Symbol::SENDER_RETURN_PATH_MISMATCH,
                {info.return_path, "Return-Path in " + org + ", From in " + std::string(from_org)});
  if (std::string org = elsewhere(info.sender.address); !org.empty())
    ctx.finding(Symbol::SENDER_RETURN_PATH_MISMATCH,
                {info.sender.address, "Sender in " + org + ", From in " + std::string(from_org)});
  check_display_name(info, from_org, via_list.count(from_org) > 0, ctx);
}

void SenderChecks::check_display_name(const MessageInfo& info, std::string_view from_org,
                                      bool list_rewrite, Context& ctx) const {
  const std::string& display = info.from.display;
  if (display.empty()) return;
  const std::string shown = "\"" + display + "\" <" + info.from.address + ">";

  // An address in the display name that is not the sender's domain: mail clients that show
  // only the name show that address. A list that sends from its own domain writes the author's
  // address into the name ("Jane (jane@example.com) via Talk"): that is no trick.
  for (auto a : list_rewrite ? std::vector<std::string_view>() : addresses_in(display)) {
    const std::string org = organizational_domain(hosts_, a);
    if (org.empty() || org == from_org) continue;
    ctx.finding(Symbol::SENDER_DISPLAY_NAME_ADDRESS,
                {shown, "the name shows " + std::string(a) + ", the address is elsewhere"});
    break;
  }

  const std::string name = normalize_name(display);
  const std::string compact = without_spaces(name);
  if (internal_.count(from_org) == 0) {
    for (const auto& exec : executives_) {
      if (!contains_words(name, exec) && compact != without_spaces(exec)) continue;
      ctx.finding(Symbol::SENDER_EXECUTIVE_IMPERSONATION,
                  {shown, "an executive's name on an address outside the organization"});
      break;
    }
  }

  if (is_freemail(info.from.address) && claims_company(name, normalize_nfkc_casefold(display)))
    ctx.finding(Symbol::SENDER_FREEMAIL_COMPANY,
                {shown, "a free-mail address whose name claims an organization"});
  // Brands in display names (DISPLAY_NAME_BRAND) are the look-alike checker's, which holds
  // the protected-brand list; Scan::message asks it.
}

}  // namespace lg
