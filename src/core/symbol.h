#pragma once
/// Symbols: typed ids for named, scored detections. The table is symbols.def.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace lg {

enum class Symbol : unsigned short {
#define LG_SYMBOL(name, group, score, attack, description) name,
#include "core/symbols.def"
#undef LG_SYMBOL
};

struct SymbolInfo {
  Symbol symbol;
  std::string_view name;         // UPPER_SNAKE, stable: reports and configs use it
  std::string_view group;        // for group caps
  double score;                  // default weight
  std::string_view attack;       // ATT&CK technique ids, comma separated, may be empty
  std::string_view description;  // one line
};

/// The whole table, in declaration order.
std::span<const SymbolInfo> symbol_table();
const SymbolInfo& symbol_info(Symbol s);
std::optional<Symbol> symbol_by_name(std::string_view name);
/// The ATT&CK ids of a symbol, split from SymbolInfo::attack.
std::vector<std::string_view> attack_ids(const SymbolInfo& info);

}  // namespace lg
