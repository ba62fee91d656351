#pragma once
/// Test helper (header-only, tests only): the JSON that reference tools wrote beside the shared
/// corpus (olevba -j, LnkParse3, pyhwp), read with nlohmann/json (Debian nlohmann-json3-dev;
/// CMake target lg_dep_json, which only test programs link).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/testing/test_files.h"

namespace lg::testing {

using Json = nlohmann::json;

/// The JSON document in `path`; a discarded value (`is_discarded()`) when the file is missing
/// or is not JSON.
inline Json read_json_file(const std::string& path) {
  return Json::parse(read_file(path), nullptr, /*allow_exceptions=*/false);
}

/// The member `key` of `j`, or null when `j` is no object or has no such member.
inline const Json* json_get(const Json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}
inline const Json* json_get(const Json* j, std::string_view key) {
  return j ? json_get(*j, key) : nullptr;
}

/// The string `j` holds, or "" when it holds none.
inline std::string json_string(const Json* j) {
  return j && j->is_string() ? j->get<std::string>() : std::string();
}

/// The results of an `olevba -j` run (the array members with a "container" key), in order:
/// the file itself first, then, for a file olevba decrypted itself, the decrypted copy (its
/// "container" names the original).
inline std::vector<const Json*> olevba_results(const Json& doc) {
  std::vector<const Json*> out;
  if (!doc.is_array()) return out;
  for (const Json& item : doc)
    if (json_get(item, "container")) out.push_back(&item);
  return out;
}

}  // namespace lg::testing
