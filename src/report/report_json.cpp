#include "report/report_json.h"

#include <cmath>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "core/json_writer.h"

namespace lg {

namespace {

double finite_or_zero(double d) { return std::isfinite(d) ? d : 0.0; }

void write_input(JsonWriter& w, const InputInfo& in) {
  w.key("input").begin_object();
  w.member("name", in.name).member("size", in.size);
  w.member("md5", in.md5).member("sha1", in.sha1).member("sha256", in.sha256);
  w.end_object();
}

void write_message(JsonWriter& w, const MessageSummary& m) {
  w.key("message").begin_object();
  w.member("from", m.from).member("to", m.to).member("cc", m.cc);
  w.member("reply_to", m.reply_to).member("subject", m.subject).member("date", m.date);
  w.member("message_id", m.message_id);
  w.end_object();
}

void write_strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  w.key(key).begin_array();
  for (const auto& s : v) w.value(s);
  w.end_array();
}

void write_finding(JsonWriter& w, const Finding& f) {
  w.begin_object();
  w.member("symbol", f.symbol).member("group", f.group);
  w.member("score", finite_or_zero(f.score));
  write_strings(w, "attack", f.attack);
  w.member("object_id", f.object_id).member("path", f.path);
  w.key("evidence").begin_object();
  w.member("value", f.evidence.value).member("detail", f.evidence.detail);
  w.end_object();
  w.member("counted", f.counted);
  w.end_object();
}

void write_fact_value(JsonWriter& w, const FactValue& v) {
  std::visit(
      [&w](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          w.begin_array();
          for (const auto& s : x) w.value(s);
          w.end_array();
        } else {
          w.value(x);  // bool, int64, double (non-finite -> null), string
        }
      },
      v);
}

// Up to this many facts, a repeated key is found by looking at the later ones (no hash map
// to build for the dozen facts of a typical object); above it, by a map (linear time).
constexpr std::size_t kFactsScannedLinearly = 32;

void write_facts(JsonWriter& w, const std::vector<std::pair<std::string, FactValue>>& facts) {
  // A JSON object must not repeat a name: the last value set for a key wins, written where
  // that last value stands.
  std::unordered_map<std::string_view, std::size_t> last;
  const bool small = facts.size() <= kFactsScannedLinearly;
  if (!small) {
    last.reserve(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) last[facts[i].first] = i;
  }
  auto is_last = [&](std::size_t i) {
    if (!small) return last[facts[i].first] == i;
    for (std::size_t j = i + 1; j < facts.size(); ++j)
      if (facts[j].first == facts[i].first) return false;
    return true;
  };
  w.key("facts").begin_object();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (!is_last(i)) continue;
    w.key(facts[i].first);
    write_fact_value(w, facts[i].second);
  }
  w.end_object();
}

void write_object(JsonWriter& w, const ObjectNode& o) {
  w.begin_object();
  w.member("id", o.id);
  w.key("parent");
  if (o.parent < 0) {
    w.null();
  } else {
    w.value(o.parent);
  }
  w.member("depth", o.depth).member("relation", o.relation).member("name", o.name);
  w.member("declared_type", o.declared_type).member("type", o.type).member("size", o.size);
  w.member("md5", o.md5).member("sha1", o.sha1).member("sha256", o.sha256);
  if (o.duplicate_of) w.member("duplicate_of", *o.duplicate_of);
  write_facts(w, o.facts);
  write_strings(w, "anomalies", o.anomalies);
  w.member("path", o.path);
  w.end_object();
}

void write_value_list(JsonWriter& w, std::string_view key,
                      const std::vector<ValueObservable>& values) {
  w.key(key).begin_array();
  for (const auto& v : values) {
    w.begin_object().member("value", v.value).member("object_id", v.object_id).end_object();
  }
  w.end_array();
}

void write_observables(JsonWriter& w, const Observables& obs) {
  w.key("observables").begin_object();
  w.key("urls").begin_array();
  for (const auto& u : obs.urls) {
    w.begin_object();
    w.member("url", u.url).member("host", u.host).member("host_unicode", u.host_unicode);
    w.member("visible_text", u.visible_text).member("defanged", u.defanged);
    w.member("object_id", u.object_id);
    w.end_object();
  }
  w.end_array();
  w.key("domains").begin_array();
  for (const auto& d : obs.domains) {
    w.begin_object();
    w.member("domain", d.domain).member("unicode", d.unicode).member("object_id", d.object_id);
    w.end_object();
  }
  w.end_array();
  write_value_list(w, "emails", obs.emails);
  write_value_list(w, "ips", obs.ips);
  w.key("crypto_addresses").begin_array();
  for (const auto& a : obs.crypto_addresses) {
    w.begin_object();
    w.member("address", a.address).member("chain", a.chain).member("checksummed", a.checksummed);
    w.member("sanctioned", a.sanctioned).member("list_entry", a.list_entry);
    w.member("object_id", a.object_id);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string report_to_json(const Report& r, bool pretty) {
  JsonWriter w(pretty);
  w.begin_object();
  w.member("schema", r.schema).member("version", r.version);
  write_input(w, r.input);
  if (r.message) write_message(w, *r.message);
  w.member("score", finite_or_zero(r.score));
  w.member("verdict", verdict_name(r.verdict)).member("action", action_name(r.action));
  w.key("findings").begin_array();
  for (const auto& f : r.findings) write_finding(w, f);
  w.end_array();
  w.key("objects").begin_array();
  for (const auto& o : r.objects) write_object(w, o);
  w.end_array();
  write_observables(w, r.observables);
  w.key("limits_hit").begin_array();
  for (const auto& l : r.limits_hit) {
    w.begin_object();
    w.member("limit", l.limit).member("object_id", l.object_id).member("detail", l.detail);
    w.end_object();
  }
  w.end_array();
  w.member("elapsed_ms", finite_or_zero(r.elapsed_ms));
  if (!r.error.empty()) w.member("error", r.error);
  w.end_object();
  return w.take();
}

std::string report_to_jsonl(const Report& r) { return report_to_json(r, false) + "\n"; }

}  // namespace lg
