#pragma once
/// The function tables of [MS-XLS] 2.5.198.17 (Ftab: built-in worksheet and macro-sheet
/// functions, called through PtgFunc/PtgFuncVar) and 2.5.198.4 (Cetab: macro-sheet commands,
/// called through PtgFuncVar with fCeFunc set).
#include <cstdint>

namespace lg::xls {

/// A function's name and its fixed argument count (kVariableArgs when PtgFuncVar carries it).
struct FunctionInfo {
  const char* name;
  std::int8_t argc;
};
inline constexpr std::int8_t kVariableArgs = -1;

/// Ftab entry `iftab`, or nullptr when the number is not in the table (0x00FF, the
/// user-defined function whose name is its first argument, is reported as a name too).
const FunctionInfo* ftab_function(std::uint16_t iftab);
/// Cetab entry `cetab` (always called with an explicit argument count), or nullptr.
const char* cetab_function(std::uint16_t cetab);

}  // namespace lg::xls
