#pragma once
/// Judges the relationships of a package (ECMA-376 Part 2 §9.3): external targets become
/// findings, links and the "external_targets" fact; internal ones tell which parts play which
/// role (VBA project, embedded object, ribbon, ActiveX control, main document).
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/ooxml/opc_package.h"
#include "core/analyzer.h"

namespace lg::ooxml {

/// Parts named by internal relationships, by role (normalized part names).
struct PartRoles {
  std::string main_part;            // officeDocument relationship from the package
  std::string core_properties;      // core-properties
  std::string extended_properties;  // extended-properties (app.xml)
  std::set<std::string> vba_projects;
  std::set<std::string> embeddings;  // oleObject, package
  std::set<std::string> customui;
  std::set<std::string> activex;  // control, activeXControlBinary
};

/// How an attachedTemplate target loads.
enum class TemplateKind {
  kRemote,  // http(s), ftp, UNC, file: with a remote host, any other scheme://
  kLocal,   // a local drive path (file:///C:/..., C:\...): Word writes it for user templates
};
TemplateKind classify_template_target(std::string_view target);

/// Reports every relationship in `rels` through `ctx` (findings, ctx.link for each external
/// target, fact "external_targets") and fills `roles`.
void judge_relationships(const std::vector<Relationship>& rels, Context& ctx, PartRoles& roles);

}  // namespace lg::ooxml
