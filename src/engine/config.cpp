#include "engine/config.h"

#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "detect/crypto_address.h"
#include "detect/dkim_keys.h"

namespace lg {
namespace {

Status bad(std::string msg) { return Status::error(ErrorCode::kMalformed, std::move(msg)); }

std::optional<double> number(const toml::node& n) {
  if (auto v = n.value<double>()) return *v;
  if (auto i = n.value<std::int64_t>()) return static_cast<double>(*i);
  return std::nullopt;
}

Status read_scoring(const toml::table& t, ScoringConfig& s) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key == "weights" || key == "group_caps") {
      const auto* tab = node.as_table();
      if (!tab) return bad("scoring." + key + " must be a table");
      for (const auto& [name, v] : *tab) {
        auto d = number(v);
        if (!d) return bad("scoring." + key + "." + std::string(name.str()) + " must be a number");
        if (key == "weights") {
          if (!symbol_by_name(name.str()))
            return bad("unknown symbol in scoring.weights: " + std::string(name.str()));
          s.weights[std::string(name.str())] = *d;
        } else {
          s.group_caps[std::string(name.str())] = *d;
        }
      }
      continue;
    }
    auto d = number(node);
    if (!d) return bad("scoring." + key + " must be a number");
    if (key == "suspicious")
      s.suspicious = *d;
    else if (key == "malicious")
      s.malicious = *d;
    else if (key == "reject")
      s.reject = *d;
    else
      return bad("unknown key scoring." + key);
  }
  if (s.malicious < s.suspicious) return bad("scoring.malicious is below scoring.suspicious");
  if (s.reject && *s.reject < s.malicious) return bad("scoring.reject is below scoring.malicious");
  return Status::ok();
}

template <class T>
Status read_non_negative(const toml::node& n, const std::string& key, T& out) {
  auto d = number(n);
  // A double beyond T's range has no defined conversion: refused, not wrapped.
  if (!d || *d < 0 || *d > static_cast<double>(std::numeric_limits<T>::max()))
    return bad(key + " must be a non-negative number no larger than " +
               std::to_string(std::numeric_limits<T>::max()));
  out = static_cast<T>(*d);
  return Status::ok();
}

Status read_limits(const toml::table& t, Limits& l) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    Status st;
    if (key == "max_depth")
      st = read_non_negative(node, "limits." + key, l.max_depth);
    else if (key == "max_objects")
      st = read_non_negative(node, "limits." + key, l.max_objects);
    else if (key == "max_object_bytes")
      st = read_non_negative(node, "limits." + key, l.max_object_bytes);
    else if (key == "max_total_bytes")
      st = read_non_negative(node, "limits." + key, l.max_total_bytes);
    else if (key == "max_ratio")
      st = read_non_negative(node, "limits." + key, l.max_ratio);
    else if (key == "deadline_ms")
      st = read_non_negative(node, "limits." + key, l.deadline_ms);
    else if (key == "max_mime_parts")
      st = read_non_negative(node, "limits." + key, l.max_mime_parts);
    else if (key == "max_headers")
      st = read_non_negative(node, "limits." + key, l.max_headers);
    else if (key == "max_text_bytes")
      st = read_non_negative(node, "limits." + key, l.max_text_bytes);
    else
      return bad("unknown key limits." + key);
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

Status read_passwords(const toml::table& t, std::vector<std::string>& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key != "list") return bad("unknown key passwords." + key);
    const auto* arr = node.as_array();
    if (!arr) return bad("passwords.list must be an array of strings");
    out.clear();
    for (const auto& v : *arr) {
      auto s = v.value<std::string>();
      if (!s || s->empty()) return bad("passwords.list must hold non-empty strings");
      out.push_back(*s);
    }
  }
  return Status::ok();
}

Status read_intel(const toml::table& t, Config::Intel& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key != "sanctions") return bad("unknown key intel." + key);
    const auto* arr = node.as_array();
    if (!arr) return bad("intel.sanctions must be an array of paths");
    out.sanctions.clear();
    for (const auto& v : *arr) {
      auto s = v.value<std::string>();
      if (!s || s->empty()) return bad("intel.sanctions must hold non-empty paths");
      out.sanctions.push_back(*s);
    }
  }
  return Status::ok();
}

