#include "engine/registry.h"

#include "analyzers/archive/alzip_analyzer.h"
#include "analyzers/archive/archive_analyzer.h"
#include "analyzers/chm/chm_analyzer.h"
#include "analyzers/disk/disk_analyzer.h"
#include "analyzers/executable/elf_analyzer.h"
#include "analyzers/executable/macho_analyzer.h"
#include "analyzers/executable/pe_analyzer.h"
#include "analyzers/html/html_analyzer.h"
#include "analyzers/hwp/hwp_analyzer.h"
#include "analyzers/hwp/hwpx_analyzer.h"
#include "analyzers/lnk/lnk_analyzer.h"
#include "analyzers/mail/mail_analyzer.h"
#include "analyzers/ole/ole_analyzer.h"
#include "analyzers/onenote/onenote_analyzer.h"
#include "analyzers/ooxml/ooxml_analyzer.h"
#include "analyzers/pdf/pdf_analyzer.h"
#include "analyzers/rtf/rtf_analyzer.h"
#include "analyzers/script/script_analyzer.h"
#include "analyzers/sis/sis_analyzer.h"
#include "analyzers/sylk/sylk_analyzer.h"
#include "analyzers/szdd/szdd_analyzer.h"
#include "analyzers/text/text_analyzer.h"
#include "analyzers/tnef/tnef_analyzer.h"

namespace lg {

std::unique_ptr<Analyzer> make_analyzer(FileType t) {
  switch (t) {
    case FileType::kMessage:
      return std::make_unique<MailAnalyzer>();
    case FileType::kMbox:
      return std::make_unique<MboxAnalyzer>();
    case FileType::kOoxmlWord:
    case FileType::kOoxmlExcel:
    case FileType::kOoxmlPowerpoint:
      return std::make_unique<OoxmlAnalyzer>();
    case FileType::kOle2:
      return std::make_unique<OleAnalyzer>();
    case FileType::kHwp:
      return std::make_unique<HwpAnalyzer>();
    case FileType::kHwpx:
      return std::make_unique<HwpxAnalyzer>();
    case FileType::kAlz:
    case FileType::kEgg:
    case FileType::kArj:
      return std::make_unique<AlzipAnalyzer>(t);
    case FileType::kTnef:
      return std::make_unique<TnefAnalyzer>();
    case FileType::kRtf:
      return std::make_unique<RtfAnalyzer>();
    case FileType::kLnk:
      return std::make_unique<LnkAnalyzer>();
    case FileType::kPdf:
      return std::make_unique<PdfAnalyzer>();
    // Scripts; HTML and HTA go to the HTML analyzer, which calls script::analyze_script_text.
    case FileType::kJavaScript:
    case FileType::kVbScript:
    case FileType::kPowerShell:
    case FileType::kBatch:
    case FileType::kWsf:
    case FileType::kEncodedScript:
      return std::make_unique<ScriptAnalyzer>(t);
    case FileType::kPe:
      return std::make_unique<PeAnalyzer>();
    case FileType::kElf:
      return std::make_unique<ElfAnalyzer>();
    case FileType::kMachO:
    case FileType::kMachOFat:
      return std::make_unique<MachOAnalyzer>();
    case FileType::kChm:
      return std::make_unique<ChmAnalyzer>();
    case FileType::kSzdd:
      return std::make_unique<SzddAnalyzer>();
    case FileType::kSis:
      return std::make_unique<SisAnalyzer>();
    case FileType::kOneNote:
      return std::make_unique<OneNoteAnalyzer>();
    case FileType::kHtml:
    case FileType::kHta:
      return std::make_unique<HtmlAnalyzer>();
    case FileType::kText:
      return std::make_unique<TextAnalyzer>();
    case FileType::kVhd:
    case FileType::kVhdx:
    case FileType::kDmg:
    case FileType::kNtfs:
    case FileType::kHfsPlus:
    case FileType::kApfs:
      return std::make_unique<DiskImageAnalyzer>(t);
    case FileType::kSylk:
      return std::make_unique<SylkAnalyzer>();
    default:
      break;
  }
  // Archives, and the ZIP-based documents without an analyzer of their own yet (HWPX, JAR,
  // APK, ODF): their entries become children and are analyzed in turn.
  if (is_archive_type(t) || is_zip_family(t)) return std::make_unique<ArchiveAnalyzer>(t);
  return nullptr;
}

}  // namespace lg
