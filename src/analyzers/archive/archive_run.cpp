// One archive analysis: libarchive passes (without a password, then one per candidate
// password while entries stay closed), capped entry reads, facts and findings.
#include "analyzers/archive/archive_run.h"

#include <algorithm>
#include <cmath>

#include "analyzers/archive/app_bundle.h"
#include "analyzers/archive/archive_analyzer.h"
#include "analyzers/archive/archive_judge.h"
#include "core/charset.h"
#include "core/ratio.h"
#include "core/reader.h"

namespace lg {
namespace {

bool is_lone_stream(FileType t) {
  return t == FileType::kGzip || t == FileType::kBzip2 || t == FileType::kXz ||
         t == FileType::kZstd;
}

}  // namespace

std::string gzip_original_name(ByteView data) {
  // [RFC 1952] 2.3: ID1 ID2 CM FLG MTIME(4) XFL OS, then FEXTRA (XLEN + data), then FNAME.
  Reader r(data);
  auto flg = r.u8(3);
  if (!r.starts_with_at(0, "\x1F\x8B") || !flg || !(*flg & 0x08)) return "";
  std::size_t pos = 10;
  if (*flg & 0x04) {
    auto xlen = r.u16le(pos);
    if (!xlen) return "";
    pos += 2 + std::size_t{*xlen};
  }
  auto rest = r.tail(std::min(pos, r.size()));
  if (!rest) return "";
  std::string_view s = as_chars(*rest);
  std::size_t end = s.find('\0');
  if (end == std::string_view::npos || end > 4096) return "";
  return decode_text(as_bytes(s.substr(0, end)), "ISO-8859-1").utf8;
}

ArchiveRun::ArchiveRun(FileType type, ByteView object, Context& ctx)
    : type_(type), object_(object), ctx_(ctx) {
  const Limits& lim = ctx.limits();
  budget_ = std::min<std::uint64_t>(
      lim.max_total_bytes, std::max(kRatioFloorBytes, ratio_bytes(lim.max_ratio, object.size())));
}

Status ArchiveRun::run() {
  if (is_zip_family(type_)) {
    zip_walk();
    if (zip_overlap_bomb()) {
      report();
      return Status::ok();
    }
  }
  PassResult first = libarchive_pass(nullptr);
  libarchive_completed_ = first.completed;
  if (!first.opened && !closed_unknown_) {
    ctx_.anomaly("libarchive could not open the archive: " + libarchive_error_);
  } else if (!first.completed && !stop_ && !closed_unknown_) {
    ctx_.anomaly("libarchive stopped early: " + libarchive_error_);
  }
  try_passwords();
  if (is_zip_family(type_)) zip_recover();
  report();
  return Status::ok();
}

ArchiveRun::PassResult ArchiveRun::libarchive_pass(const std::string* password) {
  PassResult pass;
  LibarchiveReader rd;
  std::vector<std::string> passwords;
  if (password) passwords.push_back(*password);
  if (Status s = rd.open(object_, is_lone_stream(type_), passwords); !s.is_ok()) {
    if (!password) libarchive_error_ = s.message();
    if (is_passphrase_error(s.message())) closed_unknown_ = closed_unknown_ || !password;
    return pass;
  }
  pass.opened = true;
  for (std::size_t index = 0;; ++index) {
    if (stop_ || ctx_.should_stop()) {
      stop_ = true;
      break;
    }
    if (index >= kMaxArchiveEntries) {
      limit("archive_entries", "more than " + std::to_string(kMaxArchiveEntries) + " entries");
      break;
    }
    ArchiveEntryHeader h;
    LibarchiveReader::Next n = rd.next(h);
    if (format_.empty() || format_ == "none") format_ = rd.format_name();
    if (n == LibarchiveReader::Next::kEnd) {
      pass.completed = true;
      break;
    }
    if (n == LibarchiveReader::Next::kError) {
      std::string err = rd.error();
      if (!password) libarchive_error_ = err;
      // Encrypted headers (7z -mhe, RAR -hp): no entry is listed without the password.
      if (!password && index == 0 && (is_passphrase_error(err) || rd.has_encrypted_entries() > 0))
        closed_unknown_ = true;
      break;
    }
    if (format_ == "raw") h.name = type_ == FileType::kGzip ? gzip_original_name(object_) : "";
    if (index >= listed_) {
      listed_ = index + 1;
      if (h.regular_file) files_.push_back(h.name);
      if (h.encrypted) ++encrypted_;
    }
    if (!h.regular_file || emitted_.count(index)) continue;
    if (password && !closed_.count(index) && !closed_unknown_) continue;
    if (h.encrypted && !password) {
      closed_.emplace(index, h.name);
      continue;
    }
    read_entry(rd, index, h, password, pass);
  }
  return pass;
}

void ArchiveRun::read_entry(LibarchiveReader& rd, std::size_t index, const ArchiveEntryHeader& h,
                            const std::string* password, PassResult& pass) {
  std::optional<std::uint64_t> compressed;
  if (auto it = zip_by_name_.find(h.name); it != zip_by_name_.end()) {
    compressed = zip_->entries[it->second].compressed_size;
  }
  const std::uint64_t cap = entry_cap(compressed);
  if (h.size && *h.size > cap) {
    refused_names_.insert(h.name);
    limit("entry_size",
          h.name + " declares " + std::to_string(*h.size) + " bytes, over " + std::to_string(cap));
    return;
  }
  bool capped = false;
  Result<Bytes> data = rd.read_data(cap, capped);
  if (!data) {
    const std::string err = data.status().message();  // status() is a copy
    if (h.encrypted || is_passphrase_error(err)) {
      if (!password) closed_.emplace(index, h.name);
      return;
    }
    ++libarchive_failed_;
    // Methods libarchive lacks and the ZIP walker decodes: recovered by zip_recover(), which
    // reports damage itself.
    if (auto it = zip_by_name_.find(h.name); it != zip_by_name_.end()) {
      const std::uint16_t m = zip_->entries[it->second].method;
      if (m == zip::kMethodDeflate64 || m == zip::kMethodImplode || m == zip::kMethodShrink) return;
    }
    ctx_.anomaly("entry \"" + h.name + "\" unreadable: " + err);
    return;
  }
  if (capped) {
    refused_names_.insert(h.name);
    limit("entry_size", h.name + " expands past " + std::to_string(cap) + " bytes");
    return;
  }
  emitted_.insert(index);
  if (password && closed_.erase(index)) ++pass.opened_now;
  if (password && closed_unknown_) ++pass.opened_now;
  emit(h.name, std::move(*data), compressed.value_or(object_.size()));
}

void ArchiveRun::try_passwords() {
  if (closed_.empty() && !closed_unknown_) return;
  // Bounded: at most kMaxPasswordTries passes, each bounded like the first.
  for (const std::string& pw : ctx_.candidate_passwords()) {
    if (stop_ || (closed_.empty() && !closed_unknown_)) break;
    if (passwords_tried_ >= kMaxPasswordTries) break;
    ++passwords_tried_;
    PassResult pass = libarchive_pass(&pw);
    if (closed_unknown_ && pass.completed && pass.opened_now > 0) closed_unknown_ = false;
    if (pass.opened_now > 0 && !password_) password_ = pw;
  }
}

bool ArchiveRun::emit(std::string name, Bytes data, std::uint64_t source_size) {
  if (stop_) return false;
  const std::uint64_t n = data.size();
  emitted_names_.insert(name);
  entry_types_[name] = identify(data);  // cheap: a bounded look at the content
  Status s = ctx_.child({"entry", std::move(name), "", source_size}, std::move(data));
  if (!s.is_ok()) {
    stop_ = true;  // a limit refused it (the engine reported it): no more children
    return false;
  }
  budget_ -= std::min(budget_, n);
  return true;
}

std::uint64_t ArchiveRun::entry_cap(std::optional<std::uint64_t> compressed) const {
  std::uint64_t cap = std::min<std::uint64_t>(ctx_.limits().max_object_bytes, budget_);
  if (compressed) {
    cap = std::min(cap,
                   std::max(kRatioFloorBytes, ratio_bytes(ctx_.limits().max_ratio, *compressed)));
  }
  return cap;
}

void ArchiveRun::limit(const std::string& kind, std::string detail) {
  if (!limits_reported_.insert(kind).second) return;  // once per kind and archive
  ctx_.finding(Symbol::LIMIT_EXCEEDED, {kind, std::move(detail)});
}

void ArchiveRun::report() {
  ctx_.fact("format", format_.empty() ? std::string("unknown") : format_);
  ctx_.fact("entries", static_cast<std::int64_t>(files_.size()));
  ctx_.fact("encrypted_entries", static_cast<std::int64_t>(encrypted_));
  std::vector<std::string> names(
      files_.begin(),
      files_.begin() + static_cast<std::ptrdiff_t>(std::min(files_.size(), kMaxNamesInFact)));
  ctx_.fact("entry_names", std::move(names));
  if (password_) report_archive_password(*password_, ctx_);
  if (!closed_.empty() || closed_unknown_) {
    std::string what =
        closed_.empty() ? std::string("(encrypted archive headers)") : closed_.begin()->second;
    std::string count = closed_.empty() ? std::string("all") : std::to_string(closed_.size());
    ctx_.finding(Symbol::ARCHIVE_ENCRYPTED,
                 {what, count + " encrypted entries stayed closed after " +
                            std::to_string(passwords_tried_) + " candidate passwords"});
  }
  std::vector<disk::ImageEntry> entries;
  entries.reserve(files_.size());
  for (const auto& f : files_) {
    auto it = entry_types_.find(f);
    entries.push_back({f, it == entry_types_.end() ? FileType::kUnknown : it->second});
  }
  judge_entries(type_, object_.size(), entries, ctx_);
  judge_app_bundles(files_, ctx_);
}

}  // namespace lg
