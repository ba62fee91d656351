#include "detect/link_checks.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <iterator>

#include "core/ascii.h"

namespace lg {
namespace {

constexpr std::size_t kMaxParentLookups = 8;  // labels stripped off a host to find its service

}  // namespace

std::vector<std::string> HostServices::builtin_domains(HostService kind) {
  constexpr std::string_view kShorteners[] = {
      "bit.ly",  "bitly.com", "tinyurl.com", "t.co",     "goo.gl",      "is.gd",        "v.gd",
      "ow.ly",   "buff.ly",   "rebrand.ly",  "cutt.ly",  "shorturl.at", "t.ly",         "rb.gy",
      "tiny.cc", "bl.ink",    "s.id",        "short.io", "x.gd",        "adf.ly",       "bit.do",
      "soo.gd",  "clck.ru",   "u.to",        "t2m.io",   "tinyurl.at",  "shorturl.com", "han.gl",
      "me2.do",  "naver.me",  "kko.to",      "lnkd.in",  "qrco.de",     "urlz.fr"};
  constexpr std::string_view kCodeHosts[] = {"github.com",     "githubusercontent.com",
                                             "github.io",      "gitlab.com",
                                             "gitlab.io",      "bitbucket.org",
                                             "bitbucket.io",   "codeberg.org",
                                             "gitee.com",      "sr.ht",
                                             "npmjs.com",      "npmjs.org",
                                             "npm.im",         "yarnpkg.com",
                                             "pypi.org",       "pythonhosted.org",
                                             "rubygems.org",   "crates.io",
                                             "nuget.org",      "packagist.org",
                                             "hub.docker.com", "replit.com",
                                             "repl.co",        "codesandbox.io",
                                             "stackblitz.com", "glitch.me",
                                             "jsfiddle.net",   "codepen.io"};
  constexpr std::string_view kFileSharing[] = {"drive.google.com",
                                               "drive.usercontent.google.com",
                                               "dropbox.com",
                                               "dropboxusercontent.com",
                                               "db.tt",
                                               "mega.nz",
                                               "mega.co.nz",
                                               "mega.io",
                                               "onedrive.live.com",
                                               "1drv.ms",
                                               "wetransfer.com",
                                               "we.tl",
                                               "mediafire.com",
                                               "anonfiles.com",
                                               "transfer.sh",
                                               "pastebin.com",
                                               "paste.ee",
                                               "ghostbin.com",
                                               "hastebin.com",
                                               "rentry.co",
                                               "sendspace.com",
                                               "zippyshare.com",
                                               "4shared.com",
                                               "file.io",
                                               "gofile.io",
                                               "swisstransfer.com",
                                               "filetransfer.io",
                                               "catbox.moe",
                                               "pixeldrain.com",
                                               "krakenfiles.com",
                                               "gigafile.nu",
                                               "firestorage.jp",
                                               "mybox.naver.com",
                                               "box.com",
                                               "send.now",
                                               "temp.sh"};
  auto list = [](const auto& domains) {
    return std::vector<std::string>(std::begin(domains), std::end(domains));
  };
  switch (kind) {
    case HostService::kShortener:
      return list(kShorteners);
    case HostService::kCodeHost:
      return list(kCodeHosts);
    case HostService::kFileSharing:
      return list(kFileSharing);
    case HostService::kNone:
      break;
  }
  return {};
}

HostServices HostServices::builtin() {
  HostServices s;
  for (HostService kind :
       {HostService::kShortener, HostService::kCodeHost, HostService::kFileSharing})
    s.replace(kind, builtin_domains(kind));
  return s;
}

void HostServices::replace(HostService kind, const std::vector<std::string>& domains) {
  std::erase_if(table_, [kind](const auto& entry) { return entry.second == kind; });
  for (const auto& d : domains) table_[ascii_lower(d)] = kind;
}

HostService HostServices::of(std::string_view host) const {
  for (std::size_t i = 0; i < kMaxParentLookups && !host.empty(); ++i) {
    if (auto it = table_.find(host); it != table_.end()) return it->second;
    std::size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return HostService::kNone;
}

namespace {

// data: media types a browser renders as a page or runs (RFC 2397 media types, lower case).
bool is_active_media_type(std::string_view media) {
  constexpr std::string_view kActive[] = {"text/html",
                                          "application/xhtml+xml",
                                          "image/svg+xml",
                                          "text/javascript",
                                          "application/javascript",
                                          "application/x-javascript",
                                          "application/ecmascript",
                                          "text/vbscript",
                                          "application/hta",
                                          "application/octet-stream",
                                          "application/x-msdownload"};
  for (auto a : kActive)
    if (media == a) return true;
  return false;
}

std::string_view scheme_of(std::string_view url) {
  std::size_t colon = url.find(':');
  return colon == std::string_view::npos ? std::string_view() : url.substr(0, colon);
}

// "user:password@" of a normalized "scheme://userinfo@host..." URL, without the '@'.
std::string_view userinfo_of(std::string_view url) {
  std::size_t start = url.find("://");
  if (start == std::string_view::npos) return {};
  start += 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  std::size_t at = authority.rfind('@');
  return at == std::string_view::npos ? std::string_view() : authority.substr(0, at);
}

bool ipv4_public(const unsigned char* b) {
  if (b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224) return false;
  if (b[0] == 100 && (b[1] & 0xC0) == 64) return false;  // 100.64.0.0/10, RFC 6598
  if (b[0] == 169 && b[1] == 254) return false;
  if (b[0] == 172 && (b[1] & 0xF0) == 16) return false;
  if (b[0] == 192 && b[1] == 168) return false;
  if (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) return false;
  if (b[0] == 198 && b[1] == 51 && b[2] == 100) return false;
  if (b[0] == 203 && b[1] == 0 && b[2] == 113) return false;
  if (b[0] == 198 && (b[1] & 0xFE) == 18) return false;  // 198.18.0.0/15, benchmarking
  return true;
}

}  // namespace

bool is_public_ip(std::string_view ip, HostKind kind) {
  char text[INET6_ADDRSTRLEN];
  if (ip.size() >= sizeof(text)) return false;
  std::memcpy(text, ip.data(), ip.size());
  text[ip.size()] = '\0';
  std::array<unsigned char, 16> b{};
  if (kind == HostKind::kIpv4)
    return inet_pton(AF_INET, text, b.data()) == 1 && ipv4_public(b.data());
  if (kind != HostKind::kIpv6 || inet_pton(AF_INET6, text, b.data()) != 1) return false;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b.data(), kMapped, 12) == 0) return ipv4_public(b.data() + 12);
  if ((b[0] & 0xE0) != 0x20) return false;  // global unicast is 2000::/3 (RFC 4291 2.4)
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // RFC 3849
  return true;
}

