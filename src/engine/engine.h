#pragma once
/// The engine: built once from a Config, immutable, shared by all scanning threads
/// (std::shared_ptr<const Engine>). scan() turns one input's bytes into one Report.
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/file_type.h"
#include "detect/lexicon.h"
#include "detect/text_scanner.h"
#include "engine/config.h"
#include "engine/history.h"
#include "engine/message_checks.h"
#include "engine/result_cache.h"
#include "intel/sanctions.h"
#include "report/report.h"

namespace lg {

class Engine {
 public:
  /// Loads the intelligence files the config names ([intel] sanctions, [dkim] keys) and makes
  /// the engine. A file that cannot be read or parsed is an error naming it (the CLI exits 3).
  /// `history`, when given, is the first-contact record every scan consults and updates.
  static Result<std::unique_ptr<const Engine>> create(
      Config config, std::shared_ptr<ContactHistory> history = nullptr);

  /// Uses `sanctions` and `dkim_keys` as given and loads nothing else (tests; config.intel and
  /// config.dkim are not read); the lure-language lexicon is the built-in one.
  explicit Engine(Config config, SanctionsList sanctions = {},
                  std::unique_ptr<const DkimKeyResolver> dkim_keys = nullptr,
                  std::shared_ptr<ContactHistory> history = nullptr);

  /// Analyzes `data` (named `name` for the report) and everything inside it, within the
  /// configured limits. Never throws for bad input; a limit hit or an analyzer failure is a
  /// finding and the partial result is kept. Thread-safe. `type`, when the caller already
  /// has it, is identify(data) (it is not computed again). Bytes scanned before (by SHA-256;
  /// not a mail message, whose report also depends on the first-contact history) give the
  /// kept report under the new name (engine/result_cache.h, [cache] in the config).
  Report scan(std::string_view name, ByteView data,
              std::optional<FileType> type = std::nullopt) const;

  const Config& config() const { return config_; }
  /// How many reports the result cache holds now.
  std::size_t cached_reports() const { return results_.size(); }
  const SanctionsList& sanctions() const { return sanctions_; }
  /// The text detectors; also the brand checks for senders (TextScanner::check_domain,
  /// check_display_name).
  const TextScanner& text_scanner() const { return text_scanner_; }

 private:
  // Scan::run into `report` (not scored). The number of findings made from the name when the
  // report may be kept for the same bytes (Scan::forget_name), nothing when it may not.
  std::optional<std::size_t> run_scan(std::string_view name, ByteView data, FileType type,
                                      const std::string& sha256, Report& report) const;

  Config config_;
  SanctionsList sanctions_;     // before text_scanner_, which points at it
  LookalikeChecker lookalike_;  // likewise
  TreasuryChecker treasury_;    // likewise
  TextScanner text_scanner_;
  std::optional<Lexicon> lexicon_;  // the built-in lexicon; absent only if it failed to compile
  MessageChecks message_checks_;    // after config_, which it is made from
  // Shared with whoever else records contacts (thread-safe itself); may be null.
  std::shared_ptr<ContactHistory> history_;
  // Vectorscan scratch spaces, reused across scans: making one costs more than scanning a
  // typical message. A scan borrows one and gives it back; the pool grows to the number of
  // threads scanning at once.
  mutable std::mutex scratch_mu_;
  mutable std::vector<Lexicon::Scratch> scratch_pool_;
  // Reports of inputs scanned before, by SHA-256: the other mutable state (thread-safe).
  mutable ResultCache results_;
};

}  // namespace lg
