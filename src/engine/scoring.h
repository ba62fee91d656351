#pragma once
/// Score, verdict and action from a report's findings ([scoring] in the config).
#include "engine/config.h"
#include "report/report.h"

namespace lg {

/// Marks repeats (each symbol counts once per input: its first finding), sums the counted
/// scores with group caps applied to each group's positive total, and sets score, verdict
/// and action on `report`.
void score_report(const ScoringConfig& cfg, Report& report);

}  // namespace lg
