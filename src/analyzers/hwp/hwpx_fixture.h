#pragma once
/// Test helper (header-only, tests only): writes small HWPX packages (KS X 6101 clause 8:
/// mimetype, version.xml, Contents/content.hpf, Contents/section<N>.xml, BinData/, Scripts/,
/// META-INF/manifest.xml) with the ZIP test builder.
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "formats/zip/zip_test_builder.h"

namespace lg::testing {

inline constexpr const char* kHwpxParagraphNs = "http://www.hancom.co.kr/hwpml/2011/paragraph";

/// One paragraph of plain text (XML-escaped by the caller where needed).
inline std::string hwpx_paragraph(const std::string& text) {
  return "<hp:p id=\"0\" paraPrIDRef=\"0\"><hp:run charPrIDRef=\"0\"><hp:t>" + text +
         "</hp:t></hp:run></hp:p>";
}

/// A paragraph holding a HYPERLINK field whose Command parameter is `command`.
inline std::string hwpx_hyperlink(const std::string& command, const std::string& text) {
  return "<hp:p><hp:run><hp:ctrl><hp:fieldBegin id=\"1\" type=\"HYPERLINK\" name=\"\">"
         "<hp:parameters cnt=\"2\" name=\"\"><hp:integerParam name=\"Prop\">0</hp:integerParam>"
         "<hp:stringParam name=\"Command\">" +
         command + "</hp:stringParam></hp:parameters></hp:fieldBegin></hp:ctrl><hp:t>" + text +
         "</hp:t><hp:ctrl><hp:fieldEnd beginIDRef=\"1\"/></hp:ctrl></hp:run></hp:p>";
}

class HwpxBuilder {
 public:
  /// Adds a section part whose hs:sec element holds `paragraphs_xml`.
  void section(const std::string& paragraphs_xml) {
    sections_.push_back(
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><hs:sec "
                    "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\" xmlns:hp=\"") +
        kHwpxParagraphNs + "\">" + paragraphs_xml + "</hs:sec>");
  }
  /// Adds a raw section part (for broken XML).
  void raw_section(std::string xml) { sections_.push_back(std::move(xml)); }
  void bindata(const std::string& name, std::string content, std::string media_type = "") {
    bindata_.push_back({name, std::move(content), std::move(media_type)});
  }
  void script(const std::string& name, std::string content) {
    scripts_.emplace_back(name, std::move(content));
  }
  /// Lists `part` as encrypted in META-INF/manifest.xml.
  void encrypted(const std::string& part) { encrypted_.push_back(part); }
  /// A content.hpf item that is not embedded (a linked file).
  void linked(const std::string& path) { linked_.push_back(path); }

  Bytes build() const {
    zip::testing::ZipBuilder z;
    z.add("mimetype", "application/hwp+zip", false);
    z.add("version.xml",
          "<?xml version=\"1.0\"?><hv:HCFVersion "
          "xmlns:hv=\"http://www.hancom.co.kr/hwpml/2011/version\" tagetApplication="
          "\"WORDPROCESSOR\" major=\"5\" minor=\"1\" micro=\"0\" buildNumber=\"1\"/>");
    std::string hpf =
        "<?xml version=\"1.0\"?><opf:package xmlns:opf=\"http://www.idpf.org/2007/opf/\">"
        "<opf:manifest>";
    for (std::size_t i = 0; i < sections_.size(); ++i)
      hpf += "<opf:item id=\"section" + std::to_string(i) + "\" href=\"Contents/section" +
             std::to_string(i) + ".xml\" media-type=\"application/xml\"/>";
    for (const auto& b : bindata_)
      hpf += "<opf:item id=\"" + b.name + "\" href=\"BinData/" + b.name + "\" media-type=\"" +
             b.media_type + "\" isEmbeded=\"1\"/>";
    for (const auto& l : linked_)
      hpf += "<opf:item id=\"l\" href=\"" + l + "\" media-type=\"image/png\" isEmbeded=\"0\"/>";
    hpf += "</opf:manifest></opf:package>";
    z.add("Contents/content.hpf", hpf);
    if (!encrypted_.empty()) {
      std::string m =
          "<?xml version=\"1.0\"?><odf:manifest "
          "xmlns:odf=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">";
      for (const auto& p : encrypted_)
        m += "<odf:file-entry full-path=\"" + p +
             "\" media-type=\"application/xml\" size=\"10\"><odf:encryption-data "
             "checksum-type=\"sha256-1k\" checksum=\"AAAA\"><odf:algorithm algorithm-name="
             "\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" initialisation-vector=\"AAAA\"/>"
             "</odf:encryption-data></odf:file-entry>";
      z.add("META-INF/manifest.xml", m + "</odf:manifest>");
    }
    for (std::size_t i = 0; i < sections_.size(); ++i)
      z.add("Contents/section" + std::to_string(i) + ".xml", sections_[i]);
    for (const auto& b : bindata_) z.add("BinData/" + b.name, b.content);
    for (const auto& [name, content] : scripts_) z.add("Scripts/" + name, content);
    return z.build();
  }

 private:
  struct Bin {
    std::string name, content, media_type;
  };
  std::vector<std::string> sections_;
  std::vector<Bin> bindata_;
  std::vector<std::pair<std::string, std::string>> scripts_;
  std::vector<std::string> encrypted_, linked_;
};

}  // namespace lg::testing
