#include "core/analyzer.h"

namespace lg {

const char* text_kind_name(TextKind k) {
  switch (k) {
    case TextKind::kSubject:
      return "subject";
    case TextKind::kHeader:
      return "header";
    case TextKind::kBody:
      return "body";
    case TextKind::kDocument:
      return "document";
    case TextKind::kScript:
      return "script";
    case TextKind::kMacro:
      return "macro";
    case TextKind::kArguments:
      return "arguments";
    case TextKind::kFilename:
      return "filename";
    case TextKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace lg
