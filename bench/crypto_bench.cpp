// The crypto and extraction passes of the text detectors one at a time, over mixed English,
// Japanese and Korean mail text (a short mail repeated to 384 KB, about one pass of
// BM_TextDetectors): recovery phrases, address and key candidates, URL extraction and the
// refang pre-pass.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/bench_data.h"
#include "detect/bip39.h"
#include "detect/crypto_scanner.h"
#include "detect/defang.h"
#include "detect/host.h"
#include "detect/observables.h"
#include "detect/text_scanner.h"
#include "detect/url_extractor.h"

namespace lg::bench {
namespace {

std::string mail_text() {
  static constexpr std::string_view kMail =
      "Dear candidate, thank you for applying to the wallet infrastructure role. The next step "
      "is a short technical test; the brief is in the shared folder at "
      "https://docs.example.com/hiring/brief?id=7731 and questions go to "
      "recruiting@talent-example.io before Friday.\n"
      "Payment address: 0x52908400098527886E0F7030069857D2E4169EE7 (ERC-20 only).\n"
      "ご応募いただきありがとうございます。次の選考は技術課題です。詳細は "
      "https://www.example.co.jp/recruit/task.html をご確認のうえ、金曜日までにご返信ください。\n"
      "지원해 주셔서 감사합니다. 다음 단계는 기술 과제입니다. 자세한 내용은 "
      "https://www.example.co.kr/jobs/view?id=88 에서 확인하시고 금요일까지 회신 부탁드립니다.\n"
      "Release 3.1.4 ships the new fee engine; see the tracker at tracker.example.net/T-19 and "
      "ping me (room 4, 2nd floor) if anything looks off.\n\n";
  std::string text;
  while (text.size() < 384 * 1024) text += kMail;
  return text;
}

void BM_Bip39Find(benchmark::State& state) {
  const Bip39Detector d;
  const std::string text = mail_text();
  for (auto _ : state) {
    std::vector<MnemonicMatch> out;
    d.find(text, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Bip39Find);

void BM_CryptoScan(benchmark::State& state) {
  const CryptoScanner scanner(nullptr);
  const std::string text = mail_text();
  for (auto _ : state) {
    CountingSink sink;
    scanner.scan(TextKind::kBody, text, sink);
    benchmark::DoNotOptimize(sink.findings);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CryptoScan);

void BM_UrlExtract(benchmark::State& state) {
  const HostNormalizer hosts;
  const UrlExtractor extractor(hosts);
  const std::string text = mail_text();
  for (auto _ : state) {
    std::vector<Extracted> out;
    extractor.extract(text, ExtractOptions{}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_UrlExtract);

void BM_Refang(benchmark::State& state) {
  const std::string text = mail_text();
  for (auto _ : state) {
    Refanged r;
    benchmark::DoNotOptimize(r.refang(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Refang);

}  // namespace
}  // namespace lg::bench
