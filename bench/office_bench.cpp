// Office documents through the whole Engine: the VBA-bearing files of the shared corpus
// (files/s, to compare with olevba's 0.4-0.6 s a file), and generated inputs at growing sizes
// with Google Benchmark's complexity fit, which must come out O(N): a VBA module with up to
// 100,000 string literals and a compound document of up to 50 MB.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/ole/vba_fixture.h"
#include "bench/bench_data.h"
#include "core/bytes.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "formats/cfb/cfb_builder.h"

namespace lg::bench {
namespace {

// Files olevba reports macros for (../shared/corpus/office-expected), one of each kind.
constexpr const char* kVbaFiles[] = {
    "office/olevba/sample_with_vba.ppt",
    "office/oleform/oleform-PR314.docm",
    "office/excel4-macros/excel4_sample_macro.xls",
    "office/excel4-macros/excel4_sample_macro.slk",
    "office/encrypted/autostart-encrypt-standardpassword.xlsm",
};

void BM_OfficeFile(benchmark::State& state, const char* rel) {
  const std::string data = read_file(corpus_path(rel));
  if (data.empty()) {
    state.SkipWithError("sample missing from ../shared/corpus");
    return;
  }
  const Engine engine(default_config());
  for (auto _ : state) {
    Report r = engine.scan("bench", as_bytes(data));
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// A module of `n` lines, each assigning a string literal (what obfuscated droppers look like).
void BM_VbaStringLiterals(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::string code = "Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\n";
  for (std::size_t i = 0; i < n; ++i)
    code += "s = s & \"part" + std::to_string(i) + " of a long encoded string\"\r\n";
  code += "End Sub\r\n";
  const Bytes doc = testing::vba_document({{"Module1", code, 16}}, {"Module1"});
  const Engine engine(default_config());
  for (auto _ : state) {
    Report r = engine.scan("bench", doc);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
  state.SetComplexityN(state.range(0));
}

// A compound document whose WordDocument stream is `mb` MiB of text-like bytes.
void BM_LargeCompoundDocument(benchmark::State& state) {
  const auto bytes = static_cast<std::size_t>(state.range(0)) << 20;
  std::string body;
  body.reserve(bytes);
  const std::string line = "Quarterly report: revenue, costs, hiring plan and roadmap. ";
  while (body.size() < bytes) body += line;
  body.resize(bytes);
  testing::CfbBuilder b;
  b.stream("WordDocument", body);
  const Bytes doc = b.build();
  Config config = default_config();
  config.limits.max_object_bytes = 64ull << 20;
  config.limits.max_total_bytes = 256ull << 20;
  const Engine engine(config);
  for (auto _ : state) {
    Report r = engine.scan("bench", doc);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
  state.SetComplexityN(state.range(0));
}

BENCHMARK(BM_VbaStringLiterals)->RangeMultiplier(2)->Range(25'000, 100'000)->Complexity();
BENCHMARK(BM_LargeCompoundDocument)->RangeMultiplier(2)->Range(12, 48)->Complexity();

// Registered at start-up, as BENCHMARK() does, so the sample table stays data.
const bool kRegistered = [] {
  for (const char* rel : kVbaFiles) {
    std::string name = std::filesystem::path(rel).filename().string();
    benchmark::RegisterBenchmark(("BM_OfficeFile/" + name).c_str(), BM_OfficeFile, rel);
  }
  return true;
}();

}  // namespace
}  // namespace lg::bench
