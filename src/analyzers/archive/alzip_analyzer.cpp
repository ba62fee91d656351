// AlzipAnalyzer: ALZ, EGG and ARJ entry lists, capped extraction, candidate passwords.
#include "analyzers/archive/alzip_analyzer.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/archive/alz_reader.h"
#include "analyzers/archive/app_bundle.h"
#include "analyzers/archive/archive_analyzer.h"
#include "analyzers/archive/archive_judge.h"
#include "analyzers/archive/archive_run.h"
#include "analyzers/archive/arj_reader.h"
#include "analyzers/archive/egg_reader.h"
#include "core/ratio.h"

namespace lg {
namespace {

std::uint64_t packed_size(const PackedEntry& e) {
  std::uint64_t n = 0;
  for (const auto& b : e.blocks) n += b.data.size();
  return n;
}

std::string methods_of(const PackedEntry& e) {
  std::string out;
  for (const auto& b : e.blocks) {
    std::string m = packed_method_name(b.method);
    if (b.method == PackedMethod::kUnknown) m += " " + std::to_string(b.raw_method);
    if (out.find(m) == std::string::npos) out += (out.empty() ? "" : ", ") + m;
  }
  return out;
}

class AlzipRun {
 public:
  AlzipRun(FileType type, ByteView object, Context& ctx) : type_(type), object_(object), ctx_(ctx) {
    const Limits& lim = ctx.limits();
    budget_ = std::min<std::uint64_t>(
        lim.max_total_bytes, std::max(kRatioFloorBytes, ratio_bytes(lim.max_ratio, object.size())));
  }

  void run() {
    const PackedArchive a = type_ == FileType::kEgg   ? read_egg(object_)
                            : type_ == FileType::kArj ? read_arj(object_)
                                                      : read_alz(object_);
    for (const auto& what : a.anomalies) ctx_.anomaly(what);
    if (a.capped) limit("entries", "more than " + std::to_string(kMaxPackedEntries) + " entries");
    for (const PackedEntry& e : a.entries) {
      if (e.directory) continue;
      std::string name = packed_entry_name(e);
      files_.push_back(name);
      if (stop_ || ctx_.should_stop()) continue;  // still listed
      entry(a, e, std::move(name));
    }
    report(a);
  }

 private:
  void entry(const PackedArchive& a, const PackedEntry& e, std::string name) {
    if (!packed_supported(e) ||
        (a.solid && !std::all_of(e.blocks.begin(), e.blocks.end(), [](const PackedBlock& b) {
           return b.method == PackedMethod::kStored;
         }))) {
      if (unsupported_.size() < kMaxNamesInFact)
        unsupported_.push_back(name + " (" + (a.solid ? "solid " : "") + methods_of(e) + ")");
      return;
    }
    std::optional<std::vector<Bytes>> plain;
    if (e.encrypted) {
      ++encrypted_;
      plain = open(e);
      if (!plain) {
        if (closed_.empty()) closed_ = name;
        ++closed_count_;
        return;
      }
    }
    const std::uint64_t packed = packed_size(e);
    std::uint64_t cap = std::min<std::uint64_t>(ctx_.limits().max_object_bytes, budget_);
    cap = std::min(cap, std::max(kRatioFloorBytes, ratio_bytes(ctx_.limits().max_ratio, packed)));
    if (e.size > cap) {
      limit("entry_size", name + ": " + std::to_string(e.size) + " bytes declared");
      return;
    }
    auto x = extract_packed(e, static_cast<std::size_t>(cap), plain ? &*plain : nullptr);
    if (!x) {
      ctx_.anomaly(name + ": " + x.status().message());
      return;
    }
    if (x->capped) {
      limit("entry_size", name + ": output reached the cap");
      return;
    }
    if (x->damaged)
      ctx_.anomaly(name + ": damaged or truncated data");
    else if (!x->crc_ok)
      ctx_.anomaly(name + ": CRC-32 mismatch");
    const std::uint64_t n = x->data.size();
    if (!ctx_.child({"entry", std::move(name), "", packed}, std::move(x->data)).is_ok()) {
      stop_ = true;  // a limit refused it (the engine reported it)
      return;
    }
    budget_ -= std::min(budget_, n);
  }

  // Candidate passwords, at most kMaxPasswordTries, the one that worked first.
  std::optional<std::vector<Bytes>> open(const PackedEntry& e) {
    if (e.zip_crypto_header.empty()) return std::nullopt;  // EGG AES / LEA: not opened here
    if (!passwords_) {
      passwords_ = ctx_.candidate_passwords();
      if (passwords_->size() > kMaxPasswordTries) passwords_->resize(kMaxPasswordTries);
    }
    if (password_) {
      if (auto p = zip_crypto_decrypt(e, *password_)) return p;
    }
    for (const auto& pw : *passwords_) {
      if (auto p = zip_crypto_decrypt(e, pw)) {
        if (!password_) password_ = pw;
        return p;
      }
    }
    return std::nullopt;
  }

  void limit(const std::string& kind, std::string detail) {
    if (limits_reported_ || kind.empty()) return;
    limits_reported_ = true;
    ctx_.finding(Symbol::LIMIT_EXCEEDED, {kind, std::move(detail)});
  }

  void report(const PackedArchive& a) {
    ctx_.fact("format", std::string(type_ == FileType::kEgg   ? "egg"
                                    : type_ == FileType::kArj ? "arj"
                                                              : "alz"));
    ctx_.fact("entries", static_cast<std::int64_t>(files_.size()));
    ctx_.fact("encrypted_entries", static_cast<std::int64_t>(encrypted_));
    std::vector<std::string> names(
        files_.begin(),
        files_.begin() + static_cast<std::ptrdiff_t>(std::min(files_.size(), kMaxNamesInFact)));
    ctx_.fact("entry_names", std::move(names));
    if (a.solid) ctx_.fact("solid", true);
    if (!unsupported_.empty()) ctx_.fact("unsupported_entries", unsupported_);
    if (password_) report_archive_password(*password_, ctx_);
    if (closed_count_ > 0)
      ctx_.finding(Symbol::ARCHIVE_ENCRYPTED,
                   {closed_, std::to_string(closed_count_) + " encrypted entries stayed closed"});
    std::vector<disk::ImageEntry> entries;
    entries.reserve(files_.size());
    for (const auto& f : files_) entries.push_back({f, FileType::kUnknown});
    judge_entries(type_, object_.size(), entries, ctx_);
    judge_app_bundles(files_, ctx_);
  }

  FileType type_;
  ByteView object_;
  Context& ctx_;
  std::uint64_t budget_ = 0;
  bool stop_ = false;
  bool limits_reported_ = false;
  std::vector<std::string> files_;
  std::vector<std::string> unsupported_;
  std::size_t encrypted_ = 0, closed_count_ = 0;
  std::string closed_;  // the first entry that stayed closed
  std::optional<std::vector<std::string>> passwords_;
  std::optional<std::string> password_;
};

}  // namespace

Status AlzipAnalyzer::analyze(ByteView object, Context& ctx) {
  AlzipRun(type_, object, ctx).run();
  return Status::ok();
}

}  // namespace lg
