#include "detect/crypto_address.h"

#include <cstdint>

#include "detect/crypto_codec.h"
#include "detect/keccak.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

namespace cc = crypto_codec;

// Base58Check version bytes of 21-byte (version + hash160) payloads.
struct Base58Version {
  std::uint8_t version;
  const char* chain;
};
constexpr Base58Version kBase58Versions[] = {
    {0x00, "btc"},   // P2PKH, 1...
    {0x05, "btc"},   // P2SH, 3...
    {0x30, "ltc"},   // L...
    {0x32, "ltc"},   // M...
    {0x1e, "doge"},  // D...
    {0x16, "doge"},  // 9... / A...
    {0x4c, "dash"},  // X...
    {0x10, "dash"},  // 7...
    {0x26, "btg"},   // G...
    {0x17, "btg"},   // A...
    {0x41, "trx"},   // TRON: 0x41 + 20 bytes, T...
};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = text_chars::to_lower(c);
  return out;
}

std::optional<CryptoAddress> evm(std::string_view t) {
  if (t.size() != 42 || t[0] != '0' || (t[1] != 'x' && t[1] != 'X')) return std::nullopt;
  std::string_view hex = t.substr(2);
  bool has_lower = false, has_upper = false;
  for (char c : hex) {
    if (!is_hex(c)) return std::nullopt;
    has_lower |= c >= 'a' && c <= 'f';
    has_upper |= c >= 'A' && c <= 'F';
  }
  CryptoAddress a;
  a.chain = "eth";
  a.checksummed = has_lower && has_upper;
  if (a.checksummed && !eip55_valid(hex)) return std::nullopt;
  a.address = "0x" + lower(hex);
  return a;
}

std::optional<CryptoAddress> segwit(std::string_view t) {
  struct Hrp {
    const char* hrp;
    const char* chain;
  };
  static constexpr Hrp kHrps[] = {{"bc", "btc"}, {"ltc", "ltc"}, {"tb", "tbtc"}};
  std::string l = lower(t);
  for (const Hrp& h : kHrps) {
    std::string_view hrp = h.hrp;
    if (l.size() > hrp.size() && l.compare(0, hrp.size(), hrp) == 0 && l[hrp.size()] == '1' &&
        cc::segwit_decode(hrp, t))
      return CryptoAddress{l, h.chain, true, 0, 0};
  }
  return std::nullopt;
}

std::optional<CryptoAddress> base58(std::string_view t) {
  if (t.size() >= 25 && t.size() <= 36) {
    if (auto p = cc::base58check_decode(t)) {
      if (p->size() == 21)
        for (const Base58Version& v : kBase58Versions)
          if ((*p)[0] == v.version) return CryptoAddress{std::string(t), v.chain, true, 0, 0};
      // Zcash transparent: two version bytes, t1 (0x1cb8) and t3 (0x1cbd).
      if (p->size() == 22 && (*p)[0] == 0x1c && ((*p)[1] == 0xb8 || (*p)[1] == 0xbd))
        return CryptoAddress{std::string(t), "zec", true, 0, 0};
    }
    if (t[0] == 'r')  // XRP: Ripple alphabet, version 0x00 (account ID)
      if (auto p = cc::base58check_decode(t, cc::kRippleAlphabet);
          p && p->size() == 21 && (*p)[0] == 0)
        return CryptoAddress{std::string(t), "xrp", true, 0, 0};
  }
  // Monero: standard (network byte 18, '4...') and subaddress (42, '8...'), 95 characters;
  // integrated (19, '4...') 106 characters.
  if ((t.size() == 95 || t.size() == 106) && (t[0] == '4' || t[0] == '8'))
    if (auto p = cc::monero_base58check_decode(t))
      if (!p->empty() && ((*p)[0] == 18 || (*p)[0] == 19 || (*p)[0] == 42))
        return CryptoAddress{std::string(t), "xmr", true, 0, 0};
  return std::nullopt;
}

