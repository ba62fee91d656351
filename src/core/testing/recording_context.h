#pragma once
/// Test helper for every analyzer's tests: a Context that records everything reported.
/// Header-only, never linked into the product.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/testing/test_files.h"

namespace lg::testing {

class RecordingContext final : public Context {
 public:
  struct Finding {
    Symbol symbol;
    Evidence evidence;
  };
  struct Text {
    TextKind kind;
    std::string utf8;
  };
  struct Link {
    std::string href;
    std::string visible;
  };
  struct Child {
    ChildInfo info;
    Bytes data;
  };

  void finding(Symbol s, Evidence e) override { findings.push_back({s, std::move(e)}); }
  void text(TextKind kind, std::string_view utf8) override {
    texts.push_back({kind, std::string(utf8)});
  }
  void link(std::string_view href, std::string_view visible) override {
    links.push_back({std::string(href), std::string(visible)});
  }
  void fact(std::string_view key, FactValue v) override { facts[std::string(key)] = std::move(v); }
  Status child(ChildInfo info, Bytes data) override {
    if (children.size() >= max_children) return Status::error(ErrorCode::kLimit, "children");
    children.push_back({std::move(info), std::move(data)});
    return Status::ok();
  }
  void anomaly(std::string_view what) override { anomalies.emplace_back(what); }
  /// Kept as given: its views point into the buffer the analyzer was given.
  void message(const MessageInfo& info) override { messages.push_back(info); }
  const Limits& limits() const override { return limits_; }
  bool should_stop() const override { return false; }
  std::vector<std::string> candidate_passwords() const override {
    std::vector<std::string> out = text_passwords;
    out.insert(out.end(), passwords.begin(), passwords.end());
    return out;
  }
  bool password_from_text(std::string_view pw) const override {
    return std::find(text_passwords.begin(), text_passwords.end(), pw) != text_passwords.end();
  }
  bool sender_external() const override { return external_sender; }

  /// The string fact, or "<missing>".
  std::string str(const std::string& key) const {
    auto it = facts.find(key);
    if (it == facts.end()) return "<missing>";
    if (auto* s = std::get_if<std::string>(&it->second)) return *s;
    return "<not a string>";
  }
  std::int64_t num(const std::string& key) const {
    auto it = facts.find(key);
    if (it == facts.end()) return -1;
    if (auto* n = std::get_if<std::int64_t>(&it->second)) return *n;
    return -2;
  }
  bool has(Symbol s) const {
    return std::any_of(findings.begin(), findings.end(),
                       [s](const Finding& f) { return f.symbol == s; });
  }
  /// All text of one kind, joined with "\n".
  std::string all_text(TextKind kind) const {
    std::string out;
    for (const auto& t : texts) {
      if (t.kind != kind) continue;
      if (!out.empty()) out += "\n";
      out += t.utf8;
    }
    return out;
  }

  Limits limits_;
  std::size_t max_children = 100000;
  std::vector<Finding> findings;
  std::vector<Text> texts;
  std::vector<Link> links;
  std::map<std::string, FactValue> facts;
  std::vector<Child> children;
  std::vector<std::string> anomalies;
  std::vector<std::string> text_passwords;  // as if given in the message text
  std::vector<std::string> passwords;       // as if configured
  bool external_sender = false;             // sender_external()
  std::vector<MessageInfo> messages;
};

}  // namespace lg::testing
