#pragma once
/// The engine: built once from a Config, immutable, shared by all scanning threads
/// (std::shared_ptr<const Engine>). scan() turns one input's bytes into one Report.
#include <memory>
#include <string_view>

#include "core/bytes.h"
#include "detect/text_scanner.h"
#include "engine/config.h"
#include "report/report.h"

namespace lg {

class Engine {
 public:
  explicit Engine(Config config);

  /// Analyzes `data` (named `name` for the report) and everything inside it, within the
  /// configured limits. Never throws for bad input; a limit hit or an analyzer failure is a
  /// finding and the partial result is kept. Thread-safe.
  Report scan(std::string_view name, ByteView data) const;

  const Config& config() const { return config_; }

 private:
  Config config_;
  TextScanner text_scanner_;
};

}  // namespace lg
