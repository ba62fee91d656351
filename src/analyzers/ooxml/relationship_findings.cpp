#include "analyzers/ooxml/relationship_findings.h"

#include <cctype>

#include "analyzers/ooxml/xml_util.h"
#include "core/ascii.h"

namespace lg::ooxml {
namespace {

/// Most distinct external targets kept in the fact and given to ctx.link.
constexpr std::size_t kMaxExternalTargets = 1000;
/// Longest target kept in evidence.
constexpr std::size_t kMaxTargetChars = 2048;

bool is_drive_path(std::string_view s) {
  return s.size() >= 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':';
}

std::string where(const Relationship& r) {
  return r.source.empty() ? std::string("the package") : clean_utf8(r.source, 512);
}

}  // namespace

TemplateKind classify_template_target(std::string_view target) {
  const std::string t = ascii_lower(target);
  std::string_view s = t;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.starts_with("\\\\") || s.starts_with("//")) return TemplateKind::kRemote;  // UNC
  if (s.starts_with("file:")) {
    // file:///C:/x (local) against file://host/share/x and file:\\host\share (remote,
    // and an NTLM hash leak when the host answers).
    s.remove_prefix(5);
    std::size_t slashes = 0;
    while (!s.empty() && (s.front() == '/' || s.front() == '\\')) {
      s.remove_prefix(1);
      ++slashes;
    }
    if (is_drive_path(s) || s.starts_with("localhost/") || s.starts_with("localhost\\")) {
      return TemplateKind::kLocal;
    }
    return slashes >= 2 ? TemplateKind::kRemote : TemplateKind::kLocal;
  }
  if (is_drive_path(s)) return TemplateKind::kLocal;
  if (s.find("://") != std::string_view::npos) return TemplateKind::kRemote;
  // Anything else (a relative name) resolves against the document's folder: local.
  return TemplateKind::kLocal;
}

void judge_relationships(const std::vector<Relationship>& rels, Context& ctx, PartRoles& roles) {
  std::vector<std::string> targets;
  std::set<std::string> seen;
  for (const Relationship& r : rels) {
    const std::string_view type = r.type_name();
    if (!r.external) {
      if (type == "officeDocument" && r.source.empty() && roles.main_part.empty()) {
        roles.main_part = r.resolved;
      } else if (type == "core-properties" || type == "metadata/core-properties") {
        roles.core_properties = r.resolved;
      } else if (type == "extended-properties") {
        roles.extended_properties = r.resolved;
      } else if (type == "vbaProject") {
        roles.vba_projects.insert(r.resolved);
      } else if (type == "oleObject" || type == "package") {
        roles.embeddings.insert(r.resolved);
      } else if (type == "extensibility") {  // .../ui/extensibility ([MS-CUSTOMUI] 2.1)
        roles.customui.insert(r.resolved);
      } else if (type == "control" || type == "activeXControlBinary") {
        roles.activex.insert(r.resolved);
      }
      continue;
    }
    const std::string value = clean_utf8(r.target, kMaxTargetChars);
    if (seen.size() < kMaxExternalTargets && seen.insert(value).second) {
      targets.push_back(value);
      ctx.link(value, "");
    }
    if (type == "attachedTemplate") {
      // Part 1 §17.15.1.6 (attachedTemplate): Word fetches the template when the document
      // opens; a remote one is template injection (T1221).
      if (classify_template_target(r.target) == TemplateKind::kRemote) {
        ctx.finding(Symbol::OOXML_REMOTE_TEMPLATE,
                    {value, "attachedTemplate in " + where(r) + " loads a remote template"});
      } else {
        ctx.finding(Symbol::OOXML_EXTERNAL_LINK,
                    {value, "attachedTemplate in " + where(r) + " names a local template"});
      }
    } else if (type == "oleObject" || type == "frame" || type == "subDocument") {
      ctx.finding(Symbol::OOXML_EXTERNAL_OLE,
                  {value, "external " + clean_utf8(type, 200) + " relationship in " + where(r)});
    } else {
      ctx.finding(Symbol::OOXML_EXTERNAL_LINK,
                  {value, "external " + clean_utf8(type, 200) + " relationship in " + where(r)});
    }
  }
  if (!targets.empty()) ctx.fact("external_targets", std::move(targets));
}

}  // namespace lg::ooxml
