#include "detect/crypto_secrets.h"

#include <cstdint>

#include "detect/crypto_codec.h"
#include "detect/text_chars.h"

namespace lg {
namespace {

namespace cc = crypto_codec;

constexpr std::size_t kKeyWordWindow = 64;     // bytes before a hex key searched for a key word
constexpr std::size_t kKeystoreWindow = 4096;  // "kdf" and "mac" near "ciphertext"
constexpr std::size_t kMinKeyRun = 51;         // a WIF key; hex keys are 64, xprv 111

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Words that say the hex after them is a private key (English, Korean, Japanese, Chinese).
bool key_word_before(std::string_view text, std::size_t at) {
  std::size_t from = at > kKeyWordWindow ? at - kKeyWordWindow : 0;
  std::string window(text.substr(from, at - from));
  for (char& c : window)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  for (std::string_view w :
       {"private", "priv", "secret", "seed", "mnemonic", "wallet key", "개인키", "개인 키",
        "비밀키", "프라이빗", "秘密鍵", "プライベートキー", "私钥", "私鑰"})
    if (window.find(w) != std::string::npos) return true;
  return false;
}

const char* extended_key_kind(std::uint32_t version) {
  switch (version) {  // SLIP-132 registered HD version bytes, private ones
    case 0x0488ADE4:
      return "BIP-32 extended private key (xprv)";
    case 0x049D7878:
      return "BIP-32 extended private key (yprv, BIP-49)";
    case 0x04B2430C:
      return "BIP-32 extended private key (zprv, BIP-84)";
    case 0x04358394:
      return "BIP-32 extended private key (tprv, testnet)";
    case 0x044A4E28:
      return "BIP-32 extended private key (uprv, testnet)";
    case 0x045F18BC:
      return "BIP-32 extended private key (vprv, testnet)";
    default:
      return nullptr;
  }
}

const char* classify_base58(std::string_view t) {
  if (t.size() == 111) {
    auto p = cc::base58check_decode(t);
    // [BIP-32 "Serialization format"] version(4) depth(1) fingerprint(4) child(4) chain
    // code(32) key(33), a private key being 0x00 || k.
    if (p && p->size() == 78 && (*p)[45] == 0) {
      std::uint32_t v = (std::uint32_t{(*p)[0]} << 24) | ((*p)[1] << 16) | ((*p)[2] << 8) | (*p)[3];
      return extended_key_kind(v);
    }
    return nullptr;
  }
  if (t.size() == 51 || t.size() == 52) {
    // Bitcoin wiki "Wallet import format": 0x80 (0xef testnet) + 32 bytes (+ 0x01).
    auto p = cc::base58check_decode(t);
    if (!p || p->empty() || ((*p)[0] != 0x80 && (*p)[0] != 0xef)) return nullptr;
    if (p->size() == 33) return "WIF private key";
    if (p->size() == 34 && (*p)[33] == 0x01) return "WIF private key (compressed)";
  }
  return nullptr;
}

void find_keystore(std::string_view text, std::vector<SecretMatch>& out) {
  auto at = text.find("\"ciphertext\"");
  if (at == std::string_view::npos) return;
  std::size_t from = at > kKeystoreWindow ? at - kKeystoreWindow : 0;
  std::string_view near = text.substr(from, 2 * kKeystoreWindow);
  if (near.find("\"kdf\"") == std::string_view::npos ||
      near.find("\"mac\"") == std::string_view::npos)
    return;
  std::string kdf = near.find("scrypt") != std::string_view::npos   ? "scrypt"
                    : near.find("pbkdf2") != std::string_view::npos ? "pbkdf2"
                                                                    : "unknown kdf";
  out.push_back(SecretMatch{"keystore JSON (" + kdf + ")",
                            "Ethereum keystore (Web3 Secret Storage)", at, at + 12});
}

}  // namespace

std::string mask_secret(std::string_view s) {
  std::string n = std::to_string(s.size()) + " chars";
  if (s.size() <= 16) return "(" + n + ")";
  return std::string(s.substr(0, 4)) + "\xE2\x80\xA6" + std::string(s.substr(s.size() - 4)) + " (" +
         n + ")";
}

void find_private_keys(std::string_view text, const std::vector<text_chars::Run>& runs,
                       std::vector<SecretMatch>& out, std::size_t max_items) {
  std::size_t found = 0;
  for (std::size_t r = 0; r < runs.size() && found < max_items; ++r) {
    const std::size_t start = runs[r].begin, end = runs[r].end;
    std::string_view t = text.substr(start, end - start);
    if (t.size() < kMinKeyRun) continue;
    std::string_view hex = t;
    if (hex.size() == 66 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
    if (hex.size() == 64) {
      bool all_hex = true;
      for (char c : hex) all_hex = all_hex && is_hex(c);
      if (all_hex && key_word_before(text, start)) {
        out.push_back(SecretMatch{mask_secret(t), "64-hex-digit private key", start, end});
        ++found;
        continue;
      }
    }
    char c0 = t[0];
    bool maybe_wif = (t.size() == 51 && (c0 == '5' || c0 == '9')) ||
                     (t.size() == 52 && (c0 == 'K' || c0 == 'L' || c0 == 'c'));
    bool maybe_xprv = t.size() == 111 && t.substr(1, 3) == "prv";
    if (!maybe_wif && !maybe_xprv) continue;
    if (const char* kind = classify_base58(t)) {
      out.push_back(SecretMatch{mask_secret(t), kind, start, end});
      ++found;
    }
  }
  if (found < max_items) find_keystore(text, out);
}

void find_private_keys(std::string_view text, std::vector<SecretMatch>& out,
                       std::size_t max_items) {
  std::vector<text_chars::Run> runs;
  text_chars::long_alnum_runs(text, kMinKeyRun, runs);
  find_private_keys(text, runs, out, max_items);
}

}  // namespace lg
