#pragma once
/// Phrase lexicons of lure language (English, Korean, Japanese), compiled into one Vectorscan
/// literal database and matched in one pass per text.
///
/// Sources are TSV files named LANG/THEME.tsv ("en/recruitment.tsv"): `weight<TAB>phrase`
/// lines, `#` comments, blank lines, and optionally `threshold<TAB>value` (the theme's
/// threshold, see LureState). Phrases and text are normalized the same way (lexicon_text.h),
/// so phrases are written in any case and width. An ASCII phrase must start at a word start;
/// it must also end at a word end unless written with a trailing `*` (a stem: "recruit*").
/// A leading `^` makes a Hangul/CJK phrase start a word: after a space (even one removed by
/// normalization), a non-Hangul/CJK character or the start ("^로동" is not in "으로 동시에").
/// Phrases in Korean and Japanese are stems matched anywhere, with the spaces between
/// Hangul/CJK characters removed on both sides ("입사 지원서" = "입사지원서").
///
/// A Lexicon is immutable and shared read-only by all threads; each thread (or each scan)
/// owns a Lexicon::Scratch made by make_scratch().
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/symbol.h"
#include "detect/lexicon_text.h"

struct hs_database;
struct hs_scratch;

namespace lg {

/// The themes of lure language; each has one symbol (LURE_*).
enum class LureTheme : std::uint8_t {
  kRecruitment,
  kContractInvestment,
  kAccountAlarm,
  kRunInstructions,
  kEnableContent,
  kPasswordGiven,
  kUrgencySecrecy,
  kCovidCooperation,
  kNkOrthography,
};
inline constexpr std::size_t kLureThemeCount = 9;

/// "recruitment", "contract_investment", ... (the TSV file stem).
std::string_view lure_theme_name(LureTheme t);
std::optional<LureTheme> lure_theme_by_name(std::string_view name);
Symbol lure_theme_symbol(LureTheme t);
/// Default threshold of a theme's summed phrase weights.
double lure_theme_default_threshold(LureTheme t);

/// One lexicon file's text and its relative name ("ko/recruitment.tsv").
struct LexiconSource {
  std::string_view name;
  std::string_view text;
};

/// The lexicon files compiled into the binary (generated at build time from data/lexicons).
std::span<const LexiconSource> builtin_lexicon_sources();
/// The Vectorscan database of builtin_lexicon_sources(), compiled and serialized at build time
/// (src/detect/lexicon_db_tool.cpp) so that start-up need not compile it; empty when the build
/// made none. Its first 4 bytes are the phrase count (little-endian), the rest is
/// hs_serialize_database() output.
std::span<const std::uint8_t> builtin_lexicon_database();

class Lexicon {
 public:
  struct Phrase {
    LureTheme theme;
    double weight;
    std::string text;     // as written in the file (for evidence)
    std::string key;      // normalized form that is matched
    bool word_start;      // must not follow an ASCII letter or digit
    bool word_end;        // must not precede an ASCII letter or digit
    bool cjk_word_start;  // `^`: must start a word (see above)
  };

  /// Per-thread matching state (Vectorscan scratch and the phrase ids of the last scan).
  /// Made by Lexicon::make_scratch; usable with that lexicon only; not thread-safe.
  class Scratch {
   public:
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(Scratch&&) noexcept;
    ~Scratch();
    /// Distinct phrase ids found by the last Lexicon::scan, in order of first match.
    [[nodiscard]] std::span<const std::uint32_t> hits() const { return hits_; }
    /// A buffer for the normalized text of the piece being matched, kept between scans so
    /// that matching allocates nothing once warm.
    NormalizedText& text_buffer() { return text_buffer_; }

   private:
    friend class Lexicon;
    Scratch() = default;
    hs_scratch* hs_ = nullptr;
    std::vector<std::uint32_t> hits_;
    std::vector<std::uint8_t> seen_;        // per phrase id, cleared after each scan
    const NormalizedText* text_ = nullptr;  // the text being scanned (for boundary checks)
    std::size_t base_ = 0;                  // offset of the piece being scanned
    const Phrase* phrases_ = nullptr;       // the lexicon's phrases (stable when it moves)
    const hs_database* db_ = nullptr;       // the lexicon's database (identifies it)
    NormalizedText text_buffer_;
  };

  /// Upper bounds on what a lexicon may hold.
  static constexpr std::size_t kMaxPhrases = 20000;
  static constexpr std::size_t kMaxPhraseBytes = 256;

  /// The lexicons compiled into the binary, with the database serialized at build time when
  /// this machine can load it (else compiled now).
  [[nodiscard]] static Result<Lexicon> builtin();
  /// Reads DIR/LANG/THEME.tsv for every theme file present (unknown themes are an error).
  [[nodiscard]] static Result<Lexicon> from_files(const std::filesystem::path& dir);
  /// Parses and compiles the given sources; an error names the file and line.
  [[nodiscard]] static Result<Lexicon> from_sources(std::span<const LexiconSource> sources);

  /// The compiled database in the form builtin_lexicon_database() holds.
  [[nodiscard]] Result<std::vector<std::uint8_t>> serialize() const;

  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;
  ~Lexicon();

  [[nodiscard]] Result<Scratch> make_scratch() const;

  /// Matches `normalized` (made by normalize_lexicon_text) and leaves the distinct phrase ids
  /// found in scratch.hits(). Linear in the text (times log of the joins for `^` phrases).
  [[nodiscard]] Status scan(const NormalizedText& normalized, Scratch& scratch) const;

  [[nodiscard]] const Phrase& phrase(std::uint32_t id) const { return phrases_[id]; }
  [[nodiscard]] std::size_t size() const { return phrases_.size(); }
  /// The threshold of a theme: the sources' `threshold` line or the default.
  [[nodiscard]] double threshold(LureTheme t) const {
    return thresholds_[static_cast<std::size_t>(t)];
  }

 private:
  Lexicon() = default;
  [[nodiscard]] static Result<Lexicon> parse(std::span<const LexiconSource> sources);
  [[nodiscard]] Status compile();
  /// Loads a serialize() result made from the same sources; false when it does not fit.
  [[nodiscard]] bool load(std::span<const std::uint8_t> serialized);
  static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                      unsigned int flags, void* ctx);

  std::vector<Phrase> phrases_;
  double thresholds_[kLureThemeCount] = {};
  hs_database* db_ = nullptr;
};

}  // namespace lg
