#include "detect/confusables.h"

#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace lg {
namespace {

std::string icu_skeleton(const USpoofChecker* sc, std::string_view utf8) {
  if (sc == nullptr) return {};
  std::vector<char> buf(utf8.size() * 4 + 16);
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeletonUTF8(sc, 0, utf8.data(), static_cast<int32_t>(utf8.size()),
                                       buf.data(), static_cast<int32_t>(buf.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      buf.resize(static_cast<std::size_t>(n) + 1);
      continue;
    }
    if (U_FAILURE(status) || n < 0) return {};
    return std::string(buf.data(), static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace

void Confusables::Closer::operator()(USpoofChecker* p) const { uspoof_close(p); }

Confusables::Confusables() {
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker* sk = uspoof_open(&status);
  if (U_SUCCESS(status)) skeleton_checker_.reset(sk);

  status = U_ZERO_ERROR;
  USpoofChecker* rl = uspoof_open(&status);
  if (U_SUCCESS(status)) {
    restriction_checker_.reset(rl);
    // Only the restriction level: invisible characters and disallowed code points are UTS #46's
    // business (the host normalizer refuses them before a label gets here).
    uspoof_setChecks(rl, USPOOF_RESTRICTION_LEVEL, &status);
    uspoof_setRestrictionLevel(rl, USPOOF_HIGHLY_RESTRICTIVE);
    if (U_FAILURE(status)) restriction_checker_.reset();
  }
  for (int c = 0; c < 128; ++c) {
    char ch = static_cast<char>(c);
    ascii_skeleton_[c] =
        skeleton_checker_ ? icu_skeleton(skeleton_checker_.get(), {&ch, 1}) : std::string(1, ch);
  }
}

Confusables::~Confusables() = default;
Confusables::Confusables(Confusables&&) noexcept = default;
Confusables& Confusables::operator=(Confusables&&) noexcept = default;

std::string Confusables::skeleton(std::string_view utf8) const {
  std::string out;
  skeleton(utf8, out);
  return out;
}

void Confusables::skeleton(std::string_view utf8, std::string& out) const {
  out.clear();
  if (utf8.size() > kMaxInputBytes) return;
  if (is_ascii(utf8)) {
    // Per-character mapping is the whole of UTS #39's skeleton for ASCII (NFD leaves it as is).
    out.reserve(utf8.size() + 4);
    for (char c : utf8) out += ascii_skeleton_[static_cast<unsigned char>(c)];
    return;
  }
  out = icu_skeleton(skeleton_checker_.get(), utf8);
}

bool Confusables::mixed_script(std::string_view utf8) const {
  if (!restriction_checker_ || utf8.size() > kMaxInputBytes || is_ascii(utf8)) return false;
  UErrorCode status = U_ZERO_ERROR;
  int32_t result = uspoof_checkUTF8(restriction_checker_.get(), utf8.data(),
                                    static_cast<int32_t>(utf8.size()), nullptr, &status);
  return U_SUCCESS(status) && (result & USPOOF_RESTRICTION_LEVEL) != 0;
}

std::string Confusables::script_names(std::string_view utf8) {
  std::vector<UScriptCode> seen;
  std::string out;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(std::min(utf8.size(), kMaxInputBytes));
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &status);
    if (U_FAILURE(status) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) continue;
    bool known = false;
    for (UScriptCode s : seen) known |= s == sc;
    if (known) continue;
    seen.push_back(sc);
    if (!out.empty()) out += '+';
    out += uscript_getName(sc);
  }
  return out;
}

}  // namespace lg
