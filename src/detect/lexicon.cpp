#include "detect/lexicon.h"

#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <unordered_map>

#include "detect/lexicon_text.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

struct ThemeInfo {
  LureTheme theme;
  std::string_view name;
  Symbol symbol;
  double threshold;
};

// Thresholds: a theme is reported once the distinct phrases matched in one input sum to this.
constexpr std::array<ThemeInfo, kLureThemeCount> kThemes = {{
    {LureTheme::kRecruitment, "recruitment", Symbol::LURE_RECRUITMENT, 1.5},
    {LureTheme::kContractInvestment, "contract_investment", Symbol::LURE_CONTRACT_INVESTMENT, 1.5},
    {LureTheme::kAccountAlarm, "account_alarm", Symbol::LURE_ACCOUNT_ALARM, 1.5},
    {LureTheme::kRunInstructions, "run_instructions", Symbol::LURE_RUN_INSTRUCTIONS, 1.0},
    {LureTheme::kEnableContent, "enable_content", Symbol::LURE_ENABLE_CONTENT, 1.0},
    {LureTheme::kPasswordGiven, "password_given", Symbol::LURE_PASSWORD_GIVEN, 1.0},
    {LureTheme::kUrgencySecrecy, "urgency_secrecy", Symbol::LURE_URGENCY, 1.0},
    {LureTheme::kCovidCooperation, "covid_cooperation", Symbol::LURE_COVID_COOPERATION, 1.5},
    {LureTheme::kNkOrthography, "nk_orthography", Symbol::LURE_NK_ORTHOGRAPHY, 1.0},
}};

// Files larger than this, or more of them, are refused by from_files.
constexpr std::uintmax_t kMaxFileBytes = 4u << 20;
constexpr std::size_t kMaxFiles = 256;
// hs_scan takes an unsigned int length; longer text is scanned in pieces.
constexpr std::size_t kMaxScanPiece = 64u << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

Status line_error(std::string_view file, std::size_t line, std::string_view what) {
  return Status::error(ErrorCode::kMalformed,
                       std::string(file) + ":" + std::to_string(line) + ": " + std::string(what));
}

// The theme of "LANG/THEME.tsv".
std::optional<LureTheme> theme_of_file(std::string_view name) {
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (name.size() < 4 || name.substr(name.size() - 4) != ".tsv") return std::nullopt;
  return lure_theme_by_name(name.substr(0, name.size() - 4));
}

// True when `at` starts a word: the text's start, after a space or a removed one, or after a
// character that is neither Hangul/CJK nor an ASCII letter or digit (Korean particles attach
// to Latin words and numbers: "PC로 동작" is not "로동").
bool starts_word(const NormalizedText& n, std::size_t at) {
  if (at == 0) return true;
  if (std::binary_search(n.joins.begin(), n.joins.end(), static_cast<std::uint32_t>(at)))
    return true;
  if (text_chars::is_alnum(static_cast<unsigned char>(n.text[at - 1]))) return false;
  std::size_t i = at - 1;  // back to the lead byte of the previous code point (at most 3 steps)
  for (int k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(n.text[i]) & 0xC0) == 0x80; ++k)
    --i;
  char32_t cp = 0;
  if (text_chars::decode_utf8(n.text, i, cp) == 0) return true;
  return !is_cjk_or_hangul(cp);
}

}  // namespace

std::string_view lure_theme_name(LureTheme t) { return kThemes[static_cast<std::size_t>(t)].name; }

std::optional<LureTheme> lure_theme_by_name(std::string_view name) {
  for (const auto& info : kThemes)
    if (info.name == name) return info.theme;
  return std::nullopt;
}

Symbol lure_theme_symbol(LureTheme t) { return kThemes[static_cast<std::size_t>(t)].symbol; }

double lure_theme_default_threshold(LureTheme t) {
  return kThemes[static_cast<std::size_t>(t)].threshold;
}

Lexicon::Scratch::Scratch(Scratch&& o) noexcept
    : hs_(std::exchange(o.hs_, nullptr)),
      hits_(std::move(o.hits_)),
      seen_(std::move(o.seen_)),
      phrases_(o.phrases_),
      db_(o.db_),
      text_buffer_(std::move(o.text_buffer_)) {}

Lexicon::Scratch& Lexicon::Scratch::operator=(Scratch&& o) noexcept {
  if (this != &o) {
    if (hs_ != nullptr) hs_free_scratch(hs_);
    hs_ = std::exchange(o.hs_, nullptr);
    hits_ = std::move(o.hits_);
    seen_ = std::move(o.seen_);
    phrases_ = o.phrases_;
    db_ = o.db_;
    text_buffer_ = std::move(o.text_buffer_);
  }
  return *this;
}

Lexicon::Scratch::~Scratch() {
  if (hs_ != nullptr) hs_free_scratch(hs_);
}

Lexicon::Lexicon(Lexicon&& o) noexcept
    : phrases_(std::move(o.phrases_)), db_(std::exchange(o.db_, nullptr)) {
  std::copy(std::begin(o.thresholds_), std::end(o.thresholds_), std::begin(thresholds_));
}

