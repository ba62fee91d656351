// CHM extraction with libmspack (mschm_decompressor over formats/mspack's MemorySystem). The
// ITSF/ITSP/PMGL structures themselves are libmspack's to parse; this side bounds the work:
// files listed are capped, each file's length is checked against the object limit before it
// is extracted, and files are taken in (section, offset) order so LZX decompression of the
// MSCompressed section runs forward once instead of restarting for every file.
#include "analyzers/chm/chm_analyzer.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "formats/mspack/memory_system.h"

namespace lg {
namespace {

struct DecompressorDeleter {
  void operator()(mschm_decompressor* d) const { mspack_destroy_chm_decompressor(d); }
};

// System files ("::DataSpace/...", "#SYSTEM", "$FIftiMain") hold indexes, not content.
bool is_system_name(std::string_view name) {
  return name.starts_with("::") || name.starts_with("/#") || name.starts_with("/$") ||
         name.starts_with("#") || name.starts_with("$");
}

}  // namespace

Status ChmAnalyzer::analyze(ByteView object, Context& ctx) {
  const std::uint64_t max_bytes = ctx.limits().max_object_bytes;
  mspack::MemorySystem sys(object, max_bytes);
  std::unique_ptr<mschm_decompressor, DecompressorDeleter> chmd(
      mspack_create_chm_decompressor(sys.system()));
  if (!chmd) return Status::error(ErrorCode::kInternal, "libmspack: no CHM decompressor");
  mschmd_header* chm = chmd->open(chmd.get(), mspack::kInput);
  if (chm == nullptr) {
    return Status::error(ErrorCode::kMalformed, "CHM header refused (libmspack error " +
                                                    std::to_string(chmd->last_error(chmd.get())) +
                                                    ")");
  }
  ctx.fact("chm_language", static_cast<std::int64_t>(chm->language));
  ctx.fact("chm_timestamp", static_cast<std::int64_t>(chm->timestamp));

  // libmspack built the list from the directory; walking it is bounded by our cap.
  std::vector<mschmd_file*> files;
  bool capped = false;
  for (mschmd_file* f = chm->files; f != nullptr; f = f->next) {
    if (files.size() >= kMaxChmFiles) {
      capped = true;
      break;
    }
    if (f->filename != nullptr && !is_system_name(f->filename)) files.push_back(f);
  }
  ctx.fact("chm_files", static_cast<std::int64_t>(files.size()));
  if (capped) ctx.anomaly("CHM lists more than " + std::to_string(kMaxChmFiles) + " files");
  std::stable_sort(files.begin(), files.end(), [](const mschmd_file* a, const mschmd_file* b) {
    const unsigned sa = a->section ? a->section->id : 0, sb = b->section ? b->section->id : 0;
    return sa != sb ? sa < sb : a->offset < b->offset;
  });

  Status result = Status::ok();
  for (mschmd_file* f : files) {
    if (ctx.should_stop()) break;
    // [CHM] directory names are UTF-8; damaged ones are repaired for the report.
    const std::string name = repair_utf8(f->filename);
    if (f->length < 0 || static_cast<std::uint64_t>(f->length) > max_bytes) {
      ctx.anomaly("CHM file " + name + " is larger than the object limit");
      continue;
    }
    const int err = chmd->extract(chmd.get(), f, mspack::kOutput);
    Bytes data = sys.take_output();
    if (err != MSPACK_ERR_OK) {
      ctx.anomaly("CHM file " + name + " did not extract (libmspack error " + std::to_string(err) +
                  ")");
      if (data.empty()) continue;  // a partial file is still worth a look
    }
    if (data.empty()) continue;  // directories and empty files
    const std::uint64_t stored = f->section && f->section->id == 0 ? data.size() : 0;
    ChildInfo info{"entry", name, "", stored ? std::optional<std::uint64_t>(stored) : std::nullopt};
    if (!ctx.child(std::move(info), std::move(data)).is_ok()) {
      result = Status::error(ErrorCode::kLimit, "CHM children refused");
      break;
    }
  }
  chmd->close(chmd.get(), chm);
  return result;
}

}  // namespace lg
