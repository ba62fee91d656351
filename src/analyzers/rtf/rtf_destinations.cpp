// Which control words open which destinations (RTF 1.9.1 "Destinations"), and the groups
// that own a destination's buffer.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>

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

enum class Word : std::uint8_t {
  kObjData,
  kObject,
  kObjClass,
  kResult,
  kField,
  kFldInst,
  kFldRslt,
  kTemplate,
  kInfoField,
  kDateField,
  kFontTable,
  kSkipped,
};

// Every destination word in one hash table: a control word costs one lookup, not a walk
// over some eighty names (the lists above are looked up for every word of the document).
// Most words of a document (\par, \f, \insrsid) are no destination: a table of the (first
// letter, length) pairs that occur answers them before the hash is computed.
class DestinationWords {
 public:
  DestinationWords() {
    words_ = {
        {"objdata", Word::kObjData}, {"object", Word::kObject},     {"objclass", Word::kObjClass},
        {"result", Word::kResult},   {"field", Word::kField},       {"fldinst", Word::kFldInst},
        {"fldrslt", Word::kFldRslt}, {"template", Word::kTemplate}, {"fonttbl", Word::kFontTable}};
    for (std::string_view w : kInfoFields) words_.emplace(w, Word::kInfoField);
    for (std::string_view w : kDateFields) words_.emplace(w, Word::kDateField);
    for (std::string_view w : kSkippedDestinations) words_.emplace(w, Word::kSkipped);
    for (const auto& entry : words_) lengths_[first(entry.first)] |= bit(entry.first.size());
  }

  const Word* find(std::string_view w) const {
    if (w.empty() || w.size() > kMaxLength || !(lengths_[first(w)] & bit(w.size()))) return nullptr;
    const auto it = words_.find(w);
    return it == words_.end() ? nullptr : &it->second;
  }

 private:
  static constexpr std::size_t kMaxLength = 31;
  static std::size_t first(std::string_view w) { return static_cast<unsigned char>(w[0]) & 127; }
  static std::uint32_t bit(std::size_t length) { return std::uint32_t{1} << length; }

  std::unordered_map<std::string_view, Word> words_;
  std::array<std::uint32_t, 128> lengths_{};  // bit L: some word of length L starts so
};

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
  static const DestinationWords words;
  const Word* kind = words.find(w);
  if (kind == nullptr) return false;
  switch (*kind) {
    case Word::kObjData:
      if (g.object < 0) g.object = new_object();
      own(g, Dest::kObjData);
      break;
    case Word::kObject:
      g.object = new_object();
      g.dest = Dest::kSkip;  // only \result inside holds visible content
      break;
    case Word::kObjClass:
      own(g, Dest::kObjClass);
      break;
    case Word::kResult:
      g.dest = Dest::kText;
      break;
    case Word::kField:
      if (fields_.size() < kMaxFields) {
        fields_.emplace_back();
        g.field = static_cast<int>(fields_.size() - 1);
        g.owns_field = true;
        g.field_result = false;
      }
      break;
    case Word::kFldInst:
      own(g, Dest::kFldInst);
      break;
    case Word::kFldRslt:
      g.dest = Dest::kText;
      g.field_result = true;
      break;
    case Word::kTemplate:
      own(g, Dest::kTemplate);
      break;
    case Word::kInfoField:
      own(g, Dest::kInfoField);
      g.key = w;
      break;
    case Word::kDateField:
      own(g, Dest::kDateField);
      g.key = w;
      break;
    case Word::kFontTable:
      g.dest = Dest::kFontTable;
      break;
    case Word::kSkipped:
      g.dest = Dest::kSkip;
      break;
  }
  return true;
}

}  // namespace lg::rtf
