#pragma once
/// Hashing for unordered containers keyed by std::string and looked up by std::string_view
/// (C++20 heterogeneous lookup, no key copy per lookup): use with std::equal_to<>.
#include <cstddef>
#include <functional>
#include <string_view>

namespace lg {

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace lg
