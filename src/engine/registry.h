#pragma once
/// The one list of analyzers: which analyzer handles which identified type.
#include <functional>
#include <memory>

#include "core/analyzer.h"
#include "core/file_type.h"

namespace lg {

/// A fresh analyzer for objects of type `t`, or nullptr when the type has none (its bytes are
/// still identified, hashed and checked by name). Analyzers are cheap and hold no state
/// between objects.
std::unique_ptr<Analyzer> make_analyzer(FileType t);

/// What Scan uses to get analyzers: make_analyzer in production, a stand-in in tests.
using AnalyzerFactory = std::function<std::unique_ptr<Analyzer>(FileType)>;

}  // namespace lg
