// MailAnalyzer alone (through a counting Context) and the whole Engine::scan on real
// messages from the shared corpus: bytes/s and messages (items)/s.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/mail/mail_analyzer.h"
#include "bench/bench_data.h"
#include "core/bytes.h"
#include "engine/config.h"
#include "engine/engine.h"

namespace lg::bench {
namespace {

struct Sample {
  const char* label;
  const char* rel;  // under corpus/
};

// Plain ham, a long ham thread, HTML spam, a PDF attachment, ISO-2022-JP, nested rfc822.
constexpr Sample kSamples[] = {
    {"ham_plain", "mail/ham/00001.7c53336b37003a9286aba55d2945844c.txt"},
    {"ham_large", "mail/ham/00677.b957e34b4dd0d9263b56bf71b1168d8a.txt"},
    {"spam_html", "mail/spam/00008.dfd941deb10f5eed78b1594b131c9266.txt"},
    {"pdf_attachment", "mail/mime-edge/mikel-mail/attachment_emails/attachment_pdf.eml"},
    {"iso_2022_jp", "mail/mime-edge/mikel-mail/multi_charset/japanese_iso_2022.eml"},
    {"nested_rfc822", "mail/mime-edge/mikel-mail/attachment_emails/attachment_message_rfc822.eml"},
};

void BM_MailAnalyzer(benchmark::State& state, const char* rel) {
  const std::string msg = read_file(corpus_path(rel));
  if (msg.empty()) {
    state.SkipWithError("sample missing from ../shared/corpus");
    return;
  }
  for (auto _ : state) {
    CountingContext ctx;
    MailAnalyzer analyzer;
    benchmark::DoNotOptimize(analyzer.analyze(as_bytes(msg), ctx));
    benchmark::DoNotOptimize(ctx.text_bytes);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * msg.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_EngineScan(benchmark::State& state, const char* rel) {
  const std::string msg = read_file(corpus_path(rel));
  if (msg.empty()) {
    state.SkipWithError("sample missing from ../shared/corpus");
    return;
  }
  const Engine engine(default_config());
  for (auto _ : state) {
    Report r = engine.scan("bench", as_bytes(msg));
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * msg.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The first 200 ham messages, one scan each per iteration: the mix the whole-run
// comparison in scripts/bench.sh measures, without process start-up and output.
void BM_EngineScanHam200(benchmark::State& state) {
  std::vector<std::string> msgs;
  std::size_t bytes = 0;
  for (const auto& path : corpus_files("mail/ham", 200)) {
    msgs.push_back(read_file(path));
    bytes += msgs.back().size();
  }
  if (msgs.empty()) {
    state.SkipWithError("../shared/corpus/mail/ham missing");
    return;
  }
  const Engine engine(default_config());
  for (auto _ : state) {
    for (const auto& m : msgs) {
      Report r = engine.scan("bench", as_bytes(m));
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * msgs.size()));
}

int register_benchmarks() {
  for (const Sample& s : kSamples) {
    benchmark::RegisterBenchmark((std::string("BM_MailAnalyzer/") + s.label).c_str(),
                                 BM_MailAnalyzer, s.rel);
  }
  for (const Sample& s : kSamples) {
    benchmark::RegisterBenchmark((std::string("BM_EngineScan/") + s.label).c_str(), BM_EngineScan,
                                 s.rel);
  }
  benchmark::RegisterBenchmark("BM_EngineScan/ham_200_messages", BM_EngineScanHam200);
  return 0;
}
// Registered at start-up, as BENCHMARK() does, so the sample table stays data.
const int kRegistered = register_benchmarks();

}  // namespace
}  // namespace lg::bench
