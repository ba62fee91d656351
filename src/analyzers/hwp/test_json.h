#pragma once
/// Test helper (header-only, tests only): a small JSON reader for the reference parser's output
/// beside the corpus files. Trusted input, so plain recursive descent; malformed text gives a
/// null value.
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace lg::testing {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject } type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  const JsonValue* get(const std::string& key) const {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &it->second;
  }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}
  JsonValue parse() { return value(); }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  unsigned hex4() {
    unsigned v =
        static_cast<unsigned>(std::strtoul(std::string(s_.substr(i_, 4)).c_str(), nullptr, 16));
    i_ += 4;
    return v;
  }
  std::string str() {
    std::string out;
    ++i_;  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = s_[i_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            char32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;
      }
    }
    ++i_;  // closing quote
    return out;
  }
  JsonValue value() {
    ws();
    JsonValue v;
    if (i_ >= s_.size()) return v;
    char c = s_[i_];
    if (c == '{') {
      v.type = JsonValue::Type::kObject;
      ++i_;
      for (ws(); i_ < s_.size() && s_[i_] != '}'; ws()) {
        if (s_[i_] == ',') {
          ++i_;
          ws();
        }
        std::string k = str();
        ws();
        ++i_;  // ':'
        v.object[k] = value();
        ws();
        if (i_ < s_.size() && s_[i_] == ',') ++i_;
      }
      ++i_;
    } else if (c == '[') {
      v.type = JsonValue::Type::kArray;
      ++i_;
      for (ws(); i_ < s_.size() && s_[i_] != ']'; ws()) {
        v.array.push_back(value());
        ws();
        if (i_ < s_.size() && s_[i_] == ',') ++i_;
      }
      ++i_;
    } else if (c == '"') {
      v.type = JsonValue::Type::kString;
      v.string = str();
    } else if (s_.substr(i_, 4) == "true" || s_.substr(i_, 5) == "false") {
      v.type = JsonValue::Type::kBool;
      v.boolean = c == 't';
      i_ += v.boolean ? 4 : 5;
    } else if (s_.substr(i_, 4) == "null") {
      i_ += 4;
    } else {
      v.type = JsonValue::Type::kNumber;
      char* end = nullptr;
      std::string rest(s_.substr(i_, 40));
      v.number = std::strtod(rest.c_str(), &end);
      i_ += static_cast<std::size_t>(end - rest.c_str());
      if (end == rest.c_str()) ++i_;  // not a number: skip a character
    }
    return v;
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace lg::testing