std::optional<CryptoAddress> cashaddr(std::string_view t) {
  if (!cc::cashaddr_decode(t)) return std::nullopt;
  std::string l = lower(t);
  if (l.find(':') == std::string::npos) l = "bitcoincash:" + l;
  return CryptoAddress{l, "bch", true, 0, 0};
}

// Cheap shape test before any decoding: lengths, first characters and alphabets real
// addresses have, so prose and Base64 fragments are rarely decoded at all.
bool plausible(std::string_view t) {
  std::size_t n = t.size();
  if (n < 14 || n > 106) return false;
  char c0 = text_chars::to_lower(t[0]), c1 = text_chars::to_lower(t[1]);
  if (n == 42 && c0 == '0' && c1 == 'x') return true;
  if ((c0 == 'b' && c1 == 'c' && t[2] == '1') || (c0 == 't' && c1 == 'b' && t[2] == '1') ||
      (c0 == 'l' && c1 == 't' && text_chars::to_lower(t[2]) == 'c' && t[3] == '1'))
    return n <= 90;
  if (n == 42 && (c0 == 'q' || c0 == 'p')) return true;  // bare cashaddr
  if (!((n >= 25 && n <= 36) || n == 95 || n == 106)) return false;
  for (char c : t)
    if (c == '0' || c == 'O' || c == 'I' || c == 'l') return false;  // not Base58
  return true;
}

}  // namespace

bool eip55_valid(std::string_view hex40) { return eip55_encode(hex40) == hex40; }

std::string eip55_encode(std::string_view hex40) {
  // EIP-55: keccak256 of the lower-case hex text; a letter is upper case when the matching
  // nibble of the hash is >= 8.
  std::string l = lower(hex40);
  auto h = keccak256(l);
  for (std::size_t i = 0; i < l.size() && i < 64; ++i) {
    int nibble = (i % 2 == 0) ? (h[i / 2] >> 4) : (h[i / 2] & 15);
    if (l[i] >= 'a' && l[i] <= 'f' && nibble >= 8) l[i] = static_cast<char>(l[i] - 32);
  }
  return l;
}

std::optional<CryptoAddress> validate_crypto_address(std::string_view t) {
  if (t.size() > 12 + 112) return std::nullopt;
  if (t.find(':') != std::string_view::npos) return cashaddr(t);
  if (auto a = evm(t)) return a;
  if (auto a = segwit(t)) return a;
  if (t.size() == 42 && (t[0] == 'q' || t[0] == 'p' || t[0] == 'Q' || t[0] == 'P'))
    if (auto a = cashaddr(t)) return a;
  return base58(t);
}

void find_crypto_addresses(std::string_view text, const std::vector<text_chars::Run>& runs,
                           std::vector<CryptoAddress>& out, std::size_t max_items) {
  constexpr std::string_view kCashPrefix = "bitcoincash:";
  std::size_t found = 0;
  for (std::size_t r = 0; r < runs.size() && found < max_items; ++r) {
    std::size_t start = runs[r].begin, end = runs[r].end;
    bool prefixed = false;
    // "bitcoincash:" joins the run right after it (case-insensitive prefix).
    if (end - start == kCashPrefix.size() - 1 && end < text.size() && text[end] == ':' &&
        r + 1 < runs.size() && runs[r + 1].begin == end + 1 && runs[r + 1].size() == 42 &&
        lower(text.substr(start, end - start + 1)) == kCashPrefix) {
      end = runs[++r].end;
      prefixed = true;
    }
    std::string_view token = text.substr(start, end - start);
    if (!prefixed && !plausible(token)) continue;
    if (auto a = validate_crypto_address(token)) {
      a->begin = start;
      a->end = end;
      out.push_back(std::move(*a));
      ++found;
    }
  }
}

void find_crypto_addresses(std::string_view text, std::vector<CryptoAddress>& out,
                           std::size_t max_items) {
  std::vector<text_chars::Run> runs;
  text_chars::long_alnum_runs(text, kMinAddressRun, runs);
  find_crypto_addresses(text, runs, out, max_items);
}

}  // namespace lg
