#pragma once
/// A small pull tokenizer for the XML that intelligence files come in (OFAC sdn.xml and
/// sdn_advanced.xml): start tags with their raw attributes, end tags and text, in document
/// order, in one linear pass. It knows no DTD, so no entity can be declared or fetched (no
/// XXE, no billion laughs); only the five predefined entities and character references are
/// decoded. Not a validating parser: it never fails, it stops at the end of the input.
#include <cstddef>
#include <string>
#include <string_view>

namespace lg {

class XmlPull {
 public:
  enum class Event { kStart, kEnd, kText, kDone };

  /// Keeps a view: `xml` must outlive the tokenizer.
  explicit XmlPull(std::string_view xml) : xml_(xml) {}

  /// Moves to the next event. Comments, processing instructions, DOCTYPE and whitespace-only
  /// text are skipped; an empty element (<a/>) gives kStart then kEnd.
  Event next();

  /// The element name of the current kStart/kEnd, without a namespace prefix.
  [[nodiscard]] std::string_view name() const { return name_; }
  /// The value of attribute `key` of the current kStart (decoded), "" when absent.
  [[nodiscard]] std::string attribute(std::string_view key) const;
  /// The decoded text of the current kText (CDATA sections included as they are).
  [[nodiscard]] const std::string& text() const { return text_; }

  /// Decodes &amp; &lt; &gt; &quot; &apos; and &#N; / &#xN; (to UTF-8); others stay as written.
  static std::string decode(std::string_view raw);

 private:
  std::string_view xml_;
  std::size_t pos_ = 0;
  bool pending_end_ = false;  // an empty element's end event is due
  std::string_view name_;
  std::string_view attrs_;
  std::string text_;
};

}  // namespace lg
