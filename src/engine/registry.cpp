#include "engine/registry.h"

#include "analyzers/mail/mail_analyzer.h"

namespace lg {

std::unique_ptr<Analyzer> make_analyzer(FileType t) {
  switch (t) {
    case FileType::kMessage:
      return std::make_unique<MailAnalyzer>();
    case FileType::kMbox:
      return std::make_unique<MboxAnalyzer>();
    default:
      return nullptr;
  }
}

}  // namespace lg
