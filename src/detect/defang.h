#pragma once
/// Undoes the "defanging" analysts and attackers use to keep indicators from being clickable:
/// hxxp/hXXp/h**p/fxp schemes, [.] (.) {.} [dot] (dot) for dots, [:] and [://] for the scheme
/// separator, [@] [at] for '@'. The text is copied only when a marker is present.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lg {

class Refanged {
 public:
  /// Scans `in` once. Returns false (and stays empty) when `in` has no defang marker.
  bool refang(std::string_view in);

  /// The refanged text; valid only after refang() returned true.
  [[nodiscard]] std::string_view text() const { return text_; }
  /// True when [begin, end) of text() overlaps a replaced marker.
  [[nodiscard]] bool has_edit(std::size_t begin, std::size_t end) const;
  /// The part of the original input that [begin, end) of text() came from.
  [[nodiscard]] std::string_view original(std::string_view in, std::size_t begin,
                                          std::size_t end) const;

 private:
  struct Edit {
    std::size_t out_pos, out_len, in_pos, in_len;
  };
  std::size_t to_input(std::size_t out, bool end) const;
  void replace(std::string_view in, std::size_t& copied, std::size_t pos, std::size_t len,
               std::string_view with);

  std::string text_;
  std::vector<Edit> edits_;
};

}  // namespace lg
