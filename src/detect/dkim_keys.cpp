#include "detect/dkim_keys.h"

#include <fstream>
#include <sstream>

#include "core/ascii.h"

namespace lg {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "\"v=DKIM1; \" \"p=...\"" (zone-file character-strings) -> their concatenation; text that
// does not start with a quote is taken as it is.
std::string unquote_strings(std::string_view s) {
  if (s.empty() || s.front() != '"') return std::string(s);
  std::string out;
  bool in = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      in = !in;
    } else if (in) {
      if (c == '\\' && i + 1 < s.size()) ++i;
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

void MapKeyResolver::add(std::string_view name, std::string record) {
  std::string key = ascii_lower(name);
  while (!key.empty() && key.back() == '.') key.pop_back();
  records_[std::move(key)] = std::move(record);
}

KeyLookup MapKeyResolver::lookup(std::string_view name) const {
  auto it = records_.find(ascii_lower(name));
  if (it == records_.end()) return {KeyLookup::Outcome::kNotFound, {}};
  return {KeyLookup::Outcome::kFound, it->second};
}

Result<MapKeyResolver> MapKeyResolver::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(ErrorCode::kIo, "cannot read DKIM key file " + path);
  MapKeyResolver keys;
  std::string line;
  std::size_t read = 0;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    read += line.size() + 1;
    if (read > kMaxKeyFileBytes)
      return Status::error(ErrorCode::kLimit, "DKIM key file too large: " + path);
    std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    const std::size_t space = l.find_first_of(" \t");
    if (space == std::string_view::npos)
      return Status::error(ErrorCode::kMalformed,
                           path + " line " + std::to_string(number) + ": expected NAME RECORD");
    keys.add(l.substr(0, space), unquote_strings(trim(l.substr(space + 1))));
  }
  return keys;
}

}  // namespace lg
