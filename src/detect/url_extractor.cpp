#include "detect/url_extractor.h"

#include <algorithm>
#include <array>

#include "detect/text_chars.h"
#include "detect/tld.h"
#include "detect/url_build.h"

namespace lg {

using namespace text_chars;

namespace {

constexpr std::size_t kMaxSchemeLen = 6;     // "mailto"
constexpr std::size_t kMaxLocalPart = 64;    // RFC 5321 4.5.3.1.1
constexpr std::size_t kMaxMediaType = 100;   // data: media type we keep
constexpr std::size_t kMaxIpv6Literal = 64;  // "[" + 45 characters of RFC 4291 text + zone
constexpr std::size_t kBalanceWindow = 512;  // bytes looked back at for ( ) [ ] balance

enum class SchemeKind { kNone, kHier, kFile, kMailto, kData };

SchemeKind scheme_kind(std::string_view lower) {
  static constexpr std::string_view kHier[] = {"http", "https", "ftp", "ftps",
                                               "sftp", "ws",    "wss", "smb"};
  for (std::string_view h : kHier)
    if (lower == h) return SchemeKind::kHier;
  if (lower == "file") return SchemeKind::kFile;
  if (lower == "mailto") return SchemeKind::kMailto;
  if (lower == "data") return SchemeKind::kData;
  return SchemeKind::kNone;
}

// ASCII classes for names: letters, digits, '-' and '_' (kLdh), and '+' (kPlus, words only).
constexpr unsigned char kLdh = 1, kPlus = 2;
constexpr auto kNameClass = [] {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    auto u = static_cast<unsigned char>(c);
    if (is_alnum(u) || u == '-' || u == '_') t[u] = kLdh;
  }
  t['+'] = kPlus;
  return t;
}();

bool is_ascii_text(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

// One extraction over one text. State: the output, the end of the URL being looked into
// (inside it only scheme URLs count), and a cache of the last path run's end, which keeps
// nested URLs ("http://http://http://...") linear: every URL starting inside a run of URL
// characters ends where that run ends.
class UrlExtractor::Scan {
 public:
  Scan(const HostNormalizer& hosts, std::string_view s, const ExtractOptions& o,
       std::vector<Extracted>& out)
      : hosts_(hosts), s_(s), n_(s.size()), opt_(o), out_(out), limit_(out.size() + o.max_items) {}

  void run() {
    std::size_t i = 0;
    std::size_t trigger = 0;  // the next '.', ':' or '@' at or after i, once found
    bool have_trigger = false;
    while (i < n_ && out_.size() < limit_) {
      if (!have_trigger || trigger < i) {
        // Every item needs a name holding a '.' or followed by ':' or '@': the steps before
        // the word around the next such byte change nothing, so the scan goes on from the
        // last place before it where no name can be (see resync_point).
        trigger = find_any_of<'.', ':', '@'>(s_, i);
        if (trigger == n_) return;
        i = resync_point(i, trigger);
        have_trigger = true;
      }
      unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        if (!is_alnum(c)) {
          ++i;
          continue;
        }
      } else {
        char32_t cp;
        std::size_t len = decode_utf8(s_, i, cp);
        if (len == 0 || is_stop_cp(cp)) {
          i += len == 0 ? 1 : len;
          continue;
        }
      }
      std::size_t j = scan_name(i, true);
      char next = j < n_ ? s_[j] : '\0';
      std::size_t resume = j;
      if (next == ':' && try_scheme(i, j, resume)) {
        i = resume;
        continue;
      }
      if (i < url_until_) {  // inside a URL's path or query: only URLs with a scheme count
        i = j;
        continue;
      }
      if (next == '@' && try_email(i, j, resume)) {
        i = resume;
        continue;
      }
      if (!try_www(i, j, resume)) evaluate_word(i, j);
      i = std::max(resume, j);
    }
  }

 private:
  // The last position in (from, t] just after a byte no name holds (an ASCII byte other than
  // letters, digits, "-_+."; or a CJK punctuation character U+3000..U+303F, a stop character
  // starting at a lead byte, which the scan always steps on whole), or `from` when there is
  // none. The scan passes every such byte between words, so it reaches the position after it
  // in the state it has at `from` when all words in between give nothing. Looks back over
  // [from, t) once per trigger; triggers are visited in order, so this is linear in the text.
  std::size_t resync_point(std::size_t from, std::size_t t) const {
    std::size_t k = t;
#if defined(__SSE2__)
    // Sixteen positions a step while the two bytes before the step are inside [from, t).
    for (; k >= from + 18; k -= 16) {
      const char* p = s_.data() + k - 16;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
      const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 2));
      const __m128i ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
      const __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
      const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);
      const __m128i digit0 = _mm_sub_epi8(v, _mm_set1_epi8('0'));
      const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(digit0, _mm_set1_epi8(9)), digit0);
      const __m128i name =
          _mm_or_si128(_mm_or_si128(letter, digit), equal_any<'-', '_', '+', '.'>(v));
      const __m128i cjk_stop = _mm_and_si128(
          _mm_and_si128(_mm_cmpeq_epi8(v2, _mm_set1_epi8('\xE3')),
                        _mm_cmpeq_epi8(v1, _mm_set1_epi8('\x80'))),
          _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8('\xC0')), _mm_set1_epi8('\x80')));
      const auto m = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(name, ascii), cjk_stop)));
      if (m != 0) return k - 16 + static_cast<std::size_t>(32 - __builtin_clz(m));
    }
