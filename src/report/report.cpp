#include "report/report.h"

namespace lg {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kClean:
      return "clean";
    case Verdict::kSuspicious:
      return "suspicious";
    case Verdict::kMalicious:
      return "malicious";
  }
  return "clean";
}

const char* action_name(Action a) {
  switch (a) {
    case Action::kAccept:
      return "accept";
    case Action::kAddHeader:
      return "add_header";
    case Action::kQuarantine:
      return "quarantine";
    case Action::kReject:
      return "reject";
  }
  return "accept";
}

}  // namespace lg
