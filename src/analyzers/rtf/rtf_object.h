#pragma once
/// Embedded objects of an RTF document: the \objdata payload, an OLE 1.0 object
/// ([MS-OLEDS] 2.2.4 ObjectHeader, 2.2.5 EmbeddedObject, 2.2.6 LinkedObject), and the
/// judgement of what it carries (exploit CLSIDs, Equation Editor, OLE2Link, Package files).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/analyzer.h"
#include "core/bytes.h"

namespace lg::rtf {

/// An OLE 1.0 object as \objdata stores it.
struct Ole1Object {
  std::uint32_t ole_version = 0;  // 0x00000501 in conforming files; not checked (rtfobj neither)
  std::uint32_t format_id = 0;    // 1 linked, 2 embedded ([MS-OLEDS] 2.2.4)
  std::string class_name;         // "Package", "Equation.3", "Word.Document.8", "OLE2Link"
  std::string topic_name;         // linked objects: the link source (a path or URL)
  std::string item_name;
  std::size_t native_offset = 0;  // where NativeDataSize starts (embedded objects)
  ByteView native;                // NativeData, clipped to what is there
  bool truncated = false;         // NativeDataSize ran past the data
};

/// Parses [MS-OLEDS] 2.2.4/2.2.5/2.2.6 at the start of `data`; nullopt when it does not fit.
std::optional<Ole1Object> parse_ole1(ByteView data);

/// Decodes the hex digits of \objdata (only digits; a trailing odd digit is dropped, as rtfobj
/// does).
Bytes decode_hex_digits(std::string_view digits);

/// The known-exploit description of a CLSID ("{0002CE02-...}" or without braces, any case),
/// or nullptr when the CLSID is not on the list.
const char* exploit_clsid_description(std::string_view clsid);

/// What report_object found, for the document's facts.
struct ObjectSummary {
  std::string class_name;  // from the OLE1 header, else the \objclass text, else ""
  std::string clsid;       // root CLSID of an embedded compound file ("{...}"), else ""
};

/// Everything about one object: findings (RTF_OLE_OBJECT, RTF_EXPLOIT_CLSID) and children
/// ("package": the file inside a Package object; "embedded": an OLE2 compound file or other
/// native data; "objdata": bytes that are no OLE1 object). `declared_class` is the \objclass
/// text (may be empty); `index` numbers the object in the document (from 0).
ObjectSummary report_object(std::string_view declared_class, ByteView data, std::size_t index,
                            Context& ctx);

}  // namespace lg::rtf
