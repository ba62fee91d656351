#pragma once
/// Windows Script Files (.wsf): the <script> elements of <job>s (WSH 5.6 reference, "<script>
/// Element": attributes language and src, body the script, often in a CDATA section).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lg::script {

struct WsfScript {
  std::string language;  // the language= (or type=) attribute, as written
  std::string src;       // the src= attribute (a script file loaded from elsewhere), may be empty
  std::string body;      // the script: CDATA content, or text with XML references decoded
};

/// The <script> elements of `xml`, in order, at most `max`. A tolerant, bounded scan (no XML
/// parser: WSH itself runs files that are not well-formed XML unless <?job strict?>); an
/// unclosed element takes the rest of the input.
std::vector<WsfScript> wsf_scripts(std::string_view xml, std::size_t max);

}  // namespace lg::script
