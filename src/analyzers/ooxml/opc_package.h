#pragma once
/// The Open Packaging Conventions layer (ECMA-376 Part 2) over the project's ZIP walker: part
/// names, [Content_Types].xml (Part 2 §10.1.2) and relationship parts (Part 2 §9.3). It reads
/// damaged archives as far as the walker recovers them and never throws.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/zip/zip_walker.h"

namespace lg::ooxml {

/// Most relationships read from one .rels part.
inline constexpr std::size_t kMaxRelationshipsPerPart = 10'000;
/// Most Default and Override elements read from [Content_Types].xml.
inline constexpr std::size_t kMaxContentTypes = 10'000;
/// Largest XML part parsed (a cap below the engine's object limit; larger parts are skipped).
inline constexpr std::size_t kMaxXmlPartBytes = 32u << 20;

/// One relationship (Part 2 §9.3.2.2): Id, Type, Target, TargetMode.
struct Relationship {
  std::string source;  // part name of the source ("" for the package, from /_rels/.rels)
  std::string id;
  std::string type;    // full relationship type URI
  std::string target;  // as written
  bool external = false;
  std::string resolved;  // for internal targets: the target part name (lower case), else ""
  /// The last path segment of `type` ("attachedTemplate", "oleObject", "vbaProject").
  std::string_view type_name() const;
};

/// One ZIP entry seen as a part. Names are lower case without a leading '/' (part names are
/// compared case-insensitively, Part 2 §9.1.1.1).
struct Part {
  std::string name;           // normalized: lower case, '/' separated, no leading '/'
  std::string original_name;  // as stored in the archive
  std::size_t entry = 0;      // index into Archive::entries
};

class Package {
 public:
  /// Walks `data` (which must outlive the Package) and indexes its parts.
  explicit Package(ByteView data);

  const zip::Archive& archive() const { return archive_; }
  const std::vector<Part>& parts() const { return parts_; }
  const Part* find(std::string_view normalized_name) const;

  /// Decompresses a part, at most `max_out` bytes. Errors: unsupported method, encrypted,
  /// truncated; a capped or damaged result is still returned (see Extracted's flags).
  Result<zip::Extracted> read(const Part& p, std::size_t max_out) const;

  /// Parses [Content_Types].xml from `xml`; returns false when it is not well formed.
  bool load_content_types(std::string_view xml);
  /// The content type of a part: its Override, else the Default of its extension, else "".
  /// Lower case.
  std::string content_type(std::string_view normalized_name) const;

  /// Parses one relationship part (`rels_name` normalized, "word/_rels/document.xml.rels");
  /// appends to `out`. Returns false when the XML is not well formed.
  static bool parse_relationships(std::string_view rels_name, std::string_view xml,
                                  std::vector<Relationship>& out);
  /// The source part of a relationship part name ("word/document.xml" for
  /// "word/_rels/document.xml.rels", "" for "_rels/.rels"); nullopt if it is not one.
  static std::optional<std::string> rels_source(std::string_view rels_name);

 private:
  ByteView data_;
  zip::Archive archive_;
  std::vector<Part> parts_;
  std::map<std::string, std::size_t, std::less<>> by_name_;
  std::map<std::string, std::string, std::less<>> defaults_;   // extension -> type
  std::map<std::string, std::string, std::less<>> overrides_;  // part name -> type
};

/// Lower-cases, turns '\' into '/', strips a leading '/'.
std::string normalize_part_name(std::string_view name);
/// Resolves a relative internal target against the source part's folder (Part 2 §9.3.2.2
/// refers to RFC 3986 §5.2 for relative references): handles "..", "." and absolute "/x".
std::string resolve_target(std::string_view source_part, std::string_view target);

}  // namespace lg::ooxml
