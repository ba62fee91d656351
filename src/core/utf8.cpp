// UTF-8 well-formedness ([Unicode 15] 3.9, Table 3-7 "Well-Formed UTF-8 Byte Sequences"),
// repair with U+FFFD per maximal subpart ([Unicode 15] 3.9, "U+FFFD Substitution of Maximal
// Subparts"), and Unicode normalization through ICU's Normalizer2 ([UAX #15]).
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstdint>
#include <cstring>

#include "core/charset.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char b, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
  return b >= lo && b <= hi;
}

}  // namespace

Utf8Char next_utf8_char(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1, true};
  // [Unicode] Table 3-7, well-formed UTF-8 byte sequences: the lead byte fixes the length
  // and the allowed range of the second byte; later bytes are always 80..BF.
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return {kReplacement, 1, false};  // 80..C1, F5..FF never start a sequence
  }
  std::size_t len = 1;
  for (std::size_t k = 0; k < need; ++k) {
    if (pos + len >= s.size()) return {kReplacement, len, false};
    const auto b = static_cast<unsigned char>(s[pos + len]);
    if (!(k == 0 ? is_continuation(b, lo, hi) : is_continuation(b))) {
      return {kReplacement, len, false};  // the maximal subpart ends before `b`
    }
    cp = (cp << 6) | (b & 0x3F);
    ++len;
  }
  return {cp, len, true};
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string utf16le_to_utf8(ByteView bytes, bool stop_at_nul) {
  std::string out;
  out.reserve(bytes.size());
  const std::size_t units = bytes.size() / 2;
  auto unit = [&](std::size_t k) -> char32_t { return bytes[2 * k] | (bytes[2 * k + 1] << 8); };
  for (std::size_t k = 0; k < units; ++k) {
    char32_t u = unit(k);
    if (u == 0 && stop_at_nul) return out;
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units) {
      char32_t lo = unit(k + 1);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        ++k;
        continue;
      }
    }
    append_utf8(out, u);  // lone surrogates become U+FFFD there
  }
  if (bytes.size() % 2 != 0) append_utf8(out, kReplacement);
  return out;
}

bool is_ascii(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  }
  return true;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const Utf8Char c = next_utf8_char(s, i);
    if (!c.valid) return false;
    i += c.len;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const Utf8Char c = next_utf8_char(s, i);
    if (c.valid)
      out.append(s.data() + i, c.len);
    else
      out.append("\xEF\xBF\xBD");
    i += c.len;
  }
  return out;
}

namespace {

std::string normalize(const icu::Normalizer2* norm, std::string_view utf8) {
  std::string repaired;
  if (!is_valid_utf8(utf8)) {
    repaired = repair_utf8(utf8);
    utf8 = repaired;
  }
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode err = U_ZERO_ERROR;
  if (norm == nullptr) return std::string(utf8);
  norm->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                      nullptr, err);
  if (U_FAILURE(err)) return std::string(utf8);
  return out;
}

}  // namespace

std::string normalize_nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);  // ASCII is always in NFC
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  return normalize(U_SUCCESS(err) ? nfc : nullptr, utf8);
}

std::string normalize_nfkc_casefold(std::string_view utf8) {
  if (is_ascii(utf8)) {
    // NFKC_Casefold on ASCII is lowercasing (and no character is removed but none exist
    // among printable ASCII; the C0 controls map to themselves).
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  return normalize(U_SUCCESS(err) ? cf : nullptr, utf8);
}

std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace lg
