// ZIP through lg::zip's own walk (PKWARE APPNOTE 4.3.x): the tricks it names become findings,
// an overlapping-entry bomb is stopped before any general-purpose reader expands it, and
// entries libarchive could not deliver (damaged or malformed archives) are recovered.
#include <algorithm>

#include "analyzers/archive/archive_analyzer.h"
#include "analyzers/archive/archive_run.h"
#include "core/charset.h"

namespace lg {

std::string ArchiveRun::zip_name(const zip::Entry& e) const {
  // APPNOTE appendix D: bit 11 means UTF-8; otherwise the archiver's code page (CP437 by the
  // spec, the local ANSI/OEM code page in practice, CP949 and Shift_JIS in our region).
  if (is_ascii(e.name) || (e.utf8_name && is_valid_utf8(e.name))) return e.name;
  return decode_text(as_bytes(e.name), "").utf8;
}

void ArchiveRun::zip_walk() {
  zip_ = zip::walk(object_);
  for (std::size_t i = 0; i < zip_->entries.size(); ++i) {
    zip_by_name_.emplace(zip_name(zip_->entries[i]), i);
  }
  for (const auto& issue : zip_->issues) {
    std::string detail = is_valid_utf8(issue.detail) ? issue.detail : repair_utf8(issue.detail);
    switch (issue.kind) {
      case zip::IssueKind::kOverlappingEntries:
      case zip::IssueKind::kNameMismatch:
      case zip::IssueKind::kHeaderMismatch:
      case zip::IssueKind::kPrependedData:
        ctx_.finding(Symbol::ARCHIVE_MALFORMED, {detail, zip::issue_kind_name(issue.kind)});
        break;
      default:
        ctx_.anomaly(std::string("zip: ") + zip::issue_kind_name(issue.kind) +
                     (detail.empty() ? "" : ": " + detail));
        break;
    }
  }
}

bool ArchiveRun::zip_overlap_bomb() {
  if (!zip_ || !zip_->has(zip::IssueKind::kOverlappingEntries)) return false;
  limit("overlapping_entries",
        "entries share compressed data (overlapping-entry bomb): only disjoint entries read");
  format_ = "ZIP (own walker)";
  // Keep the entries whose spans do not overlap one already kept, in file order.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < zip_->entries.size(); ++i) {
    const zip::Entry& e = zip_->entries[i];
    if (!e.is_directory()) files_.push_back(zip_name(e));
    if (e.encrypted()) ++encrypted_;
    if (e.data_offset && !e.is_directory()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return zip_->entries[a].header_offset < zip_->entries[b].header_offset;
  });
  std::uint64_t kept_end = 0;
  bool any = false;
  for (std::size_t i : order) {  // bounded by zip::kMaxEntries
    if (stop_ || ctx_.should_stop()) break;
    const zip::Entry& e = zip_->entries[i];
    if (any && e.header_offset < kept_end) continue;
    any = true;
    kept_end = *e.data_offset + e.compressed_size;
    auto x = zip::extract(object_, e, entry_cap(e.compressed_size));
    if (!x) continue;
    if (x->capped) {
      limit("entry_size", zip_name(e) + " expands past its cap");
      continue;
    }
    emit(zip_name(e), std::move(x->data), e.compressed_size);
  }
  return true;
}

void ArchiveRun::zip_recover() {
  if (!zip_ || stop_) return;
  std::size_t walker_files = 0;
  for (const auto& e : zip_->entries) walker_files += e.is_directory() ? 0 : 1;
  const bool libarchive_missed =
      !libarchive_completed_ || libarchive_failed_ > 0 || walker_files > files_.size();
  if (!libarchive_missed) return;
  if (listed_ == 0) {  // libarchive listed nothing: the walker's list is the archive's
    for (const auto& e : zip_->entries) {
      if (e.is_directory()) continue;
      files_.push_back(zip_name(e));
      if (e.encrypted()) ++encrypted_;
    }
    if (format_.empty() || format_ == "none") format_ = "ZIP (own walker)";
  }
  std::size_t recovered = 0;
  for (const auto& e : zip_->entries) {  // bounded by zip::kMaxEntries
    if (stop_ || ctx_.should_stop()) break;
    if (e.is_directory()) continue;
    std::string name = zip_name(e);
    if (emitted_names_.count(name) || refused_names_.count(name)) continue;
    if (e.encrypted()) {
      if (listed_ == 0) closed_.emplace(closed_.size() + kMaxArchiveEntries, name);
      continue;
    }
    auto x = zip::extract(object_, e, entry_cap(e.compressed_size));
    if (!x) {
      ctx_.anomaly("zip entry \"" + name + "\" not recovered: " + x.status().message());
      continue;
    }
    if (x->capped) {
      limit("entry_size", name + " expands past its cap");
      continue;
    }
    if (x->damaged || !x->crc_ok) ctx_.anomaly("zip entry \"" + name + "\" recovered damaged");
    ++recovered;
    if (!emit(name, std::move(x->data), e.compressed_size)) break;
  }
  if (recovered > 0) ctx_.fact("recovered_entries", static_cast<std::int64_t>(recovered));
}

}  // namespace lg
