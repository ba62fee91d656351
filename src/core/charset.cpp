// Charset conversion to UTF-8 through ICU's ucnv, with the MIME charset names of [RFC 2045]
// 5.1 / [RFC 2046] 4.1.2 mapped to the supersets mail clients really write, and detection
// (ICU ucsdet plus ISO-2022 escape sequences, [RFC 1468] ISO-2022-JP, [RFC 1554]
// ISO-2022-JP-2, [RFC 1557] ISO-2022-KR, [RFC 1922] ISO-2022-CN).
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "core/charset.h"

namespace lg {
namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  std::string out(s.substr(0, 64));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// MIME names -> the ICU converter to use. Names not listed go to ICU as written.
std::string icu_name_for(std::string_view mime) {
  struct Alias {
    std::string_view mime;
    std::string_view icu;
  };
  static constexpr std::array<Alias, 34> kAliases = {{
      {"ks_c_5601-1987", "windows-949"},
      {"ks_c_5601-1989", "windows-949"},
      {"ks_c_5601", "windows-949"},
      {"ksc5601", "windows-949"},
      {"ksc_5601", "windows-949"},
      {"euc-kr", "windows-949"},
      {"x-euc-kr", "windows-949"},
      {"cp949", "windows-949"},
      {"uhc", "windows-949"},
      {"x-windows-949", "windows-949"},
      {"gb2312", "GBK"},
      {"gb_2312-80", "GBK"},
      {"euc-cn", "GBK"},
      {"x-gbk", "GBK"},
      {"cp936", "GBK"},
      {"iso-8859-1", "windows-1252"},
      {"iso_8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"ansi_x3.4-1968", "windows-1252"},
      {"shift_jis", "windows-31j"},
      {"shift-jis", "windows-31j"},
      {"sjis", "windows-31j"},
      {"x-sjis", "windows-31j"},
      {"ms_kanji", "windows-31j"},
      {"cp932", "windows-31j"},
      {"utf8", "UTF-8"},
      {"utf-8", "UTF-8"},
      {"x-unicode20utf8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"iso-8859-8-i", "ISO-8859-8"},
      {"x-euc-jp", "EUC-JP"},
  }};
  for (const auto& a : kAliases) {
    if (a.mime == mime) return std::string(a.icu);
  }
  // ISO-2022-JP-3 ([JIS X 0213] Annex 2) is not in ICU; it is decoded as ISO-2022-JP-2 after
  // its JIS X 0213 plane 1 designations are rewritten (see convert()).
  if (mime == "iso-2022-jp-3" || mime == "iso-2022-jp-2004") return "ISO-2022-JP-2";
  return std::string(mime);
}

// Charsets whose bytes are not ASCII-transparent: the ASCII fast path must not be used.
bool ascii_opaque(std::string_view icu) {
  static constexpr std::array<std::string_view, 9> kPrefixes = {
      "utf-16", "utf16", "utf-32", "utf32", "ucs", "unicode", "utf-7", "utf7", "hz"};
  std::string l = lower_trimmed(icu);
  if (l.starts_with("unicode-1-1-utf-8")) return false;
  for (auto p : kPrefixes) {
    if (l.starts_with(p)) return true;
  }
  return l.find("ebcdic") != std::string::npos || l.starts_with("ibm") || l.starts_with("cp0") ||
         l.starts_with("cp5") || l.starts_with("cp1140");
}

bool is_cjk(std::string_view name) {
  return name == "Shift_JIS" || name == "EUC-JP" || name == "EUC-KR" || name == "GB18030" ||
         name == "Big5" || name.starts_with("ISO-2022");
}

// The superset Microsoft clients write for what ucsdet names.
std::string superset(std::string_view detected) {
  if (detected == "Shift_JIS") return "windows-31j";
  if (detected == "EUC-KR") return "windows-949";
  if (detected == "ISO-8859-1") return "windows-1252";
  return std::string(detected);
}

struct ConvertStats {
  std::size_t errors = 0;
};

// Counts unmappable or illegal input and writes U+FFFD for it.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  auto* stats = static_cast<ConvertStats*>(const_cast<void*>(context));
  ++stats->errors;
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Two clean-ups of ISO-2022-JP text before ICU sees it ([RFC 1468] 2):
// - [JIS X 0213] plane 1 designations (ESC $ ( O / Q) hold JIS X 0208 as a subset at the same
//   code points: rewriting them to ESC $ B lets ICU's ISO-2022-JP-2 read ISO-2022-JP-3 text.
// - A designation immediately followed by another designates nothing. ICU turns such a pair
//   into U+FFFD, yet it is what joining RFC 2047 encoded words produces (each word ends with
//   ESC ( B and the next starts with ESC $ B), so the first one is dropped.
std::string normalize_iso2022jp(std::string_view s, bool rewrite_0213) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\x1b') {
      out.push_back(s[i]);
      continue;
    }
    // G0 designations: ESC ( F, ESC $ F, ESC $ ( F.
    std::size_t len = 0;
    if (i + 2 < s.size() && (s[i + 1] == '(' || (s[i + 1] == '$' && s[i + 2] != '(')))
      len = 3;
    else if (i + 3 < s.size() && s[i + 1] == '$' && s[i + 2] == '(')
      len = 4;
    if (len == 0) {
      out.push_back(s[i]);
      continue;
    }
    if (i + len < s.size() && s[i + len] == '\x1b') {
      i += len - 1;  // redundant: the next designation replaces it
      continue;
    }
    if (rewrite_0213 && len == 4 && (s[i + 3] == 'O' || s[i + 3] == 'Q')) {
      out.append("\x1b$B");
    } else {
      out.append(s.substr(i, len));
    }
    i += len - 1;
  }
  return out;
}

