#include "detect/treasury.h"

#include "detect/text_scanner.h"

namespace lg {
namespace {

// Phrases that present an address as a replacement, written as normalize() leaves them:
// ASCII lower case, one space for any run of white space, no space between two non-ASCII
// characters (Korean spacing varies).
constexpr std::string_view kChangePhrases[] = {
    // English.
    "new deposit address", "new wallet address", "new receiving address", "new address",
    "new wallet", "updated deposit address", "updated wallet", "updated address",
    "address has changed", "address has been changed", "address has been updated", "address change",
    "changed our wallet", "changed our deposit", "change of wallet", "change of address",
    "wallet has changed", "wallet has been changed", "no longer use", "no longer in use",
    "migrated to a new", "use the following address instead",
    // Japanese.
    "新しい入金アドレス", "新しいアドレス", "新しいウォレット", "入金アドレスの変更",
    "入金アドレスが変更", "アドレス変更", "アドレスの変更", "アドレスが変更", "ウォレットの変更",
    "ウォレットが変更", "送金先の変更", "送金先が変更", "振込先の変更", "新しい送金先",
    "変更後のアドレス", "新アドレス",
    // Korean.
    "새입금주소", "새로운입금주소", "새지갑주소", "새로운지갑주소", "새주소", "새로운주소",
    "입금주소변경", "입금주소가변경", "지갑주소변경", "지갑주소가변경", "주소변경", "주소가변경",
    "지갑이변경", "변경된주소", "변경된입금주소", "변경된지갑"};

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    // A space between two non-ASCII characters is dropped, others kept as one.
    if (pending_space && !out.empty() &&
        !(c >= 0x80 && static_cast<unsigned char>(out.back()) >= 0x80))
      out += ' ';
    pending_space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return out;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

TreasuryChecker::TreasuryChecker(const std::vector<std::string>& addresses) {
  for (const std::string& a : addresses) {
    auto v = validate_crypto_address(a);
    if (!v) {
      invalid_.push_back(a);
      continue;
    }
    allowed_.insert(v->address);
    chains_.insert(v->chain);
  }
}

std::string TreasuryChecker::change_wording(std::string_view window) {
  std::string text = normalize(window);
  for (std::string_view p : kChangePhrases) {
    std::size_t pos = 0;
    while ((pos = text.find(p, pos)) != std::string::npos) {
      // An English phrase starts a word: "renew address" is not "new address".
      if (!is_ascii_letter(p.front()) || pos == 0 || !is_ascii_letter(text[pos - 1]))
        return std::string(p);
      pos += 1;
    }
  }
  return {};
}

void TreasuryChecker::check(std::string_view text, const std::vector<CryptoAddress>& found,
                            DetectorSink& sink) const {
  if (allowed_.empty()) return;
  std::size_t reported = 0;
  for (const CryptoAddress& a : found) {
    if (reported == kMaxFindingsPerText) return;
    if (chains_.count(a.chain) == 0 || allowed_.count(a.address) != 0) continue;
    std::size_t from = a.begin > kWindowBytes ? a.begin - kWindowBytes : 0;
    std::size_t to = std::min(text.size(), a.end + kWindowBytes);
    // Cut on code point boundaries so the window is valid UTF-8.
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
    std::string phrase = change_wording(text.substr(from, to - from));
    if (phrase.empty()) continue;
    ++reported;
    sink.finding(
        Symbol::CRYPTO_TREASURY_SWAP,
        Evidence{a.address,
                 a.chain + " address not on the treasury list, presented as \"" + phrase + "\""});
  }
}

}  // namespace lg
