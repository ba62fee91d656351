#include "detect/lure.h"

#include <cstdio>

#include "detect/lexicon_text.h"

namespace lg {

double lure_kind_factor(TextKind kind) {
  switch (kind) {
    case TextKind::kScript:
    case TextKind::kMacro:
    case TextKind::kArguments:
      return 0.5;
    default:
      return 1.0;
  }
}

LureState::LureState(const Lexicon& lexicon, Lexicon::Scratch& scratch)
    : lexicon_(lexicon), scratch_(scratch), best_(lexicon.size(), 0.0f) {}

void LureState::add(TextKind kind, std::string_view utf8) {
  if (utf8.empty()) return;
  NormalizedText& normalized = scratch_.text_buffer();
  normalize_lexicon_text(utf8, kind, normalized);
  if (auto st = lexicon_.scan(normalized, scratch_); !st.is_ok()) {
    if (status_.is_ok()) status_ = std::move(st);
    return;
  }
  const double factor = lure_kind_factor(kind);
  for (const auto id : scratch_.hits()) {  // bounded by the lexicon's size
    const auto& p = lexicon_.phrase(id);
    const auto w = static_cast<float>(p.weight * factor);
    if (w <= best_[id]) continue;
    if (best_[id] == 0.0f) matched_.push_back(id);
    scores_[static_cast<std::size_t>(p.theme)] += w - best_[id];
    best_[id] = w;
  }
}

std::vector<LureHit> LureState::finish() const {
  std::vector<LureHit> hits;
  for (std::size_t t = 0; t < kLureThemeCount; ++t) {
    const auto theme = static_cast<LureTheme>(t);
    // A small tolerance: weights are summed in float.
    if (scores_[t] + 1e-6 < lexicon_.threshold(theme)) continue;
    LureHit hit{theme, lure_theme_symbol(theme), scores_[t], {}};
    std::size_t named = 0, more = 0;
    for (const auto id : matched_) {
      const auto& p = lexicon_.phrase(id);
      if (p.theme != theme) continue;
      if (named == kMaxEvidencePhrases) {
        ++more;
        continue;
      }
      if (named++ > 0) hit.evidence.value += "; ";
      hit.evidence.value += p.text;
    }
    if (more > 0) hit.evidence.value += "; (+" + std::to_string(more) + " more)";
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.1f", scores_[t]);
    hit.evidence.detail = "theme: " + std::string(lure_theme_name(theme)) + ", weight " + weight;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace lg
