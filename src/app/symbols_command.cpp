#include "app/symbols_command.h"

#include <cstdio>

#include "core/json_writer.h"
#include "core/symbol.h"

namespace lg {
namespace {

std::string format_score(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string text_listing(const ScoringConfig& scoring) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-28s %-10s %6s  %s\n", "SYMBOL", "GROUP", "SCORE",
                "ATT&CK / DESCRIPTION");
  out += line;
  for (const auto& s : symbol_table()) {
    std::snprintf(line, sizeof line, "%-28.*s %-10.*s %6s  %.*s\n", static_cast<int>(s.name.size()),
                  s.name.data(), static_cast<int>(s.group.size()), s.group.data(),
                  format_score(scoring.weight(s.symbol)).c_str(), static_cast<int>(s.attack.size()),
                  s.attack.data());
    out += line;
    out += "    ";
    out += s.description;
    out += "\n";
  }
  return out;
}

std::string json_listing(const ScoringConfig& scoring) {
  JsonWriter w(true);
  w.begin_array();
  for (const auto& s : symbol_table()) {
    w.begin_object();
    w.key("name").value(s.name);
    w.key("group").value(s.group);
    w.key("score").value(scoring.weight(s.symbol));
    w.key("default_score").value(s.score);
    w.key("attack").begin_array();
    for (auto id : attack_ids(s)) w.value(id);
    w.end_array();
    w.key("description").value(s.description);
    w.end_object();
  }
  w.end_array();
  return w.take() + "\n";
}

}  // namespace

std::string symbols_listing(const ScoringConfig& scoring, bool json) {
  return json ? json_listing(scoring) : text_listing(scoring);
}

}  // namespace lg
