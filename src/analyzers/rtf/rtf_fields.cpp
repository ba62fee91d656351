// Field instruction parsing, and the end of a Document: destinations and fields closing,
// and the final report.
#include "analyzers/rtf/rtf_fields.h"

#include <algorithm>
#include <cstdio>

#include "analyzers/rtf/rtf_analyzer.h"
#include "analyzers/rtf/rtf_document.h"
#include "analyzers/rtf/rtf_object.h"
#include "core/ascii.h"
#include "core/reader.h"

namespace lg::rtf {
namespace {

constexpr std::size_t kMaxEvidence = 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// At most kMaxEvidence bytes, cut at a UTF-8 character boundary.
std::string clip(std::string_view s) {
  if (s.size() <= kMaxEvidence) return std::string(s);
  std::size_t n = kMaxEvidence;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

bool is_remote_target(std::string_view t) {
  return istarts_with(t, "http://") || istarts_with(t, "https://") || istarts_with(t, "file:") ||
         t.starts_with("\\\\") || t.starts_with("//") || istarts_with(t, "ftp://");
}

}  // namespace

FieldInstruction parse_field_instruction(std::string_view s) {
  FieldInstruction f;
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  while (i < s.size() && !is_space(s[i]) && s[i] != '"') f.keyword.push_back(s[i++]);
  for (char& c : f.keyword) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  // Arguments: each loop iteration consumes at least one character.
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] != '\\') {  // a \switch and its letter
      // HYPERLINK's \l (bookmark), \o (tooltip) and \t (frame) take an argument of their
      // own: "HYPERLINK \l "_Toc1"" links inside the document, not to a URL.
      const char sw = static_cast<char>(s[i + 1] | 0x20);
      i += 2;
      if (sw == 'l' || sw == 'o' || sw == 't') {
        while (i < s.size() && is_space(s[i])) ++i;
        if (i < s.size() && s[i] == '"') {
          const std::size_t end = s.find('"', i + 1);
          i = end == std::string_view::npos ? s.size() : end + 1;
        } else {
          while (i < s.size() && !is_space(s[i])) ++i;
        }
      }
      continue;
    }
    std::string arg;
    if (s[i] == '"') {
      const std::size_t end = s.find('"', i + 1);
      const std::size_t stop = end == std::string_view::npos ? s.size() : end;
      arg.assign(s.substr(i + 1, stop - i - 1));
      i = stop + 1;
    } else {
      while (i < s.size() && !is_space(s[i])) arg.push_back(s[i++]);
    }
    if (!arg.empty()) {
      f.argument = std::move(arg);
      break;
    }
  }
  return f;
}

bool is_dde_keyword(std::string_view k) { return k == "DDE" || k == "DDEAUTO"; }

void Document::finish_destination(Group& g) {
  g.sink.flush(charset_);
  const std::string_view text = trim(g.sink.text());
  switch (g.dest) {
    case Dest::kObjData: {
      if (g.object < 0) return;
      Object& o = objects_[static_cast<std::size_t>(g.object)];
      if (o.reported && g.hex.empty()) return;
      // One object may hold many \objdata groups: the cap counts what is reported.
      if (objects_reported_ >= kMaxObjects) {
        if (objects_reported_++ == kMaxObjects) ctx_.anomaly("rtf: objects past the cap ignored");
        return;
      }
      o.reported = true;
      if (g.hex.size() % 2 == 1) signal("odd number of hex digits in \\objdata");
      const Bytes data = decode_hex_digits(g.hex);
      ObjectSummary sum = report_object(o.class_name, data, objects_reported_++, ctx_);
      if (object_classes_.size() < kMaxListFact) object_classes_.push_back(sum.class_name);
      if (!sum.clsid.empty() && object_clsids_.size() < kMaxListFact) {
        object_clsids_.push_back(sum.clsid);
      }
      break;
    }
    case Dest::kObjClass:
      if (g.object >= 0) objects_[static_cast<std::size_t>(g.object)].class_name = text;
      break;
    case Dest::kTemplate:
      ctx_.fact("template", std::string(text));
      if (is_remote_target(text)) {
        ctx_.finding(Symbol::RTF_REMOTE_TEMPLATE,
                     {clip(text), "\\*\\template loads a remote template when opened"});
        ctx_.link(text, "");
      }
      break;
    case Dest::kFldInst:
      if (g.field >= 0) fields_[static_cast<std::size_t>(g.field)].instruction = text;
      break;
    case Dest::kInfoField: {
      std::string v(text);
      if (g.key == "generator" && !v.empty() && v.back() == ';') v.pop_back();
      if (!v.empty()) ctx_.fact(g.key, std::move(v));
      if (g.key == "title" || g.key == "subject") ctx_.text(TextKind::kDocument, text);
      break;
    }
    case Dest::kDateField: {
      const auto* d = g.date;
      if (d[0] <= 0) break;
      char buf[40];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", d[0], d[1], d[2], d[3], d[4]);
      ctx_.fact(g.key, std::string(buf));
      break;
    }
    default:
      break;
  }
}