// Converts with ICU; nothing when the converter does not exist. `strict` stops at the first
// unmappable or illegal sequence (and then reports it through stats.errors).
std::optional<std::string> convert(std::string_view in, const std::string& icu_name,
                                   ConvertStats& stats, bool strict, std::string* used) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(icu_name.c_str(), &err));
  if (U_FAILURE(err) || !cnv) return std::nullopt;
  if (used) {
    UErrorCode e2 = U_ZERO_ERROR;
    const char* n = ucnv_getName(cnv.get(), &e2);
    *used = U_SUCCESS(e2) && n ? n : icu_name;
    // Report a registered name ("ISO-2022-JP", not "ISO_2022,locale=ja,version=0").
    // ICU's MIME name for windows-949-2000 is "KSC_5601", which hides the UHC extension.
    const bool uhc = used->starts_with("windows-949");
    for (const char* standard : {"MIME", "IANA", "WINDOWS"}) {
      if (uhc) break;
      e2 = U_ZERO_ERROR;
      const char* s = ucnv_getStandardName(used->c_str(), standard, &e2);
      if (U_SUCCESS(e2) && s != nullptr) {
        *used = s;
        break;
      }
    }
    if (uhc) *used = "windows-949";
  }
  std::string rewritten;
  if (lower_trimmed(icu_name).starts_with("iso-2022-jp") &&
      in.find('\x1b') != std::string_view::npos) {
    rewritten = normalize_iso2022jp(in, icu_name == "ISO-2022-JP-2");
    in = rewritten;
  }
  if (in.size() > static_cast<std::size_t>(INT32_MAX / 4 - 16)) return std::nullopt;
  if (strict) {
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  } else {
    ucnv_setToUCallBack(cnv.get(), count_and_substitute, &stats, nullptr, nullptr, &err);
  }
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  // A byte becomes at most 3 UTF-8 bytes for every charset we meet; a retry covers the rest.
  out.resize(in.size() * 3 + 16);
  for (int attempt = 0; attempt < 2; ++attempt) {
    err = U_ZERO_ERROR;
    stats.errors = 0;
    ucnv_resetToUnicode(cnv.get());
    const int32_t n =
        ucnv_toAlgorithmic(UCNV_UTF8, cnv.get(), out.data(), static_cast<int32_t>(out.size()),
                           in.data(), static_cast<int32_t>(in.size()), &err);
    if (err == U_BUFFER_OVERFLOW_ERROR && attempt == 0 && n > 0) {
      out.resize(static_cast<std::size_t>(n) + 16);
      continue;
    }
    if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) {
      if (!strict) return std::nullopt;
      stats.errors = std::max<std::size_t>(stats.errors, 1);
      return std::string();
    }
    out.resize(static_cast<std::size_t>(n));
    return out;
  }
  return std::nullopt;
}

// Signs of a wrong charset in decoded UTF-8: U+FFFD, C0 controls other than TAB/LF/VT/FF/CR,
// ESC (undecoded ISO-2022) and C1 controls (U+0080..U+009F).
std::size_t garbage(std::string_view utf8) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x20) {
      if (b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r') ++bad;
    } else if (b == 0xC2 && i + 1 < utf8.size()) {
      const auto c = static_cast<unsigned char>(utf8[i + 1]);
      if (c >= 0x80 && c <= 0x9F) ++bad;
    } else if (b == 0xEF && i + 2 < utf8.size() && utf8[i + 1] == '\xBF' && utf8[i + 2] == '\xBD') {
      ++bad;
    }
  }
  return bad;
}

