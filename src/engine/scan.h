#pragma once
/// One scan of one input: walks the object tree (an explicit stack, never recursion on input
/// structure), enforces the limits, runs each object's analyzer and the text detectors, and
/// fills the Report. Internal to the engine; Engine::scan is the public entry.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/analyzer.h"
#include "core/file_type.h"
#include "detect/lure.h"
#include "detect/text_scanner.h"
#include "engine/config.h"
#include "engine/message_checks.h"
#include "engine/registry.h"
#include "report/report.h"

namespace lg {

class Scan final : public Context, public DetectorSink {
 public:
  /// `lexicon` (may be null: no lure-language findings) must outlive the scan; so must
  /// `scratch` when given (one made from `lexicon`, not used by anyone else meanwhile), else
  /// the scan makes its own.
  Scan(const Config& config, const TextScanner& text_scanner, Report& report,
       AnalyzerFactory factory = make_analyzer, const Lexicon* lexicon = nullptr,
       Lexicon::Scratch* scratch = nullptr);

  /// Scans `data` as the root object; fills the report (not the score). `type`, when given,
  /// is identify(data), and `sha256`, when not empty, sha256_hex(data), known to the caller.
  void run(std::string_view name, ByteView data, std::optional<FileType> type = std::nullopt,
           std::string sha256 = {});

  /// How many of the report's first findings were made from the input's name (the checks of
  /// the root object's name); with the two name fields, all that depends on the name.
  [[nodiscard]] std::size_t name_findings() const { return name_findings_; }
  /// Drops from `report` (run's, before scoring) what depends on the input's name:
  /// `name_findings` first findings and the name fields. ResultCache keeps that.
  static void forget_name(Report& report, std::size_t name_findings);
  /// Gives a report made by forget_name the input name `name` back, with the findings its
  /// checks make first, as run() would have made them (`type`: the root object's).
  void rename(std::string_view name, FileType type);

  /// Checks run on each message object (both may be null: none). `history` is consulted for
  /// the input's own message and updated at the end of run(). Both must outlive the scan.
  void set_message_checks(const MessageChecks* checks, ContactHistory* history) {
    checks_ = checks;
    history_ = history;
  }

  // Context
  void finding(Symbol s, Evidence e) override;
  void text(TextKind kind, std::string_view utf8) override;
  void link(std::string_view href, std::string_view visible_text) override;
  void fact(std::string_view key, FactValue v) override;
  [[nodiscard]] Status child(ChildInfo info, Bytes data) override;
  void anomaly(std::string_view what) override;
  [[nodiscard]] const Limits& limits() const override { return config_.limits; }
  [[nodiscard]] bool should_stop() const override;
  [[nodiscard]] std::vector<std::string> candidate_passwords() const override;
  [[nodiscard]] bool password_from_text(std::string_view password) const override;
  void message(const MessageInfo& info) override;
  [[nodiscard]] bool sender_external() const override;

  // DetectorSink
  Observables& observables() override { return report_.observables; }
  [[nodiscard]] int object_id() const override { return current_; }

 private:
  struct Pending {
    int parent = -1;
    ChildInfo info;
    Bytes data;
  };

  void analyze_object(int parent, const ChildInfo& info, ByteView data,
                      std::optional<FileType> known_type = std::nullopt,
                      std::string known_sha256 = {});
  void check_declared(const ObjectNode& node, FileType type);
  void run_analyzer(FileType type, ByteView data);
  void limit_hit(std::string_view limit, std::string detail);
  bool merge_sibling(ChildInfo& info, ByteView data, std::string& sha256);
  void start_lure();
  void finish_lure();
  void record_contacts();
  void add_finding(int object_id, Symbol s, Evidence e);
  std::string child_path(int parent, const ChildInfo& info);

  const Config& config_;
  AnalyzerFactory factory_;
  const TextScanner& text_scanner_;
  Report& report_;
  std::chrono::steady_clock::time_point deadline_;
  int current_ = 0;
  std::size_t name_findings_ = 0;  // see name_findings()
  std::uint64_t current_text_bytes_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::vector<Pending> stack_;             // objects waiting for analysis
  std::vector<Pending> current_children_;  // children of the object being analyzed
  std::vector<int> child_counts_;          // per object: children so far (for paths)
  std::unordered_map<std::string, int> by_sha256_;
  // Of current_children_, for merge_sibling: the index of the first of each size (kHashed once
  // it is in child_by_sha256_), and the index of each SHA-256 taken.
  static constexpr std::size_t kHashed = SIZE_MAX;
  std::unordered_map<std::uint64_t, std::size_t> child_by_size_;
  std::unordered_map<std::string, std::size_t> child_by_sha256_;
  std::vector<std::string> found_passwords_;  // given in this input's text, in order seen
  // Lure language is judged over all text of the input, so it is scored at the end.
  const Lexicon* lexicon_ = nullptr;
  Lexicon::Scratch* lent_scratch_ = nullptr;
  std::optional<Lexicon::Scratch> own_scratch_;
  std::optional<LureState> lure_;
  // Configured message checks and the first-contact history (Engine's; may be null).
  const MessageChecks* checks_ = nullptr;
  ContactHistory* history_ = nullptr;
  std::vector<MessageChecks::Contact> contacts_;   // recorded in the history after the scan
  std::unordered_map<int, bool> external_sender_;  // message object id -> sender_external
};

}  // namespace lg
