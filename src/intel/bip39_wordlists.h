#pragma once
/// The BIP-39 word lists, embedded at build time from Debian's python3-mnemonic package
/// (/usr/lib/python3/dist-packages/mnemonic/wordlist, CMake cache variable
/// LG_BIP39_WORDLIST_DIR), so the program needs no data files at run time.
#include <string_view>

namespace lg {

enum class Bip39Language { kEnglish, kJapanese, kKorean };

/// The list as shipped: 2048 words, one a line, in BIP-39 order, Unicode NFKD (the Japanese
/// and Korean words are decomposed; compare after normalizing).
std::string_view bip39_wordlist_text(Bip39Language language);

}  // namespace lg