// ISO-2022 designations ([RFC 1468] 2, [RFC 1554] 2, [RFC 1557] 2, [RFC 1922] 3).
std::string iso2022_from_escapes(std::string_view s) {
  bool jp = false, jp2 = false, kr = false, cn = false;
  for (std::size_t i = s.find('\x1b'); i != std::string_view::npos && i + 2 < s.size();
       i = s.find('\x1b', i + 1)) {
    const std::string_view e = s.substr(i + 1, std::min<std::size_t>(3, s.size() - i - 1));
    if (e.starts_with("$B") || e.starts_with("$@") || e.starts_with("(J") || e.starts_with("(I") ||
        e.starts_with("$(O") || e.starts_with("$(Q")) {
      jp = true;
    } else if (e.starts_with("$A") || e.starts_with("$(C") || e.starts_with("$(D") ||
               e.starts_with(".A") || e.starts_with(".F")) {
      jp2 = true;
    } else if (e.starts_with("$)C")) {
      kr = true;
    } else if (e.starts_with("$)A") || e.starts_with("$)G") || e.starts_with("$*H")) {
      cn = true;
    }
  }
  if (kr && !jp) return "ISO-2022-KR";
  if (cn && !jp) return "ISO-2022-CN";
  if (jp2) return "ISO-2022-JP-2";
  if (jp) return "ISO-2022-JP";
  return {};
}

std::size_t high_bytes(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
}

struct Candidate {
  std::string utf8;
  std::string charset;
  std::size_t errors = 0;   // unmappable input
  std::size_t garbage = 0;  // errors plus control garbage
  bool ok = false;
};

Candidate try_decode(std::string_view s, const std::string& icu_name) {
  Candidate c;
  ConvertStats stats;
  auto out = convert(s, icu_name, stats, false, &c.charset);
  if (!out) return c;
  c.ok = true;
  c.errors = stats.errors;
  c.garbage = garbage(*out);
  c.utf8 = std::move(*out);
  return c;
}

Decoded finish(Candidate&& c, bool guessed) {
  Decoded d;
  d.utf8 = std::move(c.utf8);
  d.charset = std::move(c.charset);
  d.guessed = guessed;
  d.lossy = c.errors > 0;
  return d;
}

}  // namespace

std::string detect_charset(ByteView data) {
  const std::string_view s = as_chars(data);
  if (s.starts_with("\xEF\xBB\xBF")) return "UTF-8";
  if (s.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (s.starts_with("\xFE\xFF")) return "UTF-16BE";
  if (std::string e = iso2022_from_escapes(s); !e.empty()) return e;
  if (is_ascii(s)) return "US-ASCII";
  if (is_valid_utf8(s)) return "UTF-8";
  // ICU's statistical detector on a bounded prefix (its cost is linear in the input).
  constexpr std::size_t kSample = 64 * 1024;
  const std::string_view sample = s.substr(0, kSample);
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err) || det == nullptr) return "windows-1252";
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
  ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det, &count, &err);
  if (U_FAILURE(err) || matches == nullptr || count <= 0) return "windows-1252";
  std::string best;
  int32_t best_conf = -1;
  std::string cjk;
  int32_t cjk_conf = -1;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &e);
    const int32_t conf = ucsdet_getConfidence(matches[i], &e);
    if (U_FAILURE(e) || name == nullptr) continue;
    if (conf > best_conf) {
      best = name;
      best_conf = conf;
    }
    if (is_cjk(name) && conf > cjk_conf) {
      cjk = name;
      cjk_conf = conf;
    }
  }
  // Prefer a CJK reading when the text is mostly 8-bit and the detector half agrees: Latin
  // detectors score high on any 8-bit noise, CJK ones only on real CJK statistics.
  if (!cjk.empty() && cjk != best && cjk_conf >= 10 && cjk_conf + 15 >= best_conf &&
      high_bytes(sample) * 5 >= sample.size()) {
    best = cjk;
  }
  return best.empty() ? "windows-1252" : superset(best);
}