void Document::finish_field(Field& f) {
  f.result.flush(charset_);
  const FieldInstruction fi = parse_field_instruction(f.instruction);
  if (fi.keyword.empty()) return;
  if (field_facts_.size() < kMaxListFact) field_facts_.push_back(clip(f.instruction));
  if (is_dde_keyword(fi.keyword)) {
    ctx_.finding(Symbol::DDE_COMMAND,
                 {clip(f.instruction), fi.keyword + " field runs a command through DDE"});
    ctx_.text(TextKind::kArguments, f.instruction);
  } else if (fi.keyword == "HYPERLINK" && !fi.argument.empty()) {
    ctx_.link(fi.argument, trim(f.result.text()));
  } else if ((fi.keyword == "INCLUDEPICTURE" || fi.keyword == "INCLUDETEXT") &&
             is_remote_target(fi.argument)) {
    ctx_.link(fi.argument, "");
  }
}

void Document::finish() {
  const std::size_t open = stack_.size() - 1 + overflow_;
  overflow_ = 0;
  while (stack_.size() > 1) close_group();  // bounded: one pop per iteration
  if (open > 0)
    ctx_.anomaly("rtf: " + std::to_string(open) + " groups open at the end (truncated?)");
  if (unbalanced_ > 0) ctx_.anomaly("rtf: " + std::to_string(unbalanced_) + " unmatched '}'");
  if (tok_.binary_truncated()) ctx_.anomaly("rtf: \\bin data runs past the end");

  if (max_depth_ > RtfAnalyzer::kObfuscationDepth) {
    signal("groups nested " + std::to_string(max_depth_) + " deep");
  }
  if (objdata_junk_ >= kObjdataJunkSign) {
    signal(std::to_string(objdata_junk_) + " control words, groups or junk bytes inside \\objdata");
  }
  if (objdata_in_ignored_) signal("\\objdata hidden in an ignorable {\\*...} destination");
  if (bin_in_objdata_) signal("\\bin data inside \\objdata");
  if (empty_groups_ >= kEmptyGroupSign) {
    signal(std::to_string(empty_groups_) + " empty {} or {\\*} groups");
  }
  if (!Reader(data_).starts_with_at(0, "{\\rtf1")) {
    ctx_.anomaly("rtf: header is not {\\rtf1");
    signal("header is not {\\rtf1 (Word reads any {\\rt)");
  }
  if (tok_.oversized_words() >= kOversizedWordSign) {
    signal(std::to_string(tok_.oversized_words()) + " control words or parameters over length");
  }

  document_.flush(charset_);
  if (!document_.text().empty()) ctx_.text(TextKind::kDocument, document_.text());
  if (document_.clipped()) ctx_.anomaly("rtf: text clipped at the per-object text limit");
  ctx_.fact("max_group_depth", static_cast<std::int64_t>(max_depth_));
  if (!object_classes_.empty()) ctx_.fact("objects", object_classes_);
  if (!object_clsids_.empty()) ctx_.fact("object_clsids", object_clsids_);
  if (!field_facts_.empty()) ctx_.fact("fields", field_facts_);
  if (!signals_.empty()) {
    ctx_.fact("obfuscation", signals_);
    ctx_.finding(Symbol::RTF_OBFUSCATION, {signals_.front(), "RTF written to evade parsers"});
  }
}

}  // namespace lg::rtf
