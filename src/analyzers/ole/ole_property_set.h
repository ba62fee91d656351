#pragma once
/// [MS-OLEPS] property sets: SummaryInformation (2.3.3 / PIDSI) and DocumentSummaryInformation
/// (PIDDSI) values that tell who wrote a document and when.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"

namespace lg {

/// One property as a fact: key ("title", "author", "created" ...) and its UTF-8 value
/// (times as ISO-8601 UTC "2019-05-14T09:12:00Z", numbers in decimal).
using PropertyFact = std::pair<std::string, std::string>;

/// Reads the first property set of a PropertySetStream (2.21). `summary` selects the PIDSI
/// names (SummaryInformation) or the PIDDSI ones (DocumentSummaryInformation). Strings are
/// decoded with the set's own CodePage property. At most kMaxProperties properties.
std::vector<PropertyFact> read_property_set(ByteView stream, bool summary);

/// FILETIME (100 ns since 1601-01-01 UTC) as ISO-8601, "" when zero or out of range.
std::string filetime_to_iso8601(std::uint64_t filetime);

inline constexpr std::size_t kMaxProperties = 256;

}  // namespace lg