Result<std::vector<std::string>> string_array(const toml::node& node, const std::string& key) {
  const auto* arr = node.as_array();
  if (!arr) return bad(key + " must be an array of strings");
  std::vector<std::string> out;
  for (const auto& v : *arr) {
    auto s = v.value<std::string>();
    if (!s || s->empty()) return bad(key + " must hold non-empty strings");
    out.push_back(*s);
  }
  return out;
}

Status read_brand(const toml::table& t, Brand& b) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    std::string where = "brands.add." + key;
    if (key == "name" || key == "category") {
      auto v = node.value<std::string>();
      if (!v || v->empty()) return bad(where + " must be a non-empty string");
      (key == "name" ? b.name : b.category) = *v;
    } else if (key == "generic") {
      auto v = node.value_exact<bool>();  // value<bool> would take 1 for true
      if (!v) return bad(where + " must be true or false");
      b.generic = *v;
    } else if (key == "domains" || key == "tokens" || key == "names") {
      auto v = string_array(node, where);
      if (!v) return v.status();
      (key == "domains" ? b.domains : key == "tokens" ? b.tokens : b.names) = std::move(*v);
    } else {
      return bad("unknown key " + where);
    }
  }
  if (b.name.empty()) return bad("brands.add needs a name");
  if (b.category.empty()) b.category = "brand";
  return Status::ok();
}

// Adds `v` to the own domains, once each ([brands] own and [sender] internal_domains).
void add_own_domains(std::vector<std::string> v, std::vector<std::string>& own) {
  for (auto& d : v)
    if (std::find(own.begin(), own.end(), d) == own.end()) own.push_back(std::move(d));
}

Status read_brands(const toml::table& t, Config::Brands& out, std::vector<std::string>& own) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key == "builtin") {
      auto v = node.value_exact<bool>();
      if (!v) return bad("brands.builtin must be true or false");
      out.builtin = *v;
    } else if (key == "own") {
      auto v = string_array(node, "brands.own");
      if (!v) return v.status();
      add_own_domains(std::move(*v), own);
    } else if (key == "add") {
      const auto* arr = node.as_array();
      if (!arr) return bad("brands.add must be an array of tables ([[brands.add]])");
      for (const auto& item : *arr) {
        const auto* tab = item.as_table();
        if (!tab) return bad("brands.add must be an array of tables ([[brands.add]])");
        Brand b;
        if (Status st = read_brand(*tab, b); !st.is_ok()) return st;
        out.added.push_back(std::move(b));
      }
    } else {
      return bad("unknown key brands." + key);
    }
  }
  return Status::ok();
}

Status read_treasury(const toml::table& t, Config::Treasury& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key != "addresses") return bad("unknown key treasury." + key);
    auto v = string_array(node, "treasury.addresses");
    if (!v) return v.status();
    for (const std::string& a : *v)  // a mistyped address would protect nothing
      if (!validate_crypto_address(a))
        return bad("treasury.addresses: not a valid cryptocurrency address: " + a);
    out.addresses = std::move(*v);
  }
  return Status::ok();
}

Status read_strings(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
  auto v = string_array(node, key);
  if (!v) return v.status();
  out = std::move(*v);
  return Status::ok();
}

Status read_auth(const toml::table& t, Config::Auth& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key != "trusted_authserv_ids") return bad("unknown key auth." + key);
    Status st = read_strings(node, "auth." + key, out.trusted_authserv_ids);
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

Status read_dkim(const toml::table& t, Config::Dkim& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    auto s = node.value<std::string>();
    if (key != "resolver" && key != "keys" && key != "nameserver")
      return bad("unknown key dkim." + key);
    if (!s || s->empty()) return bad("dkim." + key + " must be a non-empty string");
    if (key == "resolver") {
      if (*s != "none" && *s != "dns" && *s != "file")
        return bad("dkim.resolver must be none, dns or file");
      out.resolver = *s;
    } else if (key == "nameserver") {
      if (auto ns = parse_nameserver(*s); !ns)
        return bad("dkim.nameserver: " + ns.status().message());
      out.nameserver = *s;
    } else {
      out.keys = *s;
    }
  }
  if (out.resolver == "file" && out.keys.empty())
    return bad("dkim.resolver = \"file\" needs dkim.keys");
  if (!out.nameserver.empty() && out.resolver != "dns")
    return bad("dkim.nameserver needs dkim.resolver = \"dns\"");
  return Status::ok();
}

