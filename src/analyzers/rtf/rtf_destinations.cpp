// Which control words open which destinations (RTF 1.9.1 "Destinations"), and the groups
// that own a destination's buffer.
#include <algorithm>
#include <array>
#include <string_view>

#include "analyzers/rtf/rtf_document.h"

namespace lg::rtf {
namespace {

// Destinations whose text is never visible (RTF 1.9.1 lists them as "Destination"): the
// tables, pictures, document properties, bookmarks and shapes' property names and values.
// A table; one word per line would fill two screens.
// clang-format off
constexpr std::array<std::string_view, 57> kSkippedDestinations = {
    "colortbl", "stylesheet", "info", "pict", "listtable", "listoverridetable",
    "rsidtbl", "xmlnstbl", "latentstyles", "themedata", "datastore", "colorschememapping",
    "mmathPr", "pgdsctbl", "revtbl", "filetbl", "fldtype", "datafield", "bkmkstart", "bkmkend",
    "sp", "sn", "sv", "nonshppict", "blipuid", "private", "panose", "falt", "fname", "userprops",
    "propname", "staticval", "docvar", "xe", "tc", "txe", "rxe", "atnid", "atnauthor", "atntime",
    "atnref", "atrfstart", "atrfend", "objalias", "objname", "objsect", "objtime", "listtext",
    "pntext", "pntxta", "pntxtb", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "htmltag", "mhtmltag"};
// clang-format on

constexpr std::array<std::string_view, 12> kInfoFields = {
    "title",    "subject", "author",  "operator", "company",   "manager",
    "keywords", "comment", "doccomm", "category", "hlinkbase", "generator"};

constexpr std::array<std::string_view, 4> kDateFields = {"creatim", "revtim", "printim", "buptim"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& a, std::string_view w) {
  return std::find(a.begin(), a.end(), w) != a.end();
}

}  // namespace

void Document::own(Group& g, Dest d) {
  g.dest = d;
  g.owner = static_cast<int>(stack_.size() - 1);
  g.sink = TextSink();
  g.hex.clear();
}

int Document::new_object() {
  if (objects_.size() >= kMaxObjects) return -1;
  objects_.emplace_back();
  return static_cast<int>(objects_.size() - 1);
}

// A destination word may appear anywhere in its group (rtfobj treats it so, and attackers
// hide \objdata behind other words); it switches the whole group. True when `w` was one.
bool Document::destination_word(Group& g, std::string_view w) {
  if (w == "objdata") {
    if (g.object < 0) g.object = new_object();
    own(g, Dest::kObjData);
  } else if (w == "object") {
    g.object = new_object();
    g.dest = Dest::kSkip;  // only \result inside holds visible content
  } else if (w == "objclass") {
    own(g, Dest::kObjClass);
  } else if (w == "result") {
    g.dest = Dest::kText;
  } else if (w == "field") {
    if (fields_.size() < kMaxFields) {
      fields_.emplace_back();
      g.field = static_cast<int>(fields_.size() - 1);
      g.owns_field = true;
      g.field_result = false;
    }
  } else if (w == "fldinst") {
    own(g, Dest::kFldInst);
  } else if (w == "fldrslt") {
    g.dest = Dest::kText;
    g.field_result = true;
  } else if (w == "template") {
    own(g, Dest::kTemplate);
  } else if (in(kInfoFields, w)) {
    own(g, Dest::kInfoField);
    g.key = w;
  } else if (in(kDateFields, w)) {
    own(g, Dest::kDateField);
    g.key = w;
  } else if (w == "fonttbl") {
    g.dest = Dest::kFontTable;
  } else if (in(kSkippedDestinations, w)) {
    g.dest = Dest::kSkip;
  } else {
    return false;
  }
  return true;
}

}  // namespace lg::rtf
