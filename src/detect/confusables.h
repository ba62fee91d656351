#pragma once
/// UTS #39 (Unicode Security Mechanisms) through ICU's spoof checker: the confusable skeleton
/// (section 4) and the restriction-level test for mixed-script labels (section 5.2).
/// Immutable after construction and safe to share between threads (ICU's checks take a const
/// checker). Movable, not copyable.
#include <array>
#include <memory>
#include <string>
#include <string_view>

struct USpoofChecker;  // unicode/uspoof.h

namespace lg {

class Confusables {
 public:
  /// Longest input looked at (a host label is at most 63 octets of ASCII; its Unicode form
  /// can be longer; display names are cut here).
  static constexpr std::size_t kMaxInputBytes = 1024;

  Confusables();
  ~Confusables();
  Confusables(Confusables&&) noexcept;
  Confusables& operator=(Confusables&&) noexcept;

  /// The skeleton of `utf8` (UTS #39 4: NFD, each character replaced by its prototype in
  /// confusables.txt, NFD again): two strings a reader may confuse have the same skeleton
  /// ("coinbаse" with a Cyrillic а, "c0inbase" and "coinbase" all map alike). ASCII input
  /// is mapped by a table built from ICU at construction. Empty when ICU fails or the input
  /// is over kMaxInputBytes.
  [[nodiscard]] std::string skeleton(std::string_view utf8) const;
  /// The same into `out` (replaced; its memory reused).
  void skeleton(std::string_view utf8, std::string& out) const;

  /// True when `utf8` (one label) fails UTS #39's Highly Restrictive level (5.2): characters of
  /// more than one script, other than Latin with Han and Japanese kana, Han with Bopomofo, or
  /// Han with Hangul. ASCII is never mixed. False when ICU fails.
  [[nodiscard]] bool mixed_script(std::string_view utf8) const;

  /// The scripts of `utf8`'s letters, Common and Inherited left out, in order of first
  /// appearance and joined with '+' ("Latin+Cyrillic"), for evidence.
  [[nodiscard]] static std::string script_names(std::string_view utf8);

 private:
  struct Closer {
    void operator()(USpoofChecker* p) const;
  };
  std::unique_ptr<USpoofChecker, Closer> skeleton_checker_;
  std::unique_ptr<USpoofChecker, Closer> restriction_checker_;
  std::array<std::string, 128> ascii_skeleton_;  // skeleton of each ASCII character
};

}  // namespace lg
