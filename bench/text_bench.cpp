// The whole set of text detectors, as Scan runs it over one message's text: TextScanner (URL,
// domain, address and IP extraction, look-alike domains and link checks against the default
// brands plus 10,000 generated protected domains, crypto addresses screened against 10,000
// generated IOC entries, recovery phrases, keys) and the lure-language lexicons, on generated
// mixed English, Japanese and Korean mail text. Each message gets fresh observables and a
// fresh LureState, as each input does in the engine. Goal: over 200 MB/s on one core (`all`);
// `english` and `japanese_korean` run the same set on text of those languages only.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/bench_data.h"
#include "core/testing/xorshift.h"
#include "detect/lookalike.h"
#include "detect/lure.h"
#include "detect/text_scanner.h"
#include "detect/treasury.h"
#include "intel/sanctions.h"

namespace lg::bench {
namespace {

constexpr std::size_t kProtectedDomains = 10'000;
constexpr std::size_t kIocEntries = 10'000;
constexpr std::size_t kMessages = 64;
constexpr std::size_t kMessageBytes = 6 * 1024;

// Generated names and texts are the same in every run.
class Rng : public lg::testing::XorShift64 {
 public:
  Rng() : XorShift64(0x9e3779b97f4a7c15ull) {}
};

// A pronounceable name of consonant-vowel syllables ("kamerito").
std::string name(Rng& rng, std::size_t syllables) {
  static constexpr std::string_view kC = "bcdfghjklmnprstvwz", kV = "aeiou";
  std::string s;
  for (std::size_t i = 0; i < syllables; ++i) {
    s += kC[rng.below(kC.size())];
    s += kV[rng.below(kV.size())];
  }
  return s;
}

std::vector<Brand> brands_with_generated(Rng& rng) {
  static constexpr std::string_view kTlds[] = {"com", "co.jp", "co.kr", "io", "net", "jp"};
  std::vector<Brand> brands = default_brands();
  for (std::size_t i = 0; i < kProtectedDomains; ++i) {
    std::string label = name(rng, 3 + rng.below(3));
    std::string domain = label + "." + std::string(kTlds[rng.below(std::size(kTlds))]);
    brands.push_back(Brand{label, "test", {domain}, {label}, {label}, false});
  }
  return brands;
}

SanctionsList generated_iocs(Rng& rng) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string list = "# chain ETH\n";
  for (std::size_t i = 0; i < kIocEntries; ++i) {
    list += "0x";
    for (int k = 0; k < 40; ++k) list += kHex[rng.below(16)];
    list += '\n';
  }
  SanctionsList s;
  (void)s.add_plain_list("bench_iocs.txt", list);
  return s;
}

// Each generated site name ends with this many digits, rewritten with the pass number before
// every pass, so that the names are new to the look-alike checker's per-thread cache in every
// pass, as a stream of mail brings new names, while the fixed names recur.
constexpr std::size_t kPassDigits = 4;
constexpr std::string_view kSiteEnd = ".com/p\n";

// Where the digits of each site name of `msg` are.
std::vector<std::size_t> site_digits(const std::string& msg) {
  std::vector<std::size_t> out;
  for (std::size_t at = msg.find(kSiteEnd); at != std::string::npos;
       at = msg.find(kSiteEnd, at + 1))
    if (at >= kPassDigits) out.push_back(at - kPassDigits);
  return out;
}

// Which paragraphs the generated messages are made of.
enum class Mix { kAll, kEnglish, kJapaneseKorean };

// Paragraphs of the three languages (or of English only, or Japanese and Korean only), with
// the links, addresses and names mail carries.
std::vector<std::string> messages(Rng& rng, Mix mix) {
  static constexpr std::string_view kParagraphs[] = {
      "Thank you for your interest in the Senior Blockchain Engineer position. Our client, a "
      "leading digital asset exchange, is expanding its engineering team in Singapore and "
      "Tokyo. Please review the job description and salary package in the attached document, "
      "and let me know a convenient time for a short call this week.\n\n",
      "Hi team, the release notes for version 2.4.1 are up on the wiki. The main changes are "
      "the new settlement batching, a fix for the rounding error in fee reports, and faster "
      "start-up. Please test on staging before Thursday; ping me if anything looks off.\n\n",
      "Regards,\nEmily Carter | Talent Acquisition\nPhone: +1 415 555 0199\n\n",
      "お世話になっております。先日ご案内しました業務委託契約書の件につきまして、最新版を添付"
      "いたします。内容をご確認のうえ、ご不明な点がございましたらお気軽にお問い合わせください。"
      "何卒よろしくお願い申し上げます。\n\n",
      "来週の定例会議は水曜日の午後三時からに変更となりました。議題は第三四半期の予算見直しと"
      "新規案件の進捗確認です。資料は共有フォルダに格納しておりますので事前にご一読ください。\n\n",
      "안녕하세요. 지난번 말씀드린 블록체인 소프트웨어 개발 계약서 초안을 보내드립니다. 검토하신 "
      "후 수정 사항이 있으시면 회신 부탁드립니다. 일정상 이번 주 금요일까지 확정이 필요합니다. "
      "감사합니다.\n\n",
      "이번 분기 정산 보고서가 완료되었습니다. 첨부 파일을 확인하시고 문제가 없으면 결재 "
      "부탁드립니다. 추가 자료가 필요하시면 언제든지 연락 주세요.\n\n",
  };
  std::vector<std::string> pieces = {
      "More at https://www.example.com/careers/blockchain-engineer?ref=mail today.\n",
      "Contact: emily.carter@careers-hr-portal.com or +81 3 5555 0100.\n",
      "詳細は https://www.example.co.jp/news/2026/11/notice.html をご覧ください。\n",
      "자세한 내용은 https://www.example.co.kr/board/view?id=1024 에서 확인하세요.\n",
      "Docs: docs.example.org/guide and the tracker at https://tracker.example.net/T-2291\n",
      "Wallet for the invoice: 0x52908400098527886E0F7030069857D2E4169EE7\n",
      "Meeting link: https://zoom.us/j/95551234567?pwd=abc (passcode 123456)\n",
  };
  constexpr std::size_t kEnglishParagraphs = 3;  // the first three; then Japanese and Korean
  const std::size_t first = mix == Mix::kJapaneseKorean ? kEnglishParagraphs : 0;
  const std::size_t count = mix == Mix::kAll       ? std::size(kParagraphs)
                            : mix == Mix::kEnglish ? kEnglishParagraphs
                                                   : std::size(kParagraphs) - kEnglishParagraphs;
  std::vector<std::string> out;
  for (std::size_t m = 0; m < kMessages; ++m) {
    std::string msg;
    std::size_t n = 0;
    while (msg.size() < kMessageBytes) {
      msg += kParagraphs[first + rng.below(count)];
      if (++n % 2 == 0) {
        // Every message has its own names too, so domains are not all cached.
        std::string piece = pieces[rng.below(pieces.size())];
        if (rng.below(2) == 0)
          piece += "Site: https://" + name(rng, 3) + "-" + name(rng, 2) +
                   std::string(kPassDigits, '0') + std::string(kSiteEnd);
        msg += piece;
      }
    }
    out.push_back(std::move(msg));
  }
  return out;
}

// `brands`: false measures the same set without the brand, link and treasury checks, to show
// what they add. `mix`: the languages of the text (the goal is set on all three).
void BM_TextDetectors(benchmark::State& state, bool brands, Mix mix) {
  Rng rng;
  const LookalikeChecker lookalike(brands_with_generated(rng));
  const SanctionsList iocs = generated_iocs(rng);
  const TreasuryChecker treasury({"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"});
  const TextScanner scanner(&iocs, brands ? &lookalike : nullptr, brands ? &treasury : nullptr);
  auto lexicon = Lexicon::builtin();
  if (!lexicon) {
    state.SkipWithError("built-in lexicon did not compile");
    return;
  }
  auto scratch = lexicon->make_scratch();
  if (!scratch) {
    state.SkipWithError("no Vectorscan scratch");
    return;
  }
  std::vector<std::string> msgs = messages(rng, mix);
  std::size_t bytes = 0;
  for (const auto& m : msgs) bytes += m.size();
  std::size_t findings = 0;
  std::vector<std::vector<std::size_t>> digits;
  for (const auto& m : msgs) digits.push_back(site_digits(m));
  std::size_t pass = 0;
  for (auto _ : state) {
    char number[kPassDigits];
    std::size_t p = ++pass;
    for (std::size_t k = kPassDigits; k-- > 0; p /= 10) number[k] = static_cast<char>('0' + p % 10);
    for (std::size_t i = 0; i < msgs.size(); ++i) {
      std::string& m = msgs[i];
      for (std::size_t at : digits[i]) m.replace(at, kPassDigits, number, kPassDigits);
      CountingSink sink;
      LureState lure(*lexicon, *scratch);
      scanner.scan_text(TextKind::kBody, m, sink);
      lure.add(TextKind::kBody, m);
      auto hits = lure.finish();
      findings += sink.findings + hits.size();
      benchmark::DoNotOptimize(sink.obs.urls.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["findings_per_pass"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
  state.counters["brands"] = static_cast<double>(lookalike.brand_count());
  state.counters["iocs"] = static_cast<double>(iocs.size());
}
BENCHMARK_CAPTURE(BM_TextDetectors, all, true, Mix::kAll)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TextDetectors, without_brands, false, Mix::kAll)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TextDetectors, english, true, Mix::kEnglish)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TextDetectors, japanese_korean, true, Mix::kJapaneseKorean)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lg::bench
