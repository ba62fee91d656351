// The lure-language lexicon path alone (normalize_lexicon_text, Lexicon::scan, LureState) on
// generated mail text of English, Japanese and Korean paragraphs, so its cost per byte can be
// followed apart from the other text detectors (bench/text_bench.cpp runs them all).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/lexicon.h"
#include "detect/lexicon_text.h"
#include "detect/lure.h"

namespace lg::bench {
namespace {

constexpr std::size_t kMessages = 64;
constexpr std::size_t kMessageBytes = 6 * 1024;

// Paragraphs of mail in the three languages: plain, with a lure or two, and with full-width
// characters and typographic quotes that need the full Unicode folding.
constexpr std::string_view kParagraphs[] = {
    "Thank you for your interest in the Senior Blockchain Engineer position. Please review the "
    "job description and salary package in the attached document.\n\n",
    "Hi team, the release notes for version 2.4.1 are up on the wiki. Please test on staging "
    "before Thursday;  ping me if anything looks off.\r\n\r\n",
    "Regards,\nEmily Carter | Talent Acquisition\nPhone: +1 415 555 0199\n\n",
    "Don\u2019t forget: ＥＮＡＢＬＥ　ＣＯＮＴＥＮＴ to view the document.\n",
    "お世話になっております。業務委託契約書の件につきまして、最新版を添付いたします。"
    "何卒よろしくお願い申し上げます。\n\n",
    "来週の定例会議は水曜日の午後三時からに変更となりました。資料は共有フォルダに格納しております。"
    "\n\n",
    "안녕하세요. 지난번 말씀드린 블록체인 소프트웨어 개발 계약서 초안을 보내드립니다. 검토하신 "
    "후 수정 사항이 있으시면 회신 부탁드립니다.\n\n",
    "이번 분기 정산 보고서가 완료되었습니다. 첨부 파일을 확인하시고 문제가 없으면 결재 "
    "부탁드립니다.\n\n",
};

// Paragraphs [first, last) of kParagraphs: all, English only (0-4), Japanese and Korean only.
std::vector<std::string> messages(std::size_t first = 0, std::size_t last = 8) {
  std::vector<std::string> out;
  std::uint64_t s = 0x9e3779b97f4a7c15ull;
  for (std::size_t m = 0; m < kMessages; ++m) {
    std::string msg;
    while (msg.size() < kMessageBytes) {
      s ^= s << 13;
      s ^= s >> 7;
      s ^= s << 17;
      msg += kParagraphs[first + s % (last - first)];
    }
    out.push_back(std::move(msg));
  }
  return out;
}

std::size_t total_bytes(const std::vector<std::string>& msgs) {
  std::size_t n = 0;
  for (const auto& m : msgs) n += m.size();
  return n;
}

void BM_LexiconNormalize(benchmark::State& state, std::size_t first, std::size_t last) {
  const auto msgs = messages(first, last);
  NormalizedText norm;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      normalize_lexicon_text(m, TextKind::kBody, norm);
      benchmark::DoNotOptimize(norm.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(msgs)));
}
BENCHMARK_CAPTURE(BM_LexiconNormalize, all, 0, 8);
BENCHMARK_CAPTURE(BM_LexiconNormalize, english, 0, 3);
BENCHMARK_CAPTURE(BM_LexiconNormalize, japanese, 4, 6);
BENCHMARK_CAPTURE(BM_LexiconNormalize, korean, 6, 8);

// A scratch for the built-in lexicon; none (the benchmark skipped) when either is missing.
Result<Lexicon::Scratch> scratch_for(const Result<Lexicon>& lexicon, benchmark::State& state) {
  auto scratch = lexicon ? lexicon->make_scratch() : Status::error(ErrorCode::kInternal, "none");
  if (!scratch) state.SkipWithError("no lexicon");
  return scratch;
}

void BM_LexiconScan(benchmark::State& state) {
  auto lexicon = Lexicon::builtin();
  auto scratch = scratch_for(lexicon, state);
  if (!scratch) return;
  const auto msgs = messages();
  std::vector<NormalizedText> norms(msgs.size());
  for (std::size_t i = 0; i < msgs.size(); ++i)
    normalize_lexicon_text(msgs[i], TextKind::kBody, norms[i]);
  std::size_t hits = 0;
  for (auto _ : state) {
    for (const auto& n : norms) {
      if (!lexicon->scan(n, *scratch).is_ok()) state.SkipWithError("scan failed");
      hits += scratch->hits().size();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(msgs)));
  state.counters["hits_per_pass"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LexiconScan);

void BM_LureState(benchmark::State& state) {
  auto lexicon = Lexicon::builtin();
  auto scratch = scratch_for(lexicon, state);
  if (!scratch) return;
  const auto msgs = messages();
  std::size_t findings = 0;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      LureState lure(*lexicon, *scratch);
      lure.add(TextKind::kBody, m);
      findings += lure.finish().size();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(msgs)));
  state.counters["findings_per_pass"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LureState);

}  // namespace
}  // namespace lg::bench
