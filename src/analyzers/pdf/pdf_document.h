#pragma once
/// A PDF file's objects, found by scanning for "N G obj" (ISO 32000-1 7.3.10) rather than by
/// trusting the cross-reference data, which droppers break on purpose. Later definitions win,
/// which is how incremental updates (7.5.6) override objects. Trailers and cross-reference
/// streams (7.5.8) are merged in file order; object streams (7.5.7) are expanded on request
/// (after decryption is known). The cross-reference tables are only checked.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzers/pdf/pdf_filters.h"
#include "analyzers/pdf/pdf_object.h"
#include "core/bytes.h"

namespace lg {

/// Indirect objects kept per document; definitions beyond it are dropped (an anomaly).
inline constexpr std::size_t kPdfMaxIndirectObjects = 1u << 19;

struct PdfIndirect {
  PdfRef ref;
  PdfObject object;        // the value; a stream's dictionary for streams
  std::size_t offset = 0;  // of "N G obj", or of the object stream that holds it
  bool has_stream = false;
  ByteView raw_stream;  // stream bytes as in the file (still encrypted, still encoded)
  bool in_object_stream = false;
};

class PdfDocument {
 public:
  /// Scans `data` (which must outlive the document: streams are views into it).
  explicit PdfDocument(ByteView data);

  /// Expands every /Type /ObjStm stream; `decode` returns a stream's decoded bytes.
  void expand_object_streams(const std::function<Bytes(const PdfIndirect&)>& decode);

  const PdfIndirect* find(std::uint32_t num) const;
  /// Follows references (bounded chain); nullptr for a missing object. Non-refs pass through.
  const PdfObject* resolve(const PdfObject* o) const;
  /// resolve(dict.get(key)), nullptr when `dict` is not a dictionary.
  const PdfObject* get(const PdfObject& dict, std::string_view key) const;
  /// The /Filter chain with its /DecodeParms, references resolved.
  std::vector<PdfFilter> filters(const PdfObject& stream_dict) const;

  /// The merged trailer: trailer dictionaries and cross-reference stream dictionaries in file
  /// order, later keys overriding earlier ones.
  const PdfObject& trailer() const { return trailer_; }
  const std::map<std::uint32_t, PdfIndirect>& objects() const { return objects_; }
  std::map<std::uint32_t, PdfIndirect>& mutable_objects() { return objects_; }

  std::string version;            // from the %PDF-x.y header, "" when absent
  std::size_t header_offset = 0;  // where %PDF- was found
  std::size_t definitions = 0;    // "N G obj" definitions found (overridden ones included)
  std::size_t overridden = 0;     // definitions replaced by a later one
  std::size_t streams = 0;
  std::size_t object_streams = 0;
  std::size_t escaped_names = 0;    // names with #xx for a regular character
  std::size_t eof_markers = 0;      // %%EOF lines: 1 + incremental updates
  std::size_t xref_entries = 0;     // in-use entries of xref tables
  std::size_t xref_mismatches = 0;  // in-use entries not pointing at their object
  bool startxref_ok = false;        // the last startxref points at xref data
  bool too_deep = false;            // an object nested beyond kPdfMaxDepth
  bool too_many_objects = false;
  std::size_t unterminated_streams = 0;
  /// Bytes searched and lexed by the scans (objects, trailers, xref tables, %%EOF): a count of
  /// work for linearity tests; each scan moves forward only, so it stays a few times the size.
  std::uint64_t work = 0;

 private:
  void scan_objects();
  void scan_trailers();
  void check_xref_tables();
  void add(PdfIndirect e);

  std::string_view text_;
  std::map<std::uint32_t, PdfIndirect> objects_;
  PdfObject trailer_;
  std::size_t no_endstream_after_ = SIZE_MAX;  // a failed "endstream" search from here on
};

}  // namespace lg