Status read_sender(const toml::table& t, Config::Sender& out, std::vector<std::string>& own) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    Status st;
    if (key == "executives") {
      st = read_strings(node, "sender." + key, out.executives);
    } else if (key == "internal_domains") {  // an alias of [brands] own
      auto v = string_array(node, "sender." + key);
      if (!v) return v.status();
      add_own_domains(std::move(*v), own);
    } else if (key == "freemail_domains") {
      out.freemail_domains.emplace();
      st = read_strings(node, "sender." + key, *out.freemail_domains);
    } else {
      return bad("unknown key sender." + key);
    }
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

Status read_cache(const toml::table& t, Config::Cache& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    if (key != "results") return bad("unknown key cache." + key);
    Status st = read_non_negative(node, "cache." + key, out.results);
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

Status read_links(const toml::table& t, Config::Links& out) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    std::optional<std::vector<std::string>>* list = key == "shorteners"     ? &out.shorteners
                                                    : key == "code_hosts"   ? &out.code_hosts
                                                    : key == "file_sharing" ? &out.file_sharing
                                                                            : nullptr;
    if (list == nullptr) return bad("unknown key links." + key);
    list->emplace();
    if (Status st = read_strings(node, "links." + key, **list); !st.is_ok()) return st;
  }
  return Status::ok();
}

}  // namespace

HostServices host_services(const Config& config) {
  HostServices s = HostServices::builtin();
  if (config.links.shorteners) s.replace(HostService::kShortener, *config.links.shorteners);
  if (config.links.code_hosts) s.replace(HostService::kCodeHost, *config.links.code_hosts);
  if (config.links.file_sharing) s.replace(HostService::kFileSharing, *config.links.file_sharing);
  return s;
}

std::vector<Brand> protected_brands(const Config& config) {
  std::vector<Brand> out;
  if (config.brands.builtin) out = default_brands();
  out.insert(out.end(), config.brands.added.begin(), config.brands.added.end());
  if (!config.own_domains.empty()) out.push_back(own_domains_brand(config.own_domains));
  return out;
}

double ScoringConfig::weight(Symbol s) const {
  const auto& info = symbol_info(s);
  if (!weights.empty()) {
    auto it = weights.find(std::string(info.name));
    if (it != weights.end()) return it->second;
  }
  return info.score;
}

Config default_config() {
  Config c;
  // Weak signals may add up, but only so far: many anomalies alone are not an attack.
  c.scoring.group_caps["anomaly"] = 3;
  c.scoring.group_caps["limit"] = 4;
  // Lure language alone may make a message suspicious, never malicious.
  c.scoring.group_caps["lure"] = 9;
  c.passwords = {"infected", "malware", "virus", "password", "1234", "123456"};
  return c;
}

Result<Config> parse_config(std::string_view toml_text) {
  Config c = default_config();
  // Debian's toml++ is built with exceptions: a syntax error is a parse_error, caught here so
  // that none leaves this function.
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "config line " << e.source().begin.line << ": " << e.description();
    return bad(msg.str());
  }
  for (const auto& [k, node] : root) {
    const auto* tab = node.as_table();
    std::string key(k.str());
    if (!tab) return bad("top-level key " + key + " must be a table");
    Status st;
    if (key == "scoring")
      st = read_scoring(*tab, c.scoring);
    else if (key == "limits")
      st = read_limits(*tab, c.limits);
    else if (key == "passwords")
      st = read_passwords(*tab, c.passwords);
    else if (key == "intel")
      st = read_intel(*tab, c.intel);
    else if (key == "brands")
      st = read_brands(*tab, c.brands, c.own_domains);
    else if (key == "treasury")
      st = read_treasury(*tab, c.treasury);
    else if (key == "auth")
      st = read_auth(*tab, c.auth);
    else if (key == "dkim")
      st = read_dkim(*tab, c.dkim);
    else if (key == "sender")
      st = read_sender(*tab, c.sender, c.own_domains);
    else if (key == "links")
      st = read_links(*tab, c.links);
    else if (key == "cache")
      st = read_cache(*tab, c.cache);
    else
      return bad("unknown section [" + key + "]");
    if (!st.is_ok()) return st;
  }
  return c;
}

Result<Config> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(ErrorCode::kIo, "cannot read config " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto config = parse_config(ss.str());
  if (!config) return config;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  for (std::string& p : config->intel.sanctions)
    if (std::filesystem::path(p).is_relative()) p = (dir / p).string();
  if (!config->dkim.keys.empty() && std::filesystem::path(config->dkim.keys).is_relative())
    config->dkim.keys = (dir / config->dkim.keys).string();
  return config;
}

}  // namespace lg
