#pragma once
/// Field instructions (RTF 1.9.1 "Fields": \field{\*\fldinst ...}{\fldrslt ...}), whose
/// syntax is Word's: a keyword, then arguments (quoted or bare) and \switches.
#include <string>
#include <string_view>

namespace lg::rtf {

struct FieldInstruction {
  std::string keyword;   // upper case: "HYPERLINK", "DDEAUTO", "INCLUDEPICTURE" ...
  std::string argument;  // the first argument that is not a switch, quotes removed
};

/// Splits an instruction; an empty keyword when there is none.
FieldInstruction parse_field_instruction(std::string_view instruction);

/// True for the keywords that run a DDE command when the field updates (DDE, DDEAUTO).
bool is_dde_keyword(std::string_view keyword);

}  // namespace lg::rtf
