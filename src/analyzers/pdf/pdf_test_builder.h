#pragma once
/// Test helper: writes small PDF files (ISO 32000-1 7.5: header, objects, xref, trailer) for
/// PdfAnalyzer tests. Header-only, used by the *_test.cpp files of this folder only.
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/testing/zlib_writer.h"

namespace lg::testing {

class PdfBuilder {
 public:
  explicit PdfBuilder(std::string version = "1.7") {
    out_ = "%PDF-" + version + "\n%\xE2\xE3\xCF\xD3\n";
  }
  /// "N 0 obj body endobj".
  PdfBuilder& obj(int num, const std::string& body) {
    offsets_.emplace_back(num, out_.size());
    out_ += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
    return *this;
  }
  /// A stream object; `dict_entries` go inside << >> next to /Length.
  PdfBuilder& stream(int num, const std::string& dict_entries, const std::string& data) {
    return obj(num, "<< " + dict_entries + " /Length " + std::to_string(data.size()) +
                        " >>\nstream\n" + data + "\nendstream");
  }
  /// Cross-reference table, trailer and %%EOF; starts a new section for appended updates.
  PdfBuilder& finish(const std::string& trailer_entries) {
    const std::size_t xref = out_.size();
    out_ += "xref\n";
    for (const auto& [num, off] : offsets_) {
      char line[64];
      std::snprintf(line, sizeof line, "%d 1\n%010zu 00000 n \n", num, off);
      out_ += line;
    }
    out_ +=
        "trailer\n<< " + trailer_entries + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    offsets_.clear();
    return *this;
  }
  const std::string& str() const { return out_; }
  std::string& mutable_str() { return out_; }

 private:
  std::string out_;
  std::vector<std::pair<int, std::size_t>> offsets_;
};

/// Bytes as a PDF hexadecimal string body (no angle brackets).
inline std::string hex_of(std::string_view in) {
  static const char* kHex = "0123456789ABCDEF";
  std::string s;
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    s += kHex[c >> 4];
    s += kHex[c & 15];
  }
  return s;
}

}  // namespace lg::testing
