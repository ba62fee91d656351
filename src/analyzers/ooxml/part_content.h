#pragma once
/// What the analyzer reads inside XML parts: visible text, WordprocessingML field
/// instructions (ECMA-376 Part 1 §17.16), SpreadsheetML DDE links (§18.14), ribbon callbacks
/// ([MS-CUSTOMUI]) and ActiveX control class ids (the activeX parts of [MS-OI29500]).
#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace lg::ooxml {

/// Deepest nesting of complex fields tracked; deeper begin marks are counted, not tracked.
inline constexpr std::size_t kMaxFieldDepth = 64;
/// Longest field instruction kept (longer ones are cut here).
inline constexpr std::size_t kMaxInstructionBytes = 64u << 10;
/// Most fields reported from one part.
inline constexpr std::size_t kMaxFieldsPerPart = 10'000;

/// The text a reader sees: the content of every `t` element (w:t, a:t, SpreadsheetML t),
/// with paragraphs (w:p, a:p, si) ended by '\n' and w:tab as '\t'. At most `max_bytes`.
std::string visible_text(const pugi::xml_document& doc, std::size_t max_bytes);

/// One field instruction (Part 1 §17.16.2): complex fields (w:fldChar begin/separate/end
/// with the w:instrText runs between begin and separate joined, so an instruction split over
/// runs reads whole) and simple fields (w:fldSimple/@w:instr).
struct FieldInstruction {
  std::string text;  // as joined, not trimmed
  bool simple = false;
};
std::vector<FieldInstruction> field_instructions(const pugi::xml_document& doc);

/// "DDE" or "DDEAUTO" when the instruction's field type (its first word, §17.16.1) is one of
/// them (case-insensitive), else "".
std::string dde_keyword(const std::string& instruction);

/// SpreadsheetML ddeLink elements (§18.14.4): "service topic" for each ("cmd /c calc.exe").
std::vector<std::string> dde_links(const pugi::xml_document& doc);

/// Ribbon callbacks ([MS-CUSTOMUI] 2.2): "attribute=Macro" for each on*/get* attribute.
std::vector<std::string> customui_callbacks(const pugi::xml_document& doc);

/// An ActiveX control part's class id (ax:ocx/@ax:classid), upper case without braces, or "".
std::string activex_classid(const pugi::xml_document& doc);

}  // namespace lg::ooxml