Lexicon& Lexicon::operator=(Lexicon&& o) noexcept {
  if (this != &o) {
    if (db_ != nullptr) hs_free_database(db_);
    db_ = std::exchange(o.db_, nullptr);
    phrases_ = std::move(o.phrases_);
    std::copy(std::begin(o.thresholds_), std::end(o.thresholds_), std::begin(thresholds_));
  }
  return *this;
}

Lexicon::~Lexicon() {
  if (db_ != nullptr) hs_free_database(db_);
}

Result<Lexicon> Lexicon::builtin() {
  auto lex = parse(builtin_lexicon_sources());
  if (!lex) return lex;
  if (lex->load(builtin_lexicon_database())) return lex;
  if (auto st = lex->compile(); !st.is_ok()) return st;
  return lex;
}

Result<Lexicon> Lexicon::from_sources(std::span<const LexiconSource> sources) {
  auto lex = parse(sources);
  if (!lex) return lex;
  if (auto st = lex->compile(); !st.is_ok()) return st;
  return lex;
}

Result<std::vector<std::uint8_t>> Lexicon::serialize() const {
  const auto n = static_cast<std::uint32_t>(phrases_.size());
  std::vector<std::uint8_t> out = {static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8),
                                   static_cast<std::uint8_t>(n >> 16),
                                   static_cast<std::uint8_t>(n >> 24)};
  if (db_ == nullptr) return out;
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(db_, &bytes, &length) != HS_SUCCESS)
    return Status::error(ErrorCode::kInternal, "Vectorscan could not serialize the lexicon");
  out.insert(out.end(), bytes, bytes + length);
  std::free(bytes);  // hs_serialize_database allocates with the default misc allocator, malloc
  return out;
}

bool Lexicon::load(std::span<const std::uint8_t> serialized) {
  if (serialized.size() < 4) return false;
  const std::uint32_t n = serialized[0] | (serialized[1] << 8) | (serialized[2] << 16) |
                          (static_cast<std::uint32_t>(serialized[3]) << 24);
  if (n != phrases_.size()) return false;
  if (phrases_.empty()) return true;
  hs_database* db = nullptr;
  // Fails (HS_DB_PLATFORM_ERROR, HS_DB_VERSION_ERROR ...) when this CPU or library cannot run
  // what the build machine compiled; the caller then compiles.
  if (hs_deserialize_database(reinterpret_cast<const char*>(serialized.data() + 4),
                              serialized.size() - 4, &db) != HS_SUCCESS)
    return false;
  if (db_ != nullptr) hs_free_database(db_);
  db_ = db;
  return true;
}

Result<Lexicon> Lexicon::parse(std::span<const LexiconSource> sources) {
  Lexicon lex;
  for (const auto& info : kThemes)
    lex.thresholds_[static_cast<std::size_t>(info.theme)] = info.threshold;
  // (theme, key) -> phrase index, to merge duplicates (the larger weight wins).
  std::unordered_map<std::string, std::uint32_t> index;
  NormalizedText norm;
  for (const auto& src : sources) {
    auto theme = theme_of_file(src.name);
    if (!theme) return line_error(src.name, 0, "not LANG/THEME.tsv with a known theme");
    std::string_view rest = src.text;
    std::size_t line_no = 0;
    while (!rest.empty()) {  // bounded: each turn consumes one line
      ++line_no;
      const auto nl = rest.find('\n');
      const std::string_view line = trim(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (line.empty() || line.front() == '#') continue;
      const auto tab = line.find('\t');
      if (tab == std::string_view::npos) return line_error(src.name, line_no, "no TAB");
      const std::string_view head = trim(line.substr(0, tab));
      std::string_view text = trim(line.substr(tab + 1));
      const bool cjk_start = !text.empty() && text.front() == '^';
      if (cjk_start) text.remove_prefix(1);
      if (head == "threshold") {
        auto v = parse_number(text);
        if (!v || *v <= 0 || *v > 100) return line_error(src.name, line_no, "bad threshold");
        lex.thresholds_[static_cast<std::size_t>(*theme)] = *v;
        continue;
      }
      auto weight = parse_number(head);
      if (!weight || *weight <= 0 || *weight > 10)
        return line_error(src.name, line_no, "bad weight");
      const bool stem = !text.empty() && text.back() == '*';
      if (stem) text.remove_suffix(1);
      normalize_lexicon_text(text, TextKind::kBody, norm);
      const std::string& key = norm.text;
      if (key.empty() || key.size() > kMaxPhraseBytes)
        return line_error(src.name, line_no, "empty or overlong phrase");
      if (lex.phrases_.size() >= kMaxPhrases) return line_error(src.name, line_no, "too many");
      std::string map_key = std::string(lure_theme_name(*theme)) + '\t' + key;
      if (auto it = index.find(map_key); it != index.end()) {
        auto& p = lex.phrases_[it->second];
        p.weight = std::max(p.weight, *weight);
        continue;
      }
      index.emplace(std::move(map_key), static_cast<std::uint32_t>(lex.phrases_.size()));
      const auto first = static_cast<unsigned char>(key.front());
      const auto last = static_cast<unsigned char>(key.back());
      lex.phrases_.push_back(Phrase{*theme, *weight, std::string(text), key,
                                    text_chars::is_alnum(first),
                                    !stem && text_chars::is_alnum(last), cjk_start});
    }
  }
  return lex;
}

Result<Lexicon> Lexicon::from_files(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator lang(dir, ec), end; !ec && lang != end; lang.increment(ec)) {
    if (!lang->is_directory(ec)) continue;
    for (fs::directory_iterator f(lang->path(), ec); !ec && f != end; f.increment(ec)) {
      if (f->path().extension() != ".tsv") continue;
      if (files.size() >= kMaxFiles) return Status::error(ErrorCode::kLimit, "too many lexicons");
      files.push_back(f->path());
    }
  }
  if (ec) return Status::error(ErrorCode::kIo, dir.string() + ": " + ec.message());
  if (files.empty()) return Status::error(ErrorCode::kIo, dir.string() + ": no LANG/*.tsv files");
  std::sort(files.begin(), files.end());
  std::vector<std::string> names, texts;
  for (const auto& path : files) {
    const auto size = fs::file_size(path, ec);
    if (ec || size > kMaxFileBytes)
      return Status::error(ErrorCode::kIo, path.string() + ": unreadable or too large");
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size)))
      return Status::error(ErrorCode::kIo, path.string() + ": read failed");
    names.push_back(path.parent_path().filename().string() + "/" + path.filename().string());
    texts.push_back(std::move(text));
  }
  std::vector<LexiconSource> sources;
  for (std::size_t i = 0; i < names.size(); ++i) sources.push_back({names[i], texts[i]});
  return from_sources(sources);
}

