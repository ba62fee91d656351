#pragma once
/// `lureguard scan`: reads the inputs, scans them on N threads, prints the reports in input
/// order, and returns the exit code (0 all clean, 1 any suspicious, 2 any malicious, 3 any
/// input unreadable; 3 wins, since a missing verdict must not read as a clean one).
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace lg {

enum class OutputFormat { kText, kJson, kJsonl };

struct ScanOptions {
  std::vector<std::string> paths;
  OutputFormat format = OutputFormat::kText;
  unsigned jobs = 1;
  bool color = false;  // ANSI colours in text output
};

int run_scan(const Engine& engine, const ScanOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace lg
