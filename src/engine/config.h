#pragma once
/// Engine configuration: scoring thresholds, symbol weights, group caps and limits, read from a
/// TOML file (toml++). Every key is optional; defaults are the named constants.
///
///   [scoring]
///   suspicious = 6          # score at which a message is suspicious (action add_header)
///   malicious = 15          # ... malicious (action quarantine)
///   reject = 40             # optional: at or above this the action is reject
///   [scoring.weights]       # SYMBOL_NAME = score, overrides the default weight
///   [scoring.group_caps]    # group = largest total the group may add
///   [limits]                # the fields of lg::Limits, same names
///   [passwords]
///   list = ["infected"]     # tried on encrypted content after those found in the message
///   [intel]
///   sanctions = ["path"]    # files or directories of sanctioned addresses (OFAC SDN
///                           # XML/CSV, plain lists), relative to the config file; none by default
///   [brands]                # protected brands (detect/brands.h)
///   builtin = true          # false: the built-in list (threat model's brands) is not used
///   own = ["example.co.jp"] # the organisation's own domains (Config::own_domains)
///   [[brands.add]]          # one more brand: name (required), category, domains, tokens,
///   name = "Acme Exchange"  # names (display-name spellings), generic (bool)
///   domains = ["acme.exchange"]
///   [treasury]
///   addresses = ["bc1q..."] # the organisation's own deposit/treasury addresses (validated)
///   [auth]
///   trusted_authserv_ids = ["mx.example.com"]  # whose Authentication-Results/Received-SPF count
///   [dkim]
///   resolver = "none"       # none (body hashes only), dns (system resolver), file (keys)
///   keys = "path"           # with resolver = "file": "NAME RECORD" lines, relative to the file
///   nameserver = "127.0.0.1:53"  # with resolver = "dns": ask this server, not resolv.conf's
///   [sender]
///   executives = ["Jane Doe"]            # names an impostor would put in a display name
///   internal_domains = ["example.com"]   # alias of [brands] own: both add to own_domains
///   freemail_domains = ["gmail.com"]     # replaces the built-in free-mail list
///   [cache]
///   results = 512           # reports kept for inputs seen again (engine/result_cache.h); 0: none
///   [links]                 # each list replaces its built-in one (detect/link_checks.h)
///   shorteners = ["bit.ly"]
///   code_hosts = ["github.com"]          # code hosts and package registries
///   file_sharing = ["dropbox.com"]       # file-sharing and paste sites
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/status.h"
#include "core/symbol.h"
#include "detect/brands.h"
#include "detect/link_checks.h"

namespace lg {

struct ScoringConfig {
  static constexpr double kSuspicious = 6;
  static constexpr double kMalicious = 15;

  double suspicious = kSuspicious;
  double malicious = kMalicious;
  std::optional<double> reject;              // absent: never reject, quarantine instead
  std::map<std::string, double> weights;     // symbol name -> score
  std::map<std::string, double> group_caps;  // group -> cap on its positive total

  /// The weight in force for `s`.
  double weight(Symbol s) const;
};

struct Config {
  ScoringConfig scoring;
  Limits limits;
  /// Tried on encrypted archives and documents after the passwords found in the message.
  std::vector<std::string> passwords;
  /// Intelligence files loaded when the engine is made (Engine::create).
  struct Intel {
    std::vector<std::string> sanctions;  // files or directories; see SanctionsList::load
  } intel;
  /// The organisation's own domains, one notion for every check: protected as a brand
  /// (look-alikes of them are findings) and internal to the sender checks (an executive's name
  /// on an address outside them is an impostor). [brands] own and its alias [sender]
  /// internal_domains both add to it.
  std::vector<std::string> own_domains;
  /// Protected brands for look-alike domains and display names.
  struct Brands {
    bool builtin = true;       // include default_brands()
    std::vector<Brand> added;  // [[brands.add]]
  } brands;
  /// Treasury addresses: another address of their chain presented as a change is a finding.
  struct Treasury {
    std::vector<std::string> addresses;
  } treasury;
  /// Which hosts' authentication results are believed (none by default).
  struct Auth {
    std::vector<std::string> trusted_authserv_ids;
  } auth;
  /// Where DKIM keys come from. The default looks nothing up: body hashes are still checked.
  struct Dkim {
    std::string resolver = "none";  // none, dns or file
    std::string keys;               // the key file for "file"
    std::string nameserver;         // for "dns": "IPv4[:port]" instead of resolv.conf's
  } dkim;
  /// Sender checks (detect/sender_checks.h).
  struct Sender {
    std::vector<std::string> executives;
    std::optional<std::vector<std::string>> freemail_domains;  // absent: the built-in list
  } sender;
  /// Reports kept by the SHA-256 of the input (ResultCache); 0 keeps none.
  struct Cache {
    std::size_t results = 512;
  } cache;
  /// Link host lists; absent: the built-in list (HostServices::builtin_domains).
  struct Links {
    std::optional<std::vector<std::string>> shorteners;
    std::optional<std::vector<std::string>> code_hosts;
    std::optional<std::vector<std::string>> file_sharing;
  } links;
};

/// The brands the engine protects: the built-in list (unless turned off), the added ones,
/// and the organisation's own domains.
std::vector<Brand> protected_brands(const Config& config);

/// Which link hosts are shorteners, code hosts and file-sharing sites: the built-in lists with
/// those [links] replaces.
HostServices host_services(const Config& config);

/// The defaults: thresholds 6/15, no reject, caps on the weak groups (anomaly, limit), and the
/// passwords malware sharers and test corpora use.
Config default_config();
/// Parses TOML text on top of the defaults. Unknown sections, keys or symbol names are errors:
/// a typo in a weight must not silently do nothing.
Result<Config> parse_config(std::string_view toml_text);
/// Reads a config file; relative [intel] and [dkim] paths are taken relative to the file's
/// directory.
Result<Config> load_config(const std::string& path);

}  // namespace lg