Decoded decode_text(ByteView data, std::string_view charset) {
  const std::string_view s = as_chars(data);
  const std::string declared = icu_name_for(lower_trimmed(charset));
  const bool has_esc = s.find('\x1b') != std::string_view::npos;
  const bool ascii = is_ascii(s);

  // Fast paths: 7-bit text in an ASCII-compatible charset, and UTF-8 that is well-formed.
  if (ascii && !has_esc && !ascii_opaque(declared)) {
    return {std::string(s), "US-ASCII", false, false};
  }
  const bool declared_utf8 = declared == "UTF-8";
  const bool valid_utf8 = !ascii && !ascii_opaque(declared) && is_valid_utf8(s);
  if (declared_utf8 && (valid_utf8 || ascii) && !has_esc) {
    return {std::string(s), "UTF-8", false, false};
  }

  // ISO-2022 escapes in text labelled otherwise: the escapes win.
  const std::string escapes = has_esc ? iso2022_from_escapes(s) : std::string();
  if (!escapes.empty() && !lower_trimmed(declared).starts_with("iso-2022")) {
    Candidate c = try_decode(s, escapes);
    if (c.ok && c.garbage == 0) return finish(std::move(c), true);
  }
  // Well-formed non-ASCII UTF-8 in text labelled with a legacy charset is, in practice, UTF-8:
  // legacy text almost never forms valid multi-byte UTF-8 sequences by chance.
  if (valid_utf8 && !declared.empty()) return {std::string(s), "UTF-8", true, false};

  Candidate declared_try;
  if (!declared.empty() && !declared_utf8) {
    declared_try = try_decode(s, declared);
    if (declared_try.ok && declared_try.garbage == 0) {
      // A single-byte Latin label on text that is mostly 8-bit and reads as clean CJK.
      const std::string l = lower_trimmed(declared);
      const bool latin = l.starts_with("windows-125") || l.starts_with("iso-8859");
      if (latin && high_bytes(s) * 10 >= s.size() * 3) {
        const std::string guess = detect_charset(data);
        if (is_cjk(guess) || guess == "windows-31j" || guess == "windows-949" || guess == "GBK" ||
            guess == "GB18030" || guess == "Big5") {
          Candidate c = try_decode(s, guess);
          if (c.ok && c.garbage == 0) return finish(std::move(c), true);
        }
      }
      return finish(std::move(declared_try), false);
    }
  }

  // Undeclared, unknown to ICU, or the declared charset does not fit: detect.
  const std::string guess = valid_utf8 ? std::string("UTF-8") : detect_charset(data);
  if (guess == "UTF-8" && valid_utf8) return {std::string(s), "UTF-8", true, false};
  if (guess == "US-ASCII" && !has_esc) return {std::string(s), "US-ASCII", true, false};
  Candidate c = guess == "UTF-8" ? Candidate{} : try_decode(s, guess);
  if (c.ok && (c.garbage == 0 || !declared_try.ok || c.garbage < declared_try.garbage)) {
    return finish(std::move(c), true);
  }
  if (declared_try.ok) return finish(std::move(declared_try), false);
  if (declared_utf8 || guess == "UTF-8") {
    // Ill-formed UTF-8 that nothing else reads cleanly either.
    Decoded d{repair_utf8(s), "UTF-8", !declared_utf8, true};
    return d;
  }
  Candidate last = try_decode(s, "windows-1252");
  if (last.ok) return finish(std::move(last), true);
  return {repair_utf8(s), "UTF-8", true, true};
}

std::string windows_code_page_charset(std::int64_t cp) {
  switch (cp) {
    case 65001:
      return "UTF-8";
    case 1200:
      return "UTF-16LE";
    case 932:
      return "Shift_JIS";
    case 936:
      return "GBK";
    case 949:
      return "windows-949";
    case 950:
      return "Big5";
    case 10000:
      return "macintosh";
    case 20127:
      return "US-ASCII";
    case 28591:
      return "ISO-8859-1";
    default:
      break;
  }
  if (cp == 874 || (cp >= 1250 && cp <= 1258)) return "windows-" + std::to_string(cp);
  return "windows-1252";
}

Result<std::string> convert_to_utf8(ByteView data, std::string_view charset) {
  const std::string name = icu_name_for(lower_trimmed(charset));
  if (name.empty()) return Status::error(ErrorCode::kUnsupported, "no charset given");
  if (name == "UTF-8") {
    if (!is_valid_utf8(as_chars(data))) {
      return Status::error(ErrorCode::kMalformed, "ill-formed UTF-8");
    }
    return std::string(as_chars(data));
  }
  ConvertStats stats;
  auto out = convert(as_chars(data), name, stats, true, nullptr);
  if (!out) return Status::error(ErrorCode::kUnsupported, "unknown charset: " + name);
  if (stats.errors > 0) {
    return Status::error(ErrorCode::kMalformed, "bytes do not fit charset " + name);
  }
  return std::move(*out);
}

}  // namespace lg