void check_link(const Extracted& url, bool is_href, const HostServices& services,
                std::vector<LinkIssue>& out) {
  if (url.kind != ExtractKind::kUrl) return;
  std::string_view scheme = scheme_of(url.value);
  if (scheme == "data") {
    std::string_view media = std::string_view(url.value).substr(5);
    if (is_href || is_active_media_type(media))
      out.push_back({Symbol::LINK_DATA_URL,
                     std::string(is_href ? "link target is a data: URL" : "data: URL") +
                         (media.empty() ? std::string() : " of " + std::string(media))});
    return;
  }
  if (scheme == "file") {
    out.push_back({Symbol::LINK_FILE_URL, url.host.ascii.empty()
                                              ? "file: URL to a local path"
                                              : "file: URL to a share on " + url.host.ascii});
    return;
  }
  if (url.host.ascii.empty()) return;
  if (url.host.kind != HostKind::kName) {
    if (is_public_ip(url.host.ascii, url.host.kind))
      out.push_back({Symbol::LINK_RAW_IP, "link to the IP address " + url.host.ascii});
  } else {
    switch (services.of(url.host.ascii)) {
      case HostService::kShortener:
        out.push_back({Symbol::LINK_SHORTENER, "shortened link via " + url.host.ascii});
        break;
      case HostService::kCodeHost:
        out.push_back({Symbol::LINK_CODE_HOST, "code host or package registry " + url.host.ascii});
        break;
      case HostService::kFileSharing:
        out.push_back({Symbol::LINK_FILE_SHARING, "file-sharing or paste site " + url.host.ascii});
        break;
      case HostService::kNone:
        break;
    }
  }
  std::string_view userinfo = userinfo_of(url.value);
  if (!userinfo.empty()) {
    std::size_t colon = userinfo.find(':');
    std::string shown(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) shown += ":***";
    bool looks_like_host = shown.find('.') != std::string::npos;
    out.push_back({Symbol::LINK_CREDENTIALS,
                   looks_like_host ? "\"" + shown + "@\" before the real host " + url.host.ascii
                                   : "user information \"" + shown + "@\" in the URL"});
  }
}

}  // namespace lg
