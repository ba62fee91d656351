#include "core/symbol.h"

#include <array>

namespace lg {
namespace {

constexpr SymbolInfo kTable[] = {
#define LG_SYMBOL(name, group, score, attack, description) \
  {Symbol::name, #name, #group, score, attack, description},
#include "core/symbols.def"
#undef LG_SYMBOL
};

}  // namespace

std::span<const SymbolInfo> symbol_table() { return kTable; }

const SymbolInfo& symbol_info(Symbol s) { return kTable[static_cast<std::size_t>(s)]; }

std::optional<Symbol> symbol_by_name(std::string_view name) {
  for (const auto& s : kTable)
    if (s.name == name) return s.symbol;
  return std::nullopt;
}

std::vector<std::string_view> attack_ids(const SymbolInfo& info) {
  std::vector<std::string_view> out;
  std::string_view ids = info.attack;
  while (!ids.empty()) {
    auto comma = ids.find(',');
    auto id = ids.substr(0, comma);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    if (!id.empty()) out.push_back(id);
    if (comma == std::string_view::npos) break;
    ids.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace lg
