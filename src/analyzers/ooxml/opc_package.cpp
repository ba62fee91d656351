// ECMA-376 Part 2 (Open Packaging Conventions) over zip::walk.
#include "analyzers/ooxml/opc_package.h"

#include <algorithm>
#include <vector>

#include "analyzers/ooxml/xml_util.h"
#include "core/ascii.h"

namespace lg::ooxml {

std::string_view Relationship::type_name() const {
  std::string_view t = type;
  while (!t.empty() && t.back() == '/') t.remove_suffix(1);
  const auto slash = t.rfind('/');
  return slash == std::string_view::npos ? t : t.substr(slash + 1);
}

std::string normalize_part_name(std::string_view name) {
  std::string out = ascii_lower(name);
  std::replace(out.begin(), out.end(), '\\', '/');
  std::size_t start = 0;
  while (start < out.size() && out[start] == '/') ++start;
  return out.substr(start);
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
  // Drop a fragment or query: they do not name a part.
  target = target.substr(0, std::min(target.find('#'), target.find('?')));
  std::vector<std::string> segments;
  std::string path;
  if (!target.empty() && (target.front() == '/' || target.front() == '\\')) {
    path = std::string(target);
  } else {
    const auto slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = std::string(source_part.substr(0, slash + 1));
    path += target;
  }
  std::string norm = normalize_part_name(path);
  std::size_t pos = 0;
  // One pass over the segments: bounded by the target's length.
  while (pos <= norm.size()) {
    auto next = norm.find('/', pos);
    if (next == std::string::npos) next = norm.size();
    std::string seg = norm.substr(pos, next - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(std::move(seg));
    }
    pos = next + 1;
  }
  std::string out;
  for (const auto& s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

std::optional<std::string> Package::rels_source(std::string_view rels_name) {
  // Part 2 §9.3.5: the relationship part of "/a/b.xml" is "/a/_rels/b.xml.rels".
  if (!rels_name.ends_with(".rels")) return std::nullopt;
  const auto slash = rels_name.rfind('/');
  const std::string_view file =
      slash == std::string_view::npos ? rels_name : rels_name.substr(slash + 1);
  const std::string_view dir =
      slash == std::string_view::npos ? std::string_view() : rels_name.substr(0, slash);
  if (dir != "_rels" && !dir.ends_with("/_rels")) return std::nullopt;
  std::string parent(dir.substr(0, dir.size() - 5));  // keeps the trailing '/' if any
  std::string src = parent + std::string(file.substr(0, file.size() - 5));
  return src;
}

Package::Package(ByteView data) : data_(data), archive_(zip::walk(data)) {
  parts_.reserve(archive_.entries.size());
  for (std::size_t i = 0; i < archive_.entries.size(); ++i) {
    const auto& e = archive_.entries[i];
    if (e.is_directory()) continue;
    Part p{normalize_part_name(e.name), e.name, i};
    // The first entry of a name wins (a later duplicate is one of the walker's issues).
    if (by_name_.emplace(p.name, parts_.size()).second) parts_.push_back(std::move(p));
  }
}

const Part* Package::find(std::string_view normalized_name) const {
  auto it = by_name_.find(normalized_name);
  return it == by_name_.end() ? nullptr : &parts_[it->second];
}

Result<zip::Extracted> Package::read(const Part& p, std::size_t max_out) const {
  return zip::extract(data_, archive_.entries[p.entry], max_out);
}

bool Package::load_content_types(std::string_view xml) {
  pugi::xml_document doc;
  if (!parse_xml(xml, doc)) return false;
  const pugi::xml_node types = first_element(doc);
  std::size_t n = 0;
  for (pugi::xml_node e = types.first_child(); e && n < kMaxContentTypes; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    ++n;
    const std::string_view name = local_name(e.name());
    const std::string type = ascii_lower(attr(e, "ContentType"));
    if (name == "Default") {  // Part 2 §10.1.2.2.2
      defaults_.emplace(ascii_lower(attr(e, "Extension")), type);
    } else if (name == "Override") {  // Part 2 §10.1.2.2.3
      overrides_.emplace(normalize_part_name(attr(e, "PartName")), type);
    }
  }
  return true;
}

std::string Package::content_type(std::string_view normalized_name) const {
  if (auto it = overrides_.find(normalized_name); it != overrides_.end()) return it->second;
  const auto slash = normalized_name.rfind('/');
  const auto dot = normalized_name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  if (auto it = defaults_.find(normalized_name.substr(dot + 1)); it != defaults_.end()) {
    return it->second;
  }
  return {};
}

bool Package::parse_relationships(std::string_view rels_name, std::string_view xml,
                                  std::vector<Relationship>& out) {
  const auto source = rels_source(rels_name);
  if (!source) return false;
  pugi::xml_document doc;
  if (!parse_xml(xml, doc)) return false;
  const pugi::xml_node root = first_element(doc);
  std::size_t n = 0;
  for (pugi::xml_node e = root.first_child(); e && n < kMaxRelationshipsPerPart;
       e = e.next_sibling()) {
    if (e.type() != pugi::node_element || local_name(e.name()) != "Relationship") continue;
    ++n;
    Relationship r;
    r.source = *source;
    r.id = attr(e, "Id");
    r.type = attr(e, "Type");
    r.target = attr(e, "Target");
    // Part 2 §9.3.2.2: TargetMode "External" or "Internal" (the default).
    r.external = iequals(attr(e, "TargetMode"), "External");
    if (!r.external) r.resolved = resolve_target(r.source, r.target);
    out.push_back(std::move(r));
  }
  return true;
}

}  // namespace lg::ooxml
