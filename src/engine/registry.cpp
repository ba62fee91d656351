#include "engine/registry.h"

#include "analyzers/archive/archive_analyzer.h"
#include "analyzers/lnk/lnk_analyzer.h"
#include "analyzers/mail/mail_analyzer.h"
#include "analyzers/ole/ole_analyzer.h"
#include "analyzers/pdf/pdf_analyzer.h"

namespace lg {

std::unique_ptr<Analyzer> make_analyzer(FileType t) {
  // ZIP-based documents (OOXML, HWPX, JAR, APK, ODF) are opened as archives until they have
  // analyzers of their own: their parts become children, so an OOXML vbaProject.bin reaches
  // the OLE analyzer.
  if (is_archive_type(t) || is_zip_family(t)) return std::make_unique<ArchiveAnalyzer>(t);
  switch (t) {
    case FileType::kMessage:
      return std::make_unique<MailAnalyzer>();
    case FileType::kMbox:
      return std::make_unique<MboxAnalyzer>();
    // HWP 5 is a compound file: its streams and property sets are read by the OLE analyzer
    // until the Hangul analyzer lands.
    case FileType::kOle2:
    case FileType::kHwp:
      return std::make_unique<OleAnalyzer>();
    case FileType::kLnk:
      return std::make_unique<LnkAnalyzer>();
    case FileType::kPdf:
      return std::make_unique<PdfAnalyzer>();
    default:
      return nullptr;
  }
}

}  // namespace lg
