#include "detect/brands.h"

#include "core/ascii.h"
#include "detect/host.h"

namespace lg {
namespace {

// One row per brand: name, category, domains, tokens (space-separated), display names
// ('|'-separated), generic. Domains are the ones the brands publish; Japanese and Korean
// names are the ones they use in their own notices.
struct Row {
  std::string_view name, category, domains, tokens, names;
  bool generic;
};

constexpr Row kRows[] = {
    // Global exchanges and wallets.
    {"Coinbase", "exchange", "coinbase.com coinbase.jp", "coinbase",
     "Coinbase|コインベース|코인베이스", false},
    {"Binance", "exchange", "binance.com binance.us binance.org binance.info binance.vision",
     "binance", "Binance|バイナンス|바이낸스", false},
    {"Kraken", "exchange", "kraken.com", "kraken", "Kraken|クラーケン|크라켄", false},
    {"OKX", "exchange", "okx.com okex.com", "okx okex", "OKX|OKEx", false},
    {"Bybit", "exchange", "bybit.com bybitglobal.com", "bybit", "Bybit|バイビット|바이비트", false},
    {"Crypto.com", "exchange", "crypto.com", "crypto.com cryptocom", "Crypto.com", true},
    {"MetaMask", "wallet", "metamask.io", "metamask", "MetaMask|メタマスク|메타마스크", false},
    {"Ledger", "wallet", "ledger.com", "ledgerlive ledger-live ledgerwallet",
     "Ledger Live|Ledger Support|Ledger Wallet", true},
    {"Trezor", "wallet", "trezor.io", "trezor", "Trezor", false},
    {"Safe", "wallet", "safe.global", "safe-wallet safewallet safe-global", "Safe{Wallet}", true},
    {"Atomic Wallet", "wallet", "atomicwallet.io", "atomicwallet atomic-wallet", "Atomic Wallet",
     false},
    // Japan.
    {"bitFlyer", "exchange", "bitflyer.com bitflyer.jp", "bitflyer", "bitFlyer|ビットフライヤー",
     false},
    {"Coincheck", "exchange", "coincheck.com", "coincheck", "Coincheck|コインチェック", false},
    {"bitbank", "exchange", "bitbank.cc", "bitbank", "bitbank|ビットバンク", false},
    {"GMO Coin", "exchange", "coin.z.com", "gmocoin gmo-coin", "GMO Coin|GMOコイン", false},
    {"SBI VC Trade", "exchange", "sbivc.co.jp", "sbivc", "SBI VC Trade|SBI VCトレード", false},
    {"DMM Bitcoin", "exchange", "dmm.com dmm.co.jp", "dmmbitcoin dmm-bitcoin",
     "DMM Bitcoin|DMMビットコイン", false},
    {"Zaif", "exchange", "zaif.jp", "zaif", "Zaif", false},
    {"BITPoint", "exchange", "bitpoint.co.jp", "bitpoint", "BITPoint|ビットポイント", false},
    {"BTCBOX", "exchange", "btcbox.co.jp", "btcbox", "BTCBOX", false},
    // Korea.
    {"Upbit", "exchange", "upbit.com", "upbit", "Upbit|업비트", false},
    {"Bithumb", "exchange", "bithumb.com", "bithumb", "Bithumb|빗썸", false},
    {"Coinone", "exchange", "coinone.co.kr", "coinone", "Coinone|코인원", false},
    {"Korbit", "exchange", "korbit.co.kr", "korbit", "Korbit|코빗", false},
    {"GOPAX", "exchange", "gopax.co.kr", "gopax", "GOPAX|고팍스", false},
    // Job portals.
    {"LinkedIn", "jobs", "linkedin.com lnkd.in licdn.com", "linkedin", "LinkedIn|링크드인", false},
    {"Indeed", "jobs", "indeed.com indeed.jp indeed.co.uk", "indeed-jobs", "Indeed", true},
    {"Wanted", "jobs", "wanted.co.kr wantedlab.com", "wantedlab", "원티드|Wanted Lab", true},
    {"Saramin", "jobs", "saramin.co.kr", "saramin", "Saramin|사람인", false},
    {"JobKorea", "jobs", "jobkorea.co.kr", "jobkorea", "JobKorea|잡코리아", false},
    {"Rikunabi", "jobs", "rikunabi.com", "rikunabi", "Rikunabi|リクナビ", false},
    {"doda", "jobs", "doda.jp", "doda-jobs", "doda|デューダ", true},
    {"BizReach", "jobs", "bizreach.jp bizreach.co.jp", "bizreach", "BizReach|ビズリーチ", false},
    // Banks and venture capital firms that were impersonated.
    {"MUFG", "bank", "mufg.jp", "mufg", "MUFG|三菱UFJ", false},
    {"SMBC", "bank", "smbc.co.jp", "smbc", "SMBC|三井住友銀行", false},
    {"Mizuho", "bank", "mizuhobank.co.jp mizuho-fg.co.jp mizuho-sc.com", "mizuho",
     "Mizuho|みずほ銀行", false},
    {"Beyond Next Ventures", "vc", "beyondnextventures.com",
     "beyondnextventures beyond-next-ventures", "Beyond Next Ventures", false},
    {"Z Venture Capital", "vc", "zvc.vc", "zventure", "Z Venture Capital|Zベンチャーキャピタル",
     false},
    {"Bank of America", "bank", "bankofamerica.com bofa.com", "bankofamerica", "Bank of America",
     false},
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    if (end > pos) out.emplace_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::vector<Brand> default_brands() {
  std::vector<Brand> out;
  out.reserve(std::size(kRows));
  for (const Row& r : kRows)
    out.push_back(Brand{std::string(r.name), std::string(r.category), split(r.domains, ' '),
                        split(r.tokens, ' '), split(r.names, '|'), r.generic});
  return out;
}

Brand own_domains_brand(const std::vector<std::string>& domains) {
  Brand b;
  b.name = "own domain";
  b.category = "own";
  for (const std::string& d : domains) {
    std::string lower = ascii_lower(d);
    b.domains.push_back(lower);
    std::string_view registered = registered_domain(lower);
    std::string label(registered.substr(0, registered.find('.')));
    if (label.size() >= 5) {
      b.tokens.push_back(label);
      b.names.push_back(label);
    }
  }
  return b;
}

}  // namespace lg
