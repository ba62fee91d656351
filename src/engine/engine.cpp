#include "engine/engine.h"

#include <chrono>

#include "core/hash.h"
#include "engine/scan.h"
#include "engine/scoring.h"

namespace lg {
namespace {

std::string fact_string(const ObjectNode& node, std::string_view key) {
  for (const auto& [k, v] : node.facts)
    if (k == key)
      if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

MessageSummary summarize(const ObjectNode& root) {
  MessageSummary m;
  m.from = fact_string(root, "from");
  m.to = fact_string(root, "to");
  m.cc = fact_string(root, "cc");
  m.reply_to = fact_string(root, "reply_to");
  m.subject = fact_string(root, "subject");
  m.date = fact_string(root, "date");
  m.message_id = fact_string(root, "message_id");
  return m;
}

}  // namespace

Engine::Engine(Config config, SanctionsList sanctions,
               std::unique_ptr<const DkimKeyResolver> dkim_keys,
               std::shared_ptr<ContactHistory> history)
    : config_(std::move(config)),
      sanctions_(std::move(sanctions)),
      lookalike_(protected_brands(config_)),
      treasury_(config_.treasury.addresses),
      text_scanner_(&sanctions_, &lookalike_, &treasury_, host_services(config_)),
      message_checks_(config_, std::move(dkim_keys)),
      history_(std::move(history)),
      results_(config_.cache.results) {
  if (auto lexicon = Lexicon::builtin()) lexicon_.emplace(std::move(*lexicon));
}

Result<std::unique_ptr<const Engine>> Engine::create(Config config,
                                                     std::shared_ptr<ContactHistory> history) {
  auto sanctions = SanctionsList::load(config.intel.sanctions);
  if (!sanctions) return sanctions.status();
  auto keys = MessageChecks::make_key_resolver(config.dkim);
  if (!keys) return keys.status();
  std::unique_ptr<const Engine> engine(
      new Engine(std::move(config), std::move(*sanctions), std::move(*keys), std::move(history)));
  if (!engine->lexicon_) {
    return Status::error(ErrorCode::kInternal, "the built-in lure lexicon did not compile");
  }
  return engine;
}

Report Engine::scan(std::string_view name, ByteView data, std::optional<FileType> type) const {
  auto start = std::chrono::steady_clock::now();
  if (!type) type = identify(data);
  // A message's report also depends on the first-contact history, and messages rarely repeat.
  std::string sha256;
  if (results_.enabled() && *type != FileType::kMessage) sha256 = sha256_hex(data);
  Report report;
  if (auto kept = sha256.empty() ? nullptr : results_.find(sha256)) {
    report = *kept;
    Scan(config_, text_scanner_, report).rename(name, *type);
  } else {
    report.version = LG_VERSION_STRING;
    auto name_findings = run_scan(name, data, *type, sha256, report);
    if (name_findings && !sha256.empty() && ResultCache::fits(report)) {
      Report kept = report;
      Scan::forget_name(kept, *name_findings);
      results_.put(sha256, std::move(kept));
    }
  }
  if (!report.objects.empty() && report.objects.front().type == "message")
    report.message = summarize(report.objects.front());
  score_report(config_.scoring, report);
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::optional<std::size_t> Engine::run_scan(std::string_view name, ByteView data, FileType type,
                                            const std::string& sha256, Report& report) const {
  std::optional<Lexicon::Scratch> scratch;
  if (lexicon_) {
    std::lock_guard lock(scratch_mu_);
    if (!scratch_pool_.empty()) {
      scratch.emplace(std::move(scratch_pool_.back()));
      scratch_pool_.pop_back();
    }
  }
  if (lexicon_ && !scratch)
    if (auto made = lexicon_->make_scratch()) scratch.emplace(std::move(*made));
  std::size_t name_findings = 0;
  {
    Scan scan(config_, text_scanner_, report, make_analyzer, lexicon_ ? &*lexicon_ : nullptr,
              scratch ? &*scratch : nullptr);
    scan.set_message_checks(&message_checks_, history_.get());
    scan.run(name, data, type, sha256);
    name_findings = scan.name_findings();
  }
  const bool lexicon_ran = !lexicon_ || scratch;
  if (scratch) {
    std::lock_guard lock(scratch_mu_);
    scratch_pool_.push_back(std::move(*scratch));
  }
  // Only a report the bytes alone explain is kept: not one cut short by the clock or by an
  // analyzer's failure (out of memory), which another try may not repeat.
  if (!lexicon_ran) return std::nullopt;
  for (const auto& hit : report.limits_hit)
    if (hit.limit == "deadline") return std::nullopt;
  for (const auto& f : report.findings)
    if (f.symbol == symbol_info(Symbol::ANALYZER_FAILURE).name) return std::nullopt;
  return name_findings;
}

}  // namespace lg
