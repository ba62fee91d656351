#pragma once
/// `lureguard symbols`: the symbol table with the weights in force.
#include <string>

#include "engine/config.h"

namespace lg {

/// A text table (80 columns) or a JSON array of {name, group, score, default_score, attack,
/// description}.
std::string symbols_listing(const ScoringConfig& scoring, bool json);

}  // namespace lg
