#pragma once
/// A minimal Context for analyzer harnesses: accepts everything an analyzer reports, keeps
/// only counts, and honours the limits the engine would enforce (object count, object and
/// total bytes) so a harness exercises the analyzer's own refusal paths. It also checks the
/// contract's promises: text, links and string facts are UTF-8, children stay within limits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/analyzer.h"
#include "core/charset.h"
#include "fuzz/fuzz_check.h"

namespace lg::fuzz {

class FuzzContext final : public Context {
 public:
  /// Limits small enough that a few kilobytes of input can reach them.
  static Limits small_limits() {
    Limits l;
    l.max_objects = 64;
    l.max_object_bytes = 1u << 20;
    l.max_total_bytes = 4u << 20;
    l.max_mime_parts = 200;
    l.max_headers = 500;
    l.max_text_bytes = 1u << 20;
    return l;
  }

  explicit FuzzContext(Limits limits = small_limits()) : limits_(limits) {}

  void finding(Symbol, Evidence) override { ++findings_; }
  void text(TextKind, std::string_view utf8) override {
    LG_FUZZ_CHECK(is_valid_utf8(utf8));
    text_bytes_ += utf8.size();
  }
  void link(std::string_view, std::string_view) override { ++links_; }
  void fact(std::string_view key, FactValue v) override {
    LG_FUZZ_CHECK(!key.empty());
    if (const auto* s = std::get_if<std::string>(&v)) LG_FUZZ_CHECK(is_valid_utf8(*s));
    ++facts_;
  }
  Status child(ChildInfo info, Bytes data) override {
    if (children_.size() + 1 >= limits_.max_objects) {
      return Status::error(ErrorCode::kLimit, "objects");
    }
    if (data.size() > limits_.max_object_bytes) {
      return Status::error(ErrorCode::kLimit, "object bytes");
    }
    if (total_bytes_ + data.size() > limits_.max_total_bytes) {
      return Status::error(ErrorCode::kLimit, "total bytes");
    }
    LG_FUZZ_CHECK(is_valid_utf8(info.name));
    total_bytes_ += data.size();
    children_.push_back({std::move(info), std::move(data)});
    return Status::ok();
  }
  void anomaly(std::string_view what) override {
    LG_FUZZ_CHECK(!what.empty());
    ++anomalies_;
  }
  [[nodiscard]] const Limits& limits() const override { return limits_; }
  [[nodiscard]] bool should_stop() const override { return false; }

  struct Child {
    ChildInfo info;
    Bytes data;
  };
  /// The children handed over so far (moved out: the harness may analyze them in turn).
  std::vector<Child> take_children() { return std::exchange(children_, {}); }

 private:
  Limits limits_;
  std::vector<Child> children_;
  std::uint64_t total_bytes_ = 0;
  std::size_t findings_ = 0, links_ = 0, facts_ = 0, anomalies_ = 0, text_bytes_ = 0;
};

}  // namespace lg::fuzz
