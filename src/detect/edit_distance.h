#pragma once
/// Edit distances for look-alike names: the optimal string alignment form of the
/// Damerau-Levenshtein distance (insertions, deletions, substitutions and transpositions of
/// two adjacent characters, each substring edited once), over bytes.
#include <cstddef>
#include <string_view>

namespace lg {

/// Longest string osa_distance compares; longer inputs count as "far" (kMaxEditLength + 1).
inline constexpr std::size_t kMaxEditLength = 64;

/// The OSA distance between `a` and `b`, or `bound + 1` as soon as it is known to exceed
/// `bound` (length difference, or a whole row above it). O(|a| * |b|) time, no allocation.
/// Strings over kMaxEditLength bytes are reported as `bound + 1`.
std::size_t osa_distance(std::string_view a, std::string_view b, std::size_t bound);

}  // namespace lg
