#pragma once
/// The RTF reader behind RtfAnalyzer: walks the tokens once, keeping one state per open group
/// on an explicit stack (capped at RtfAnalyzer::kMaxGroupDepth; never recursion), and routes
/// each piece of text to its destination (RTF 1.9.1 "Destinations"): the visible text, \info
/// fields, \fldinst, \*\template, \objclass and \objdata.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/rtf/rtf_text.h"
#include "analyzers/rtf/rtf_tokenizer.h"
#include "core/analyzer.h"

namespace lg::rtf {

enum class Dest : std::uint8_t {
  kText,       // visible text
  kSkip,       // tables, pictures, unknown \* destinations
  kObjData,    // \objdata hex
  kObjClass,   // \objclass
  kTemplate,   // \*\template
  kFldInst,    // \*\fldinst
  kInfoField,  // \title, \author, ... (key says which)
  kDateField,  // \creatim, \revtim: \yr \mo \dy \hr \min
  kFontTable,  // \fonttbl: \fN \fcharsetN pairs
};

class Document {
 public:
  /// Caps: objects and fields handled per document, entries in list facts.
  static constexpr std::size_t kMaxObjects = 256;
  static constexpr std::size_t kMaxFields = 4096;
  static constexpr std::size_t kMaxListFact = 64;
  static constexpr std::size_t kMaxFonts = 4096;
  /// Thresholds for obfuscation signs (Word itself never writes any of these).
  static constexpr std::size_t kObjdataJunkSign = 8;
  static constexpr std::size_t kEmptyGroupSign = 32;
  static constexpr std::size_t kOversizedWordSign = 8;

  Document(ByteView data, Context& ctx);
  /// Reads the whole document and reports everything.
  void run();

 private:
  struct Group {
    Dest dest = Dest::kText;
    std::uint16_t uc = 1;       // \ucN: bytes to skip after \uN
    int owner = -1;             // stack index of the group holding this destination's buffer
    int object = -1;            // index into objects_
    int field = -1;             // index into fields_
    bool owns_field = false;    // the \field group itself
    bool field_result = false;  // inside \fldrslt
    bool ignorable = false;     // \* opened this group
    bool seen_word = false;     // a control word was read in this group
    std::size_t tokens = 0;     // tokens read in this group (for empty-group counting)
    std::string_view key;       // kInfoField / kDateField name
    TextSink sink;              // the destination's text, when this group owns one
    std::string hex;            // \objdata hex digits, when this group owns one
    std::int32_t date[5] = {0, 0, 0, 0, 0};  // \yr \mo \dy \hr \min
    std::int32_t font = -1;                  // \fN in force (-1: the default)
  };
  struct Object {
    std::string class_name;
    bool reported = false;
  };
  struct Field {
    std::string instruction;
    TextSink result;
  };

  void token(const Token& t);
  void open_group();
  void close_group();
  void control_word(const Token& t);
  bool destination_word(Group& g, std::string_view w);
  void symbol(const Token& t);
  void text(ByteView b);
  void binary(ByteView b);
  void special(std::string_view utf8);  // a character given by a control word
  void unicode(std::int32_t param);
  TextSink* sink();            // where text of the top group goes, or nullptr
  void own(Group& g, Dest d);  // makes the top group own a new destination
  int new_object();
  void finish_destination(Group& g);
  void finish_field(Field& f);
  void finish();
  void update_charset();  // after a font or code page change: flush, then switch
  void signal(std::string what);

  Group& top() { return stack_.back(); }

  ByteView data_;
  Context& ctx_;
  Tokenizer tok_;
  std::vector<Group> stack_;  // stack_[0]: outside all braces
  std::size_t overflow_ = 0;  // open groups past kMaxGroupDepth
  std::size_t max_depth_ = 0;
  std::size_t uc_skip_ = 0;                            // bytes still to skip after \uN
  std::string ansi_charset_ = "windows-1252";          // \ansicpg
  std::string charset_ = "windows-1252";               // in force: the font's \fcharset, else ansi
  std::map<std::int32_t, std::string> font_charsets_;  // \fN -> charset of \fcharset
  std::int32_t table_font_ = -1;                       // font being defined in \fonttbl
  std::int32_t default_font_ = -1;                     // \deffN
  TextSink document_;
  std::vector<Object> objects_;
  std::vector<Field> fields_;
  std::vector<std::string> object_classes_, object_clsids_, field_facts_, signals_;
  std::size_t objdata_junk_ = 0;  // control words, symbols and groups inside \objdata
  std::size_t empty_groups_ = 0;  // {} and {\*}
  std::size_t unbalanced_ = 0;    // } with no open group
  std::size_t objects_reported_ = 0;
  bool version_seen_ = false;
  bool objdata_in_ignored_ = false;
  bool bin_in_objdata_ = false;
};

}  // namespace lg::rtf
