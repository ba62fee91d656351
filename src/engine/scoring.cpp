#include "engine/scoring.h"

#include <map>
#include <set>

namespace lg {

void score_report(const ScoringConfig& cfg, Report& report) {
  std::set<std::string_view> seen;
  std::map<std::string_view, double> positive_by_group;
  double negative = 0;
  for (auto& f : report.findings) {
    f.counted = seen.insert(f.symbol).second;
    if (!f.counted) continue;
    if (f.score >= 0)
      positive_by_group[f.group] += f.score;
    else
      negative += f.score;
  }
  double total = negative;
  for (const auto& [group, sum] : positive_by_group) {
    auto cap = cfg.group_caps.find(std::string(group));
    total += (cap != cfg.group_caps.end() && sum > cap->second) ? cap->second : sum;
  }
  report.score = total;
  if (total >= cfg.malicious) {
    report.verdict = Verdict::kMalicious;
    report.action = (cfg.reject && total >= *cfg.reject) ? Action::kReject : Action::kQuarantine;
  } else if (total >= cfg.suspicious) {
    report.verdict = Verdict::kSuspicious;
    report.action = Action::kAddHeader;
  } else {
    report.verdict = Verdict::kClean;
    report.action = Action::kAccept;
  }
}

}  // namespace lg
