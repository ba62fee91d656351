#include "analyzers/ooxml/part_content.h"

#include <string_view>

#include "analyzers/ooxml/xml_util.h"
#include "core/ascii.h"

namespace lg::ooxml {
namespace {

constexpr std::size_t kMaxCallbacks = 1000;

void append_capped(std::string& out, std::string_view s, std::size_t cap) {
  if (out.size() >= cap) return;
  out.append(s.substr(0, cap - out.size()));
}

// The text content of an element (its pcdata/cdata children only: `t` holds no markup).
void append_own_text(std::string& out, const pugi::xml_node& e, std::size_t cap) {
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      append_capped(out, c.value(), cap);
    }
  }
}

bool is_paragraph(std::string_view name) { return name == "p" || name == "si"; }

}  // namespace

std::string visible_text(const pugi::xml_document& doc, std::size_t max_bytes) {
  std::string out;
  const pugi::xml_node root = doc;
  std::size_t visited = 0;
  auto on_leave = [&](const pugi::xml_node& n) {
    if (n.type() == pugi::node_element && is_paragraph(local_name(n.name())) && !out.empty() &&
        out.back() != '\n') {
      append_capped(out, "\n", max_bytes);
    }
  };
  for (pugi::xml_node n = root.first_child(); n && visited < kMaxNodesPerPart;
       n = next_in_order(root, n, on_leave)) {
    ++visited;
    if (n.type() != pugi::node_element) continue;
    const std::string_view name = local_name(n.name());
    if (name == "t") {
      append_own_text(out, n, max_bytes);
    } else if (name == "tab") {
      append_capped(out, "\t", max_bytes);
    } else if (name == "br" || name == "cr") {
      append_capped(out, "\n", max_bytes);
    }
    if (out.size() >= max_bytes) break;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::vector<FieldInstruction> field_instructions(const pugi::xml_document& doc) {
  std::vector<FieldInstruction> out;
  // Open complex fields, innermost last; `collecting` is false after the separate mark.
  struct Open {
    std::string text;
    bool collecting = true;
  };
  std::vector<Open> open;
  std::size_t untracked = 0;  // begin marks past kMaxFieldDepth
  const pugi::xml_node root = doc;
  std::size_t visited = 0;
  auto emit = [&](std::string text, bool simple) {
    if (out.size() < kMaxFieldsPerPart) out.push_back({std::move(text), simple});
  };
  for (pugi::xml_node n = root.first_child(); n && visited < kMaxNodesPerPart;
       n = next_in_order(
           root, n, [](const pugi::xml_node&) {})) {
    ++visited;
    if (n.type() != pugi::node_element) continue;
    const std::string_view name = local_name(n.name());
    if (name == "fldChar") {
      const std::string type = attr(n, "fldCharType");
      if (type == "begin") {
        if (open.size() < kMaxFieldDepth) {
          open.push_back({});
        } else {
          ++untracked;
        }
      } else if (type == "separate") {
        if (untracked == 0 && !open.empty()) open.back().collecting = false;
      } else if (type == "end") {
        if (untracked > 0) {
          --untracked;
        } else if (!open.empty()) {
          emit(std::move(open.back().text), false);
          open.pop_back();
        }
      }
    } else if (name == "instrText" || name == "delInstrText") {
      if (untracked == 0 && !open.empty() && open.back().collecting) {
        append_own_text(open.back().text, n, kMaxInstructionBytes);
      }
    } else if (name == "fldSimple") {
      emit(attr(n, "instr").substr(0, kMaxInstructionBytes), true);
    }
  }
  // Fields never ended (a damaged or crafted part) still count: Word runs them too.
  for (auto& o : open) emit(std::move(o.text), false);
  return out;
}

std::string dde_keyword(const std::string& instruction) {
  std::size_t i = 0;
  while (i < instruction.size() && (instruction[i] == ' ' || instruction[i] == '\t' ||
                                    instruction[i] == '\r' || instruction[i] == '\n')) {
    ++i;
  }
  std::size_t j = i;
  while (j < instruction.size() && instruction[j] != ' ' && instruction[j] != '\t' &&
         instruction[j] != '"' && instruction[j] != '\\') {
    ++j;
  }
  const std::string_view word = std::string_view(instruction).substr(i, j - i);
  if (iequals(word, "DDEAUTO")) return "DDEAUTO";
  if (iequals(word, "DDE")) return "DDE";
  return {};
}

std::vector<std::string> dde_links(const pugi::xml_document& doc) {
  std::vector<std::string> out;
  const pugi::xml_node root = doc;
  std::size_t visited = 0;
  for (pugi::xml_node n = root.first_child(); n && visited < kMaxNodesPerPart;
       n = next_in_order(
           root, n, [](const pugi::xml_node&) {})) {
    ++visited;
    if (n.type() != pugi::node_element || local_name(n.name()) != "ddeLink") continue;
    if (out.size() >= kMaxFieldsPerPart) break;
    std::string s = attr(n, "ddeService");
    const std::string topic = attr(n, "ddeTopic");
    if (!topic.empty()) s += " " + topic;
    out.push_back(s.substr(0, kMaxInstructionBytes));
  }
  return out;
}

std::vector<std::string> customui_callbacks(const pugi::xml_document& doc) {
  std::vector<std::string> out;
  const pugi::xml_node root = doc;
  std::size_t visited = 0;
  for (pugi::xml_node n = root.first_child(); n && visited < kMaxNodesPerPart;
       n = next_in_order(
           root, n, [](const pugi::xml_node&) {})) {
    ++visited;
    if (n.type() != pugi::node_element) continue;
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view an = local_name(a.name());
      // [MS-CUSTOMUI] callbacks: onLoad, onAction, onChange, getLabel, getVisible, ...
      const bool callback =
          (an.size() > 2 && an.starts_with("on") && an[2] >= 'A' && an[2] <= 'Z') ||
          (an.size() > 3 && an.starts_with("get") && an[3] >= 'A' && an[3] <= 'Z');
      if (!callback || *a.value() == '\0') continue;
      if (out.size() >= kMaxCallbacks) return out;
      out.push_back(std::string(an) + "=" + a.value());
    }
  }
  return out;
}

std::string activex_classid(const pugi::xml_document& doc) {
  const pugi::xml_node ocx = first_element(doc);
  std::string id = attr(ocx, "classid");
  std::string out;
  for (char c : id) {
    if (c == '{' || c == '}') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  return out;
}

}  // namespace lg::ooxml