Status Lexicon::compile() {
  if (phrases_.empty()) return Status::ok();  // nothing to match; scan() finds nothing
  std::vector<const char*> exprs;
  std::vector<unsigned> flags(phrases_.size(), 0);
  std::vector<unsigned> ids;
  std::vector<std::size_t> lens;
  for (std::uint32_t i = 0; i < phrases_.size(); ++i) {
    exprs.push_back(phrases_[i].key.data());
    ids.push_back(i);
    lens.push_back(phrases_[i].key.size());
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db_,
                           &err) != HS_SUCCESS) {
    std::string msg = "lexicon compile failed";
    if (err != nullptr) {
      if (err->expression >= 0) msg += " on '" + phrases_[err->expression].text + "'";
      msg += std::string(": ") + err->message;
      hs_free_compile_error(err);
    }
    db_ = nullptr;
    return Status::error(ErrorCode::kInternal, msg);
  }
  return Status::ok();
}

Result<Lexicon::Scratch> Lexicon::make_scratch() const {
  Scratch s;
  s.phrases_ = phrases_.data();
  s.db_ = db_;
  s.seen_.assign(phrases_.size(), 0);
  if (db_ != nullptr && hs_alloc_scratch(db_, &s.hs_) != HS_SUCCESS)
    return Status::error(ErrorCode::kInternal, "Vectorscan scratch allocation failed");
  return s;
}

int Lexicon::on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                      unsigned int /*flags*/, void* ctx) {
  auto& s = *static_cast<Lexicon::Scratch*>(ctx);
  if (s.seen_.size() <= id || s.seen_[id]) return 0;
  const Phrase& p = s.phrases_[id];
  const std::string_view t = s.text_->text;
  const std::size_t end = s.base_ + static_cast<std::size_t>(to);
  if (end < p.key.size() || end > t.size()) return 0;
  const std::size_t begin = end - p.key.size();
  if (p.word_start && begin > 0 && text_chars::is_alnum(static_cast<unsigned char>(t[begin - 1])))
    return 0;
  if (p.word_end && end < t.size() && text_chars::is_alnum(static_cast<unsigned char>(t[end])))
    return 0;
  if (p.cjk_word_start && !starts_word(*s.text_, begin)) return 0;
  s.seen_[id] = 1;
  s.hits_.push_back(id);
  return 0;
}

Status Lexicon::scan(const NormalizedText& normalized, Scratch& scratch) const {
  for (auto id : scratch.hits_) scratch.seen_[id] = 0;
  scratch.hits_.clear();
  if (scratch.db_ != db_ || scratch.seen_.size() != phrases_.size())
    return Status::error(ErrorCode::kInternal, "scratch made for another lexicon");
  if (db_ == nullptr) return Status::ok();
  const std::string_view text = normalized.text;
  scratch.text_ = &normalized;
  std::size_t off = 0;
  hs_error_t rc = HS_SUCCESS;
  while (off < text.size() && rc == HS_SUCCESS) {  // bounded: each turn consumes a piece
    const std::string_view piece = text.substr(off, kMaxScanPiece);
    scratch.base_ = off;
    rc = hs_scan(db_, piece.data(), static_cast<unsigned>(piece.size()), 0, scratch.hs_, on_match,
                 &scratch);
    off += piece.size();
  }
  scratch.text_ = nullptr;
  if (rc != HS_SUCCESS)
    return Status::error(ErrorCode::kInternal, "Vectorscan scan failed: " + std::to_string(rc));
  return Status::ok();
}

}  // namespace lg
