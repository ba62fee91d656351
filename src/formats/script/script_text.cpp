// Script judgement: decode what the script hides (Script Encoder blocks, -EncodedCommand,
// Base64, char codes), scan the source and everything decoded from it for primitives, and
// report once per script. A work list, not recursion: each decoded text is queued with its
// depth, and the list is bounded by kMaxPayloads and kMaxDecodeDepth.
#include "formats/script/script_text.h"

#include <deque>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "core/file_type.h"
#include "core/utf8.h"
#include "formats/script/script_encoder.h"
#include "formats/script/script_payloads.h"
#include "formats/script/script_signals.h"

namespace lg::script {
namespace {

constexpr std::size_t kMaxEvidence = 400;      // bytes of decoded text shown in evidence
constexpr std::size_t kMaxNames = 16;          // primitive names kept per kind
constexpr std::size_t kMaxEncoderBlocks = 64;  // Script Encoder blocks decoded per text
constexpr std::size_t kMaxBlobs = 16;          // Base64 blobs decoded per text
constexpr std::size_t kMinCharCodeRun = 8;     // characters of a char-code string worth it
constexpr std::size_t kMaxObfuscationFindings = 4;

struct Work {
  ScriptLanguage language;
  std::string text;
  std::size_t depth;
};

std::string cap(std::string_view s) {
  if (s.size() <= kMaxEvidence) return std::string(s);
  std::size_t n = kMaxEvidence;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // UTF-8 boundary
  return std::string(s.substr(0, n)) + "...";
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

class ScriptJudge {
 public:
  explicit ScriptJudge(Context& ctx) : ctx_(ctx) {}

  void run(ScriptLanguage language, std::string_view text) {
    queue_.push_back({language, std::string(text), 0});
    while (!queue_.empty() && !ctx_.should_stop()) {
      Work w = std::move(queue_.front());
      queue_.pop_front();
      analyze(w);
    }
    report();
  }

 private:
  // Queues decoded text for analysis (reported as script text first).
  void decoded(ScriptLanguage language, std::string text, std::size_t depth) {
    if (decoded_ >= kMaxPayloads || depth > kMaxDecodeDepth) {
      if (!limit_noted_) ctx_.anomaly("script: decoded payloads past the cap were not analyzed");
      limit_noted_ = true;
      return;
    }
    ++decoded_;
    ctx_.text(TextKind::kScript, text);
    queue_.push_back({language, std::move(text), depth});
  }

  void analyze(Work& w) {
    std::string_view text = w.text;
    if (text.size() > ctx_.limits().max_text_bytes)
      text = text.substr(0, ctx_.limits().max_text_bytes);
    if (text.find("#@~^") != std::string_view::npos) {
      ScriptEncoderDecoding d = decode_script_encoder(text, kMaxEncoderBlocks);
      if (d.blocks > 0) {
        std::string script = repair_utf8(d.text);
        ctx_.finding(Symbol::SCRIPT_ENCODED_JSE_VBE,
                     {cap(script), std::to_string(d.blocks) + " Script Encoder block(s) decoded" +
                                       (d.damaged ? " (damaged: bad checksum or cut)" : "")});
        ctx_.fact("script_encoder_blocks", static_cast<std::int64_t>(d.blocks));
        if (d.damaged) ctx_.anomaly("script: damaged Script Encoder block");
        decoded(w.language, std::move(script), w.depth + 1);
        return;  // the decoded script is analyzed in the block's place
      }
    }
    const std::string lowered = ascii_lower(text);
    ScriptSignals s = scan_signals(lowered, w.language);
    merge_names(download_, s.download, kMaxNames);
    merge_names(execute_, s.execute, kMaxNames);
    merge_names(hidden_, s.hidden, kMaxNames);
    merge_names(obfuscation_, s.obfuscation, kMaxNames);

    std::vector<std::pair<std::size_t, std::size_t>> taken;  // Base64 already decoded as -enc
    for (auto& e : find_encoded_commands(text, kMaxPayloads)) {
      taken.emplace_back(e.begin, e.end);
      ctx_.finding(Symbol::SCRIPT_ENCODED_COMMAND,
                   {cap(e.command), "PowerShell " + e.option + " argument, decoded from UTF-16LE"});
      decoded(ScriptLanguage::kPowerShell, std::move(e.command), w.depth + 1);
    }
    for (auto& b : find_base64_blobs(text, kMaxBlobs, ctx_.limits().max_object_bytes)) {
      bool seen = false;
      for (auto [tb, te] : taken) seen |= b.begin >= tb && b.begin < te;
      if (seen) continue;
      blob(b, w.depth);
    }
    for (auto& run : decode_char_code_runs(lowered, kMinCharCodeRun, kMaxBlobs)) {
      add_obfuscation("char codes spell \"" + cap(run) + "\"");
      decoded(ScriptLanguage::kUnknown, std::move(run), w.depth + 1);
    }
  }

  void blob(Base64Blob& b, std::size_t depth) {
    const std::string size = std::to_string(b.end - b.begin);
    if (std::string t = decoded_text(b.data); !t.empty()) {
      add_obfuscation("Base64 blob of " + size + " characters decodes to text \"" + cap(t) + "\"");
      decoded(ScriptLanguage::kUnknown, std::move(t), depth + 1);
      return;
    }
    FileType type = identify(b.data);
    if (type == FileType::kUnknown || type == FileType::kText) return;  // opaque bytes
    add_obfuscation("Base64 blob of " + size + " characters decodes to " +
                    std::string(file_type_name(type)));
    if (children_closed_) return;
    ChildInfo info{"decoded", "", "", b.end - b.begin};
    children_closed_ = !ctx_.child(std::move(info), std::move(b.data)).is_ok();
  }

  void add_obfuscation(std::string what) {
    if (obfuscation_.size() < kMaxNames) obfuscation_.push_back(std::move(what));
  }

  void report() {
    if (!download_.empty() && !execute_.empty()) {
      ctx_.finding(Symbol::SCRIPT_DOWNLOAD_EXECUTE,
                   {"download: " + join(download_) + "; execute: " + join(execute_),
                    "the script fetches data from the network and runs a program or code"});
    }
    if (!hidden_.empty()) {
      ctx_.finding(Symbol::SCRIPT_HIDDEN_WINDOW, {join(hidden_), "runs with no visible window"});
    }
    for (std::size_t i = 0; i < obfuscation_.size() && i < kMaxObfuscationFindings; ++i) {
      ctx_.finding(Symbol::SCRIPT_OBFUSCATION, {obfuscation_[i], "hides what the script does"});
    }
    if (!download_.empty()) ctx_.fact("script_download_primitives", download_);
    if (!execute_.empty()) ctx_.fact("script_execute_primitives", execute_);
    if (decoded_ > 0) ctx_.fact("script_decoded_payloads", static_cast<std::int64_t>(decoded_));
  }

  Context& ctx_;
  std::deque<Work> queue_;
  std::vector<std::string> download_, execute_, hidden_, obfuscation_;
  std::size_t decoded_ = 0;
  bool limit_noted_ = false;
  bool children_closed_ = false;
};

}  // namespace

std::string_view script_language_name(ScriptLanguage l) {
  switch (l) {
    case ScriptLanguage::kJavaScript:
      return "javascript";
    case ScriptLanguage::kVbScript:
      return "vbscript";
    case ScriptLanguage::kPowerShell:
      return "powershell";
    case ScriptLanguage::kBatch:
      return "batch";
    case ScriptLanguage::kUnknown:
      break;
  }
  return "unknown";
}

ScriptLanguage script_language_from_name(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n.find("vbs") != std::string::npos || n.find("vbscript") != std::string::npos) {
    return ScriptLanguage::kVbScript;
  }
  if (n.find("jscript") != std::string::npos || n.find("javascript") != std::string::npos ||
      n.find("ecmascript") != std::string::npos || n == "js" || n == "module") {
    return ScriptLanguage::kJavaScript;
  }
  if (n.find("powershell") != std::string::npos) return ScriptLanguage::kPowerShell;
  return ScriptLanguage::kUnknown;
}

void analyze_script_text(ScriptLanguage language, std::string_view utf8, Context& ctx) {
  ScriptJudge(ctx).run(language, utf8);
}

}  // namespace lg::script
