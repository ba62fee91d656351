// UTF-8 well-formedness ([Unicode 15] 3.9, Table 3-7 "Well-Formed UTF-8 Byte Sequences"),
// repair with U+FFFD per maximal subpart ([Unicode 15] 3.9, "U+FFFD Substitution of Maximal
// Subparts"), and Unicode normalization through ICU's Normalizer2 ([UAX #15]).
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstdint>
#include <cstring>

#include "core/charset.h"

namespace lg {
namespace {

// Length of the well-formed sequence at `i`, or 0 with `*bad` set to the length of the
// maximal subpart to replace (at least 1).
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t* bad) {
  const auto at = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = at(i);
  std::size_t need = 0;
  std::uint8_t lo = 0x80, hi = 0xBF;  // bounds of the second byte (Table 3-7)
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *bad = 1;
    return 0;
  }
  std::size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    const std::uint8_t b = at(i + k);
    const std::uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) break;
  }
  if (k > need) return need + 1;
  *bad = k;  // lead byte plus the valid continuation bytes seen
  return 0;
}

}  // namespace

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
    std::size_t bad = 0;
    const std::size_t n = utf8_sequence(s, i, &bad);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t bad = 0;
    const std::size_t n = utf8_sequence(s, i, &bad);
    if (n > 0) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      i += bad;
    }
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

}  // namespace lg
