#pragma once
/// Turns the VBA projects of one object into facts, text and findings.
#include <vector>

#include "analyzers/ole/vba_project.h"
#include "core/analyzer.h"

namespace lg {

/// Reports `projects` (and carved modules, already inside them) through `ctx`.
void report_vba(const std::vector<VbaProject>& projects, Context& ctx);

/// SHA-256 over every module's visible code (no Attribute lines, LF line ends), modules in
/// name order: the same macros in two documents give the same hash.
std::string vba_code_hash(const std::vector<VbaProject>& projects);

}  // namespace lg
