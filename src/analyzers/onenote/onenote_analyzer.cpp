// [MS-ONESTORE] 2.6.13 FileDataStoreObject:
//   guidHeader (16 bytes) {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}
//   cbLength   (8)  size of FileData
//   unused     (4), reserved (8)
//   FileData   (cbLength), padded with zeros to a multiple of 8
//   guidFooter (16) {71FBA722-0F79-4A0B-BB13-899256426B24}
// The objects are found by scanning for guidHeader (as pyonenote and other peers do) rather
// than by walking the file node lists of 2.4/2.5: robust to damaged or crafted object spaces,
// and linear in the file (each search resumes after the object or the header just seen).
// Their names come from the embedded file nodes (embedded_file_names.h).
#include "analyzers/onenote/onenote_analyzer.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "analyzers/onenote/embedded_file_names.h"
#include "core/file_type.h"
#include "core/reader.h"

namespace lg {
namespace {

// GUIDs in their on-disk form ([MS-DTYP] 2.3.4.2: Data1-3 little-endian, Data4 as bytes).
constexpr std::string_view kHeaderGuid(
    "\xE7\x16\xE3\xBD\x65\x26\x11\x45\xA4\xC4\x8D\x4D\x0B\x7A\x9E\xAC", 16);
constexpr std::string_view kFooterGuid(
    "\x22\xA7\xFB\x71\x79\x0F\x0B\x4A\xBB\x13\x89\x92\x56\x42\x6B\x24", 16);
constexpr std::size_t kDataOffset = 16 + 8 + 4 + 8;

bool is_payload(FileType t) {
  return file_type_is_executable(t) || file_type_is_script(t) || t == FileType::kLnk ||
         t == FileType::kHta || t == FileType::kChm;
}

}  // namespace

Status OneNoteAnalyzer::analyze(ByteView object, Context& ctx) {
  const Reader r(object);
  const std::string_view text = as_chars(object);
  onenote::EmbeddedFileNames names = onenote::read_embedded_file_names(object);
  for (const auto& a : names.anomalies) ctx.anomaly(a);
  std::size_t pos = 0, found = 0;
  Status result = Status::ok();
  while (!ctx.should_stop()) {
    const std::size_t at = text.find(kHeaderGuid, pos);
    if (at == std::string_view::npos) break;
    pos = at + kHeaderGuid.size();
    const auto length = r.u64le(at + 16);
    if (!length) {
      ctx.anomaly("FileDataStoreObject header at the end of the file");
      break;
    }
    const std::size_t data_at = at + kDataOffset;
    const auto data = r.subspan(data_at, *length > object.size() ? object.size() + 1 : *length);
    if (!data) {
      ctx.anomaly("FileDataStoreObject at " + std::to_string(at) + " runs past the file");
      continue;
    }
    // Footer after the data padded to 8 bytes; its absence is damage, not a reason to drop.
    const std::size_t padded = (*length + 7) / 8 * 8;
    if (!r.starts_with_at(data_at + padded, kFooterGuid))
      ctx.anomaly("FileDataStoreObject at " + std::to_string(at) + " has no footer");
    else
      pos = data_at + padded + kFooterGuid.size();
    if (++found > kMaxEmbeddedFiles) {
      ctx.anomaly("more than " + std::to_string(kMaxEmbeddedFiles) + " embedded files");
      break;
    }
    if (data->empty()) continue;
    const auto named = names.by_offset.find(at);
    const std::string name =
        named != names.by_offset.end() ? named->second : "embedded-" + std::to_string(found);
    const FileType t = identify(*data);
    if (is_payload(t)) {
      ctx.finding(Symbol::ONENOTE_EMBEDDED_PAYLOAD,
                  {name, "OneNote section embeds a " + std::string(file_type_name(t)) + " file"});
    }
    ChildInfo info{"embedded", name, "", std::nullopt};
    if (!ctx.child(std::move(info), Bytes(data->begin(), data->end())).is_ok()) {
      result = Status::error(ErrorCode::kLimit, "embedded file refused");
      break;
    }
  }
  ctx.fact("embedded_files", static_cast<std::int64_t>(std::min(found, kMaxEmbeddedFiles)));
  ctx.fact("embedded_file_names", static_cast<std::int64_t>(names.by_offset.size()));
  return result;
}

}  // namespace lg
