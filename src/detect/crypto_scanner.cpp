#include "detect/crypto_scanner.h"

#include <string>
#include <vector>

#include "detect/crypto_address.h"
#include "detect/crypto_secrets.h"
#include "detect/text_scanner.h"
#include "detect/treasury.h"

namespace lg {
namespace {

const char* language_name(Bip39Language l) {
  switch (l) {
    case Bip39Language::kEnglish:
      return "English";
    case Bip39Language::kJapanese:
      return "Japanese";
    case Bip39Language::kKorean:
      return "Korean";
  }
  return "";
}

}  // namespace

void CryptoScanner::scan(TextKind kind, std::string_view utf8, DetectorSink& sink) const {
  (void)kind;  // addresses and secrets count in every kind of text, file names included
  // One pass finds the letter-digit runs long enough to be an address or a key.
  std::vector<text_chars::Run> runs;
  text_chars::long_alnum_runs(utf8, kMinAddressRun, runs);
  std::vector<CryptoAddress> addresses;
  find_crypto_addresses(utf8, runs, addresses, kMaxAddressesPerText);
  if (treasury_ != nullptr && !addresses.empty()) treasury_->check(utf8, addresses, sink);
  for (CryptoAddress& a : addresses) {
    CryptoAddressObservable o{std::move(a.address), std::move(a.chain), a.checksummed, false, {},
                              sink.object_id()};
    if (sanctions_)
      if (const SanctionsEntry* e = sanctions_->lookup(o.address)) {
        o.sanctioned = true;
        o.list_entry = e->describe();
      }
    std::string address = o.address, entry = o.list_entry;
    // A repeat of a known address adds nothing; a new sanctioned one is a finding.
    if (sink.observables().add_crypto_address(std::move(o)) && !entry.empty())
      sink.finding(Symbol::CRYPTO_SANCTIONED_ADDRESS,
                   Evidence{std::move(address), "on a sanctions list: " + entry});
  }

  std::vector<MnemonicMatch> phrases;
  bip39_.find(utf8, phrases, kMaxSecretsPerText);
  for (const MnemonicMatch& m : phrases)
    sink.finding(Symbol::SECRET_MNEMONIC,
                 Evidence{m.first_word + " \xE2\x80\xA6 " + m.last_word + " (" +
                              std::to_string(m.words) + " words)",
                          std::string("BIP-39 recovery phrase, ") + language_name(m.language) +
                              ", checksum valid"});

  std::vector<SecretMatch> keys;
  find_private_keys(utf8, runs, keys, kMaxSecretsPerText);
  for (SecretMatch& k : keys)
    sink.finding(Symbol::SECRET_PRIVATE_KEY, Evidence{std::move(k.masked), std::move(k.kind)});
}

}  // namespace lg
