#pragma once
/// Test helper: writes small OOXML packages (ECMA-376 Part 2) part by part with the ZIP test
/// builder, so tests can make the lures no sample collection holds in a harmless form.
/// Header-only, tests only.
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "formats/zip/zip_test_builder.h"

namespace lg::ooxml::testing {

inline constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
inline constexpr const char* kWordNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Rel {
  std::string id, type, target;
  bool external = false;
};

/// A relationships part holding `rels`; a type without "://" gets the officeDocument prefix.
inline std::string rels_xml(const std::vector<Rel>& rels) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const auto& r : rels) {
    const std::string type = r.type.find("://") == std::string::npos ? kRelNs + r.type : r.type;
    x += "<Relationship Id=\"" + r.id + "\" Type=\"" + type + "\" Target=\"" + r.target + "\"" +
         (r.external ? " TargetMode=\"External\"" : "") + "/>";
  }
  return x + "</Relationships>";
}

/// A document.xml whose body holds `body_xml` (w: prefix bound).
inline std::string document_xml(const std::string& body_xml) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"") + kWordNs +
         "\"><w:body>" + body_xml + "</w:body></w:document>";
}

/// The parts of a minimal Word document; tests add or replace parts before building.
struct Docx {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string extra_overrides;  // more <Override/> elements for [Content_Types].xml
  std::string main_type =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

  explicit Docx(const std::string& body_xml = "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>") {
    parts.emplace_back("_rels/.rels",
                       rels_xml({{"rId1", "officeDocument", "word/document.xml"},
                                 {"rId2",
                                  "http://schemas.openxmlformats.org/package/2006/relationships/"
                                  "metadata/core-properties",
                                  "docProps/core.xml"}}));
    parts.emplace_back("word/document.xml", document_xml(body_xml));
    parts.emplace_back(
        "docProps/core.xml",
        "<?xml version=\"1.0\"?><cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
        "<dc:creator>Recruiter</dc:creator><cp:lastModifiedBy>HR Team</cp:lastModifiedBy>"
        "<dc:title>Job Description</dc:title>"
        "<dcterms:created>2024-01-02T03:04:05Z</dcterms:created></cp:coreProperties>");
  }
  void add(std::string name, std::string content) {
    parts.emplace_back(std::move(name), std::move(content));
  }
  std::string content_types() const {
    return "<?xml version=\"1.0\"?><Types "
           "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" "
           "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Default Extension=\"bin\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.oleObject\"/>"
           "<Override PartName=\"/word/document.xml\" ContentType=\"" +
           main_type + "\"/>" + extra_overrides + "</Types>";
  }
  Bytes build(bool central_directory = true) const {
    zip::testing::ZipBuilder z;
    z.add("[Content_Types].xml", content_types());
    for (const auto& [name, content] : parts) z.add(name, content);
    z.write_central_directory = central_directory;
    return z.build();
  }
};

}  // namespace lg::ooxml::testing