#endif
    for (; k > from; --k) {
      const auto c = static_cast<unsigned char>(s_[k - 1]);
      if (c < 0x80) {
        if (kNameClass[c] == 0 && c != '.') return k;
      } else if (k >= from + 3 && static_cast<unsigned char>(s_[k - 3]) == 0xE3 &&
                 static_cast<unsigned char>(s_[k - 2]) == 0x80 && (c & 0xC0) == 0x80) {
        return k;
      }
    }
    return from;
  }

  // A name: LDH labels, '_', non-ASCII letters (IDN), and in a word also '+'. An ASCII label
  // that is a known TLD ends the name when non-ASCII text follows it ("example.jpを参照").
  std::size_t scan_name(std::size_t p, bool word) const {
    const unsigned char accept = word ? (kLdh | kPlus) : kLdh;
    std::size_t i = p, label_start = p;
    bool dot_seen = false, label_ascii = true;
    while (i < n_) {
      unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        if (kNameClass[c] & accept) {
          ++i;
          continue;
        }
        if (c != '.') break;
        dot_seen = true;
        label_start = ++i;
        label_ascii = true;
        continue;
      }
      char32_t cp;
      std::size_t len = decode_utf8(s_, i, cp);
      if (len == 0 || is_stop_cp(cp)) break;
      if (dot_seen && label_ascii && i > label_start &&
          tld_class(s_.substr(label_start, i - label_start)) != TldClass::kUnknown)
        break;
      label_ascii = false;
      i += len;
    }
    return i;
  }

  // End of the run of characters a URL path may hold, from `p` (see class comment).
  std::size_t run_end(std::size_t p) {
    if (p >= cache_from_ && p < cache_end_) return cache_end_;
    std::size_t i = p;
    while (i < n_) {
      unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        if (!is_uri_ascii(c)) break;
        ++i;
        continue;
      }
      char32_t cp;
      std::size_t len = decode_utf8(s_, i, cp);
      if (len == 0 || is_stop_cp(cp) || is_cjk_letter(cp)) break;  // IRI (RFC 3987) otherwise
      i += len;
    }
    cache_from_ = p;
    cache_end_ = i;
    return i;
  }

  static bool is_trailing_punct(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
           c == '"' || c == '*' || c == ')' || c == ']';
  }

  // Drops trailing punctuation that belongs to the sentence (.,;:!?'"*), keeping a ) or ]
  // that closes an opener in the URL ("/wiki/Lazarus_(group)"). The start of the trailing
  // punctuation is cached per run end and the opener count looks back a bounded window, so
  // URLs nested in one run cost O(1) each here.
  std::size_t trim_tail(std::size_t from, std::size_t end) {
    if (end != tail_for_end_) {
      std::size_t t = end;
      while (t > from && is_trailing_punct(s_[t - 1])) --t;
      tail_for_end_ = end;
      tail_start_ = t;
    }
    std::size_t t = std::max(tail_start_, from);
    int paren = 0, bracket = 0;
    for (std::size_t k = t - std::min(t - from, kBalanceWindow); k < t; ++k) {
      char c = s_[k];
      paren += c == '(' ? 1 : c == ')' ? -1 : 0;
      bracket += c == '[' ? 1 : c == ']' ? -1 : 0;
    }
    while (t < end) {
      if (s_[t] == ')' && paren > 0) {
        --paren;
      } else if (s_[t] == ']' && bracket > 0) {
        --bracket;
      } else {
        break;
      }
      ++t;
    }
    return t;
  }

  void emit(ExtractKind kind, std::string value, Host host, std::size_t b, std::size_t e) {
    out_.push_back(Extracted{kind, std::move(value), std::move(host), b, e});
  }

  // `colon` follows the word starting at `ws`; its trailing ASCII letters may be a scheme.
  bool try_scheme(std::size_t ws, std::size_t colon, std::size_t& resume) {
    std::size_t k = colon;
    while (k > ws && is_alpha(static_cast<unsigned char>(s_[k - 1]))) --k;
    if (k == colon || colon - k > kMaxSchemeLen) return false;
    std::string scheme = url_build::lower(s_.substr(k, colon - k));
    SchemeKind kind = scheme_kind(scheme);
    bool slashes = s_.substr(colon + 1, 2) == "//";
    switch (kind) {
      case SchemeKind::kHier:
        return slashes && parse_hier(scheme, k, colon + 3, false, resume);
      case SchemeKind::kFile:
        return slashes && parse_hier(scheme, k, colon + 3, false, resume);
      case SchemeKind::kMailto: {
        std::size_t le = scan_name(colon + 1, true);
        return le > colon + 1 && le < n_ && s_[le] == '@' && try_email(colon + 1, le, resume);
      }
      case SchemeKind::kData:
        return parse_data(k, colon, resume);
      case SchemeKind::kNone:
        return false;
    }
    return false;
  }

  // data: [ mediatype ] [ ";base64" ] "," data (RFC 2397 3); only the media type is kept.
  bool parse_data(std::size_t k, std::size_t colon, std::size_t& resume) {
    std::size_t p = colon + 1;
    while (p < n_ && p - colon <= kMaxMediaType &&
           (is_alnum(static_cast<unsigned char>(s_[p])) || s_[p] == '/' || s_[p] == '+' ||
            s_[p] == '.' || s_[p] == '-'))
      ++p;
    std::string_view media = s_.substr(colon + 1, p - colon - 1);
    bool ok = p < n_ && (media.empty() ? s_[p] == ','
                                       : media.find('/') != std::string_view::npos &&
                                             (s_[p] == ',' || s_[p] == ';'));
    if (!ok) return false;
    emit(ExtractKind::kUrl, "data:" + url_build::lower(media), Host{}, k, p);
    resume = p;
    return true;
  }

  // hier-part = "//" authority path-abempty (RFC 3986 3), from the authority at `ab`.
  // Schemeless "www." names come here with `schemeless` set: no userinfo, known TLD required.
  bool parse_hier(std::string_view scheme, std::size_t ub, std::size_t ab, bool schemeless,
                  std::size_t& resume) {
    std::size_t at = std::string_view::npos;
    if (!schemeless) {  // userinfo ends at the last '@' of the authority (RFC 3986 3.2.1)
      for (std::size_t a = ab; a < n_ && a - ab <= kMaxAuthorityBytes; ++a) {
        unsigned char c = static_cast<unsigned char>(s_[a]);
        if (c == '/' || c == '?' || c == '#' || (c < 0x80 && !is_uri_ascii(c))) break;
        if (c == '@') at = a;
      }
    }
    std::size_t hs = at == std::string_view::npos ? ab : at + 1;
    std::size_t he;
    if (hs < n_ && s_[hs] == '[') {  // IP-literal (RFC 3986 3.2.2)
      std::size_t close = s_.substr(hs, kMaxIpv6Literal).find(']');
      if (close == std::string_view::npos) return false;
      he = hs + close + 1;
    } else {
      he = scan_name(hs, false);
    }
    if (he - hs > kMaxAuthorityBytes) return false;
    std::string_view raw_host = s_.substr(hs, he - hs);
    while (!raw_host.empty() && raw_host.back() == '.') raw_host.remove_suffix(1);
    std::size_t pe = he;
    std::string_view port_digits;
    if (pe < n_ && s_[pe] == ':') {
      std::size_t d = pe + 1;
      while (d < n_ && d - pe <= 6 && is_digit(static_cast<unsigned char>(s_[d]))) ++d;
      port_digits = s_.substr(pe + 1, d - pe - 1);
      pe = port_digits.empty() ? pe : d;  // "http://host: text": the ':' is punctuation
    }
    std::optional<Host> host;
    if (raw_host.empty()) {
      if (scheme != "file") return false;
      host = Host{};
    } else {
      if (schemeless) {
        std::size_t dot = raw_host.rfind('.');
        if (dot == std::string_view::npos ||
            tld_class(raw_host.substr(dot + 1)) == TldClass::kUnknown)
          return false;
      }
      host = hosts_.normalize(raw_host);
      if (!host) return false;
    }
    auto port = url_build::normalize_port(scheme, port_digits);
    if (!port) return false;
    std::size_t end = pe;
    if (pe < n_ && (s_[pe] == '/' || s_[pe] == '?' || s_[pe] == '#'))
      end = trim_tail(pe, run_end(pe));
    std::string_view userinfo =
        at == std::string_view::npos ? std::string_view() : s_.substr(ab, at + 1 - ab);
    std::string url =
        url_build::build(scheme, userinfo, *host, *port, s_.substr(pe, end - pe), kMaxUrlBytes);
    emit(ExtractKind::kUrl, std::move(url), std::move(*host), ub, end);
    url_until_ = std::max(url_until_, end);
    resume = pe;  // the path and query are looked into for URLs they carry
    return true;
  }

  bool try_www(std::size_t ws, std::size_t we, std::size_t& resume) {
    if (we - ws < 5) return false;
    for (std::size_t k = 0; k < 4; ++k)
      if (to_lower(s_[ws + k]) != "www."[k]) return false;
    return parse_hier("http", ws, ws, true, resume);
  }

  // addr-spec = local-part "@" domain (RFC 5322 3.4.1), dot-atom local parts only; the local
  // part is the word before '@', cut after any non-ASCII prefix ("連絡はjohn@example.com").
  bool try_email(std::size_t ws, std::size_t at, std::size_t& resume) {
    std::size_t ls = at;
    while (ls > ws && static_cast<unsigned char>(s_[ls - 1]) < 0x80) --ls;
    if (ls == at) ls = ws;  // an all-UTF-8 local part (RFC 6531)
    while (ls < at && (s_[ls] == '.' || s_[ls] == '-')) ++ls;
    std::string_view local = s_.substr(ls, at - ls);
    if (local.empty() || local.size() > kMaxLocalPart || local.back() == '.' ||
        local.find("..") != std::string_view::npos)
      return false;
    std::size_t de = scan_name(at + 1, false);
    while (de > at + 1 && (s_[de - 1] == '.' || s_[de - 1] == '-')) --de;
    std::string_view domain = s_.substr(at + 1, de - at - 1);
    std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || tld_class(domain.substr(dot + 1)) == TldClass::kUnknown)
      return false;
    auto host = hosts_.normalize(domain);
    if (!host || host->kind != HostKind::kName) return false;
    std::string value(local);
    value.push_back('@');
    value.append(host->ascii);
    emit(ExtractKind::kEmail, std::move(value), std::move(*host), ls, de);
    resume = de;
    return true;
  }

  // A word with no scheme or '@': a dotted IPv4 address or a bare domain name.
  void evaluate_word(std::size_t b, std::size_t e) {
    while (e > b && (s_[e - 1] == '.' || s_[e - 1] == '-' || s_[e - 1] == '_' || s_[e - 1] == '+'))
      --e;
    std::string_view w = s_.substr(b, e - b);
    if (w.find('.') == std::string_view::npos) return;
    if (is_digit(static_cast<unsigned char>(w.front()))) {
      // The word is maximal, so "1.2.3.4.5" and "v1.2.3.4" never reach here as four octets.
      if (auto ip = parse_ipv4(w)) {
        emit(ExtractKind::kIp, *ip, Host{*ip, *ip, HostKind::kIpv4}, b, e);
        return;
      }
    }
    if (!opt_.bare_domains || w.find('+') != std::string_view::npos) return;
    std::size_t first_dot = w.find('.');
    std::string_view first = w.substr(0, first_dot);
    if (!is_ascii_text(first) && is_ascii_text(w.substr(first_dot))) {
      // Prose run into the name without a space ("詳細はexample.co.jp"): keep the ASCII tail.
      std::size_t k = first.size();
      while (k > 0 && static_cast<unsigned char>(first[k - 1]) < 0x80) --k;
      if (k < first.size()) {  // an all-non-ASCII first label is an IDN label: keep it
        w.remove_prefix(k);
        b += k;
      }
    }
    while (!w.empty() && (w.front() == '-' || w.front() == '_')) w.remove_prefix(1), ++b;
    if (!is_bare_domain(w)) return;
    auto host = hosts_.normalize(w);
    if (!host || host->kind != HostKind::kName) return;
    std::string value = host->ascii;
    emit(ExtractKind::kDomain, std::move(value), std::move(*host), b, e);
  }

  // Stricter than a URL host: LDH labels (RFC 5890 2.3.1) or U-labels, no '_', and a TLD of
  // class kNormal written all lower or all upper case ("Document.Open" is not a domain).
  static bool is_bare_domain(std::string_view w) {
    std::size_t last = w.rfind('.');
    if (last == std::string_view::npos || last == 0) return false;
    std::string_view tld = w.substr(last + 1);
    if (tld_class(tld) != TldClass::kNormal) return false;
    bool lower = false, upper = false;
    for (char c : tld) lower |= (c >= 'a' && c <= 'z'), upper |= (c >= 'A' && c <= 'Z');
    if (lower && upper) return false;
    std::size_t start = 0;
    while (start <= w.size()) {
      std::size_t dot = std::min(w.find('.', start), w.size());
      std::string_view label = w.substr(start, dot - start);
      if (label.empty() || label.front() == '-' || label.back() == '-' ||
          label.find('_') != std::string_view::npos)
        return false;
      start = dot + 1;
    }
    return true;
  }

  const HostNormalizer& hosts_;
  std::string_view s_;
  std::size_t n_;
  const ExtractOptions& opt_;
  std::vector<Extracted>& out_;
  std::size_t limit_;
  std::size_t url_until_ = 0;
  std::size_t cache_from_ = 1, cache_end_ = 0;  // empty
  std::size_t tail_for_end_ = std::string_view::npos, tail_start_ = 0;
};

void UrlExtractor::extract(std::string_view text, const ExtractOptions& options,
                           std::vector<Extracted>& out) const {
  Scan(hosts_, text, options, out).run();
}

}  // namespace lg
