#pragma once
/// The lure-language classifier: themes of the first contact (recruitment, contracts and
/// investment, account alarms, "run this" instructions, enable-content requests, passwords
/// given for attachments, urgency and secrecy, COVID-era cooperation, North Korean spelling),
/// in English, Korean and Japanese. Scores accumulate over all text of one input (subject,
/// body, attachment text, macros); finish() turns the themes that pass their thresholds into
/// findings.
///
/// Use: one Lexicon per engine (shared, immutable), one Lexicon::Scratch per thread, one
/// LureState per input:
///   LureState lure(lexicon, scratch);
///   lure.add(TextKind::kSubject, subject); lure.add(TextKind::kBody, body); ...
///   for (auto& hit : lure.finish()) sink.finding(hit.symbol, hit.evidence);
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"
#include "core/status.h"
#include "detect/lexicon.h"

namespace lg {

struct LureHit {
  LureTheme theme;
  Symbol symbol;
  double weight;      // summed weights of the distinct phrases matched
  Evidence evidence;  // value: the phrases, "; "-joined; detail: "theme: T, weight W"
};

class LureState {
 public:
  /// At most this many phrases are named in one theme's evidence (all of them count).
  static constexpr std::size_t kMaxEvidencePhrases = 12;

  /// `lexicon` and `scratch` (made from it) must outlive the state; `scratch` is used by
  /// add() only, so one scratch may serve the states of one thread in turn.
  LureState(const Lexicon& lexicon, Lexicon::Scratch& scratch);

  /// Matches one piece of text. A phrase counts once per input, with its weight scaled by
  /// where it was found (script, macro and command-line text count half: their words are
  /// code, not what a person is told). Linear in the text.
  void add(TextKind kind, std::string_view utf8);

  /// The themes whose scores reach their thresholds, in theme order.
  [[nodiscard]] std::vector<LureHit> finish() const;

  /// A theme's score so far.
  [[nodiscard]] double score(LureTheme t) const { return scores_[static_cast<std::size_t>(t)]; }
  /// Distinct phrase ids matched so far, in order of first match.
  [[nodiscard]] const std::vector<std::uint32_t>& matched() const { return matched_; }
  /// Ok, or the first scan error met (the text it happened on was skipped).
  [[nodiscard]] const Status& status() const { return status_; }

 private:
  const Lexicon& lexicon_;
  Lexicon::Scratch& scratch_;
  std::array<double, kLureThemeCount> scores_{};
  std::vector<float> best_;  // per phrase id: the largest scaled weight counted so far
  std::vector<std::uint32_t> matched_;
  Status status_;
};

/// How much a phrase found in text of this kind counts (1 for what a person reads).
double lure_kind_factor(TextKind kind);

}  // namespace lg
