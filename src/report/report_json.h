#pragma once
/// The report's JSON form, schema "lureguard.report/1": field names and meanings are in
/// docs/report.md, the structure in docs/report.schema.json.
#include <string>

#include "report/report.h"

namespace lg {

/// The whole report as one JSON document (UTF-8, ill-formed input text repaired to U+FFFD).
/// `pretty`: 2-space indentation, one member a line; otherwise compact, on one line. Either
/// way without a final newline, so documents can be composed (the caller adds one).
/// Absent parts are omitted (message, duplicate_of, error); a root object's parent is null.
/// Facts with a repeated key keep the last value. A non-finite score or time (a bug upstream)
/// is written as 0 so the document stays valid; a non-finite double fact becomes null.
std::string report_to_json(const Report& report, bool pretty);

/// JSON Lines: the compact document followed by "\n", for one-report-a-line streams.
std::string report_to_jsonl(const Report& report);

}  // namespace lg
