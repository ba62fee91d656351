// ArchiveAnalyzer: the types it takes; the work is in ArchiveRun (archive_run.cpp,
// archive_zip.cpp).
#include "analyzers/archive/archive_analyzer.h"

#include "analyzers/archive/archive_run.h"

namespace lg {

bool is_archive_type(FileType t) {
  switch (t) {
    case FileType::kZip:
    case FileType::kSevenZip:
    case FileType::kRar:
    case FileType::kTar:
    case FileType::kGzip:
    case FileType::kBzip2:
    case FileType::kXz:
    case FileType::kZstd:
    case FileType::kCab:
    case FileType::kIso9660:
    case FileType::kUdf:
    case FileType::kXar:
    case FileType::kCpio:
    case FileType::kLha:
      return true;
    default:
      return false;
  }
}

bool is_zip_family(FileType t) {
  switch (t) {
    case FileType::kZip:
    case FileType::kOoxmlWord:
    case FileType::kOoxmlExcel:
    case FileType::kOoxmlPowerpoint:
    case FileType::kHwpx:
    case FileType::kJar:
    case FileType::kApk:
    case FileType::kOdf:
      return true;
    default:
      return false;
  }
}

Status ArchiveAnalyzer::analyze(ByteView object, Context& ctx) {
  ArchiveRun run(type_ == FileType::kUnknown ? identify(object) : type_, object, ctx);
  return run.run();
}

}  // namespace lg
