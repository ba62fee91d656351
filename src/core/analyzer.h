#pragma once
/// The analyzer contract. The engine identifies an object by content, hands it to the one
/// analyzer for its type, and the analyzer reports through Context: children (the engine
/// recurses), text (the engine runs the text detectors once over all of it), links, findings,
/// facts and anomalies. Analyzers never call each other and never recurse themselves.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/bytes.h"
#include "core/limits.h"
#include "core/message_info.h"
#include "core/status.h"
#include "core/symbol.h"

namespace lg {

/// Where a piece of text came from; detectors may weigh kinds differently.
enum class TextKind {
  kSubject,    // message subject
  kHeader,     // other human-readable header text (display names)
  kBody,       // mail body text (plain, or HTML reduced to text)
  kDocument,   // visible text of an attached document
  kScript,     // script source (JS, VBS, PowerShell, ...)
  kMacro,      // macro source (VBA, XLM)
  kArguments,  // command lines (LNK arguments, launch actions)
  kFilename,   // a declared file name
  kOther,
};
const char* text_kind_name(TextKind k);

/// What a person can check: the offending value and a short explanation.
struct Evidence {
  std::string value;   // the URL, keyword, file name, argument string ...
  std::string detail;  // why it matters, in a few words
};

using FactValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// Describes a child object. `name` and `declared_type` are what the carrier claims;
/// the engine identifies the content itself and compares.
struct ChildInfo {
  std::string relation;       // "attachment", "inline", "message", "entry", "stream", ...
  std::string name;           // declared file name (UTF-8), may be empty
  std::string declared_type;  // declared MIME type, lower case, may be empty
  /// Size of the encoded/compressed form the child was produced from, for the ratio limit.
  std::optional<std::uint64_t> source_size;
};

class Context {
 public:
  virtual ~Context() = default;
  virtual void finding(Symbol s, Evidence e) = 0;
  virtual void text(TextKind kind, std::string_view utf8) = 0;
  /// A hyperlink with the text a reader sees for it (empty when none).
  virtual void link(std::string_view href, std::string_view visible_text) = 0;
  virtual void fact(std::string_view key, FactValue v) = 0;
  /// Hands over a contained object; the engine analyzes it after this analyzer returns.
  /// An error means a limit refused it (already reported): stop producing children.
  [[nodiscard]] virtual Status child(ChildInfo info, Bytes data) = 0;
  virtual void anomaly(std::string_view what) = 0;
  [[nodiscard]] virtual const Limits& limits() const = 0;
  /// True once the deadline passed or the scan was cancelled: return promptly.
  [[nodiscard]] virtual bool should_stop() const = 0;
  /// Passwords worth trying on encrypted content, best first: tokens given as passwords in the
  /// text of this input seen so far (the carrying message's subject and body are analyzed
  /// before its attachments), then the configured list.
  [[nodiscard]] virtual std::vector<std::string> candidate_passwords() const { return {}; }
  /// True when `password` was given in the text of this input (not only configured): a
  /// document that opens with it was sent together with its key.
  [[nodiscard]] virtual bool password_from_text(std::string_view password) const {
    (void)password;
    return false;
  }
  /// True when the nearest message carrying this object comes from outside the organisation's
  /// configured domains ([sender] internal_domains, [brands] own); false when it comes from
  /// inside, when no domain is configured, or when no message carries the object.
  [[nodiscard]] virtual bool sender_external() const { return false; }
  /// A message object's sender, recipients and authentication headers, once per message
  /// object, after its parts were walked; the engine runs its configured checks on it.
  /// The views in `info` are valid during the call only.
  virtual void message(const MessageInfo& info) { (void)info; }
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  /// Whole object, random access. Never throws for bad input: it reports and returns.
  [[nodiscard]] virtual Status analyze(ByteView object, Context& ctx) = 0;
};

}  // namespace lg
