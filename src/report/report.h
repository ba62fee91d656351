#pragma once
/// The report model: one per scanned input. Its JSON form (schema "lureguard.report/1",
/// docs/report.md, docs/report.schema.json) is the contract; the text rendering is made
/// from this model only.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analyzer.h"
#include "detect/observables.h"

namespace lg {

inline constexpr const char* kReportSchema = "lureguard.report/1";

enum class Verdict { kClean, kSuspicious, kMalicious };
enum class Action { kAccept, kAddHeader, kQuarantine, kReject };
const char* verdict_name(Verdict v);
const char* action_name(Action a);

struct ObjectNode {
  int id = 0;
  int parent = -1;  // -1 for the root
  int depth = 0;
  std::string relation;       // how it hangs below its parent ("attachment", "entry", ...)
  std::string name;           // declared name, UTF-8
  std::string declared_type;  // declared MIME type
  std::string type;           // identified type, file_type_name()
  std::uint64_t size = 0;
  std::string md5, sha1, sha256;
  std::optional<int> duplicate_of;  // same SHA-256 as an earlier object: analyzed once
  std::vector<std::pair<std::string, FactValue>> facts;
  std::vector<std::string> anomalies;
  std::string path;  // "message > attachment[2] invoice.zip > entry cv.docx"
};

struct Finding {
  std::string symbol;  // symbol name
  std::string group;
  double score = 0;  // weight in force (config may override the default)
  std::vector<std::string> attack;
  int object_id = 0;
  std::string path;
  Evidence evidence;
  bool counted = true;  // false for a repeat of a symbol already scored in this input
};

struct MessageSummary {
  std::string from, to, cc, reply_to, subject, date, message_id;
};

struct InputInfo {
  std::string name;
  std::uint64_t size = 0;
  std::string md5, sha1, sha256;
};

struct LimitHit {
  std::string limit;  // "depth", "objects", "object_bytes", "total_bytes", "ratio", "deadline", ...
  int object_id = 0;
  std::string detail;
};

struct Report {
  std::string schema = kReportSchema;
  std::string version;  // lureguard version
  InputInfo input;
  std::optional<MessageSummary> message;
  std::vector<ObjectNode> objects;
  std::vector<Finding> findings;
  Observables observables;
  double score = 0;
  Verdict verdict = Verdict::kClean;
  Action action = Action::kAccept;
  std::vector<LimitHit> limits_hit;
  double elapsed_ms = 0;
  std::string error;  // set when the input could not be read at all
};

}  // namespace lg
