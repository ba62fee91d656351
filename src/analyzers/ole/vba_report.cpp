#include "analyzers/ole/vba_report.h"

#include <algorithm>

#include "analyzers/ole/vba_keywords.h"
#include "analyzers/ole/vba_stomp.h"
#include "core/hash.h"

namespace lg {
namespace {

Symbol symbol_for(VbaKeywordKind k) {
  switch (k) {
    case VbaKeywordKind::kAutoExec:
      return Symbol::VBA_AUTOEXEC;
    case VbaKeywordKind::kExecute:
      return Symbol::VBA_EXECUTE;
    case VbaKeywordKind::kDownload:
      return Symbol::VBA_DOWNLOAD;
    case VbaKeywordKind::kWrite:
      return Symbol::VBA_WRITE;
    case VbaKeywordKind::kObfuscation:
      return Symbol::VBA_OBFUSCATION;
    case VbaKeywordKind::kSuspicious:
    case VbaKeywordKind::kWeak:
      break;
  }
  return Symbol::VBA_SUSPICIOUS;
}

std::string where(const VbaModule& m, const VbaKeywordHit& h) {
  if (h.line == 0)
    return m.name + ": " + (h.line_text.empty() ? h.description : "in a decoded string");
  return m.name + " line " + std::to_string(h.line) + ": " + h.line_text;
}

}  // namespace

std::string vba_code_hash(const std::vector<VbaProject>& projects) {
  std::vector<std::pair<std::string, std::string>> mods;
  for (const auto& p : projects)
    for (const auto& m : p.modules) mods.emplace_back(m.name, vba_visible_code(m.source));
  std::sort(mods.begin(), mods.end());
  std::string all;
  for (const auto& [name, code] : mods) {
    if (code.empty()) continue;
    all += code;
    all += '\n';
  }
  return sha256_hex(as_bytes(all));
}

void report_vba(const std::vector<VbaProject>& projects, Context& ctx) {
  std::vector<std::string> names, keywords, carved, exe_names;
  bool any_module = false, autoexec = false, write_or_exec = false;
  std::string autoexec_evidence, action_evidence;
  for (const VbaProject& p : projects) {
    for (const auto& a : p.anomalies) ctx.anomaly("VBA project '" + p.storage_path + "': " + a);
    for (const auto& mm : vba_module_mismatches(p))
      ctx.finding(Symbol::VBA_STOMPED, {mm, "the VBA editor does not show this module"});
    for (const VbaModule& m : p.modules) {
      if (ctx.should_stop()) return;
      any_module = true;
      names.push_back(m.name);
      if (m.carved) carved.push_back(m.name);
      if (auto why = vba_stomp_reason(p, m)) ctx.finding(Symbol::VBA_STOMPED, {m.name, *why});
      if (m.source.empty()) continue;
      ctx.text(TextKind::kMacro, m.source);
      VbaAnalysis a = analyze_vba_source(m.source);
      for (const std::string& d : a.decoded_strings) ctx.text(TextKind::kMacro, d);
      for (const std::string& e : a.executable_names)
        if (std::find(exe_names.begin(), exe_names.end(), e) == exe_names.end())
          exe_names.push_back(e);
      for (const VbaKeywordHit& h : a.hits) {
        std::string k = std::string(vba_keyword_type(h.kind)) + ":" + h.keyword;
        if (std::find(keywords.begin(), keywords.end(), k) == keywords.end()) keywords.push_back(k);
        if (h.kind != VbaKeywordKind::kWeak)
          ctx.finding(symbol_for(h.kind), {h.keyword, h.description + " (" + where(m, h) + ")"});
        if (h.kind == VbaKeywordKind::kAutoExec && !autoexec) {
          autoexec = true;
          autoexec_evidence = h.keyword;
        }
        if ((h.mraptor_write || h.mraptor_execute) && !write_or_exec) {
          write_or_exec = true;
          action_evidence = h.keyword;
        }
      }
    }
  }
  ctx.fact("has_vba", any_module);
  if (!any_module) return;
  ctx.finding(Symbol::VBA_MACRO, {names.front(), std::to_string(names.size()) + " VBA module(s)"});
  ctx.fact("vba_modules", names);
  ctx.fact("vba_code_hash", vba_code_hash(projects));
  if (!keywords.empty()) ctx.fact("vba_keywords", keywords);
  if (!carved.empty()) ctx.fact("vba_carved", carved);
  if (!exe_names.empty()) ctx.fact("vba_executable_names", exe_names);
  if (autoexec && write_or_exec)
    ctx.finding(Symbol::VBA_AUTO_EXEC_WRITE_EXECUTE,
                {autoexec_evidence + " + " + action_evidence,
                 "runs on open and writes files or runs code (mraptor's rule)"});
}

}  // namespace lg
