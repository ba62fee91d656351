// The brand checks alone: LookalikeChecker over the default brands plus 10,000 generated
// protected domains, on host names it has not seen (each pass renames them, as a stream of
// mail brings new names) and on names it has (its per-thread cache), and TextScanner's
// per-link path (extraction, observables, link and brand checks) on URL-dense text.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_data.h"
#include "detect/lookalike.h"
#include "detect/text_scanner.h"

namespace lg::bench {
namespace {

constexpr std::size_t kProtected = 10'000;
constexpr std::size_t kHostsPerPass = 512;
constexpr std::size_t kPassDigits = 5;

// A name of consonant-vowel syllables, the shape of many real and generated brand names.
std::string syllables(std::mt19937_64& rng, std::size_t n) {
  static constexpr std::string_view kConsonants = "bcdfghjklmnprstvwz", kVowels = "aeiou";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += kConsonants[rng() % kConsonants.size()];
    s += kVowels[rng() % kVowels.size()];
  }
  return s;
}

std::vector<Brand> protected_brands(std::mt19937_64& rng) {
  static constexpr std::string_view kSuffixes[] = {"com", "co.jp", "co.kr", "io", "net"};
  std::vector<Brand> brands = default_brands();
  for (std::size_t i = 0; i < kProtected; ++i) {
    std::string label = syllables(rng, 3 + rng() % 3);
    std::string domain = label + "." + std::string(kSuffixes[rng() % std::size(kSuffixes)]);
    brands.push_back(Brand{label, "test", {domain}, {label}, {label}, false});
  }
  return brands;
}

// Host names of three shapes: "name-name00000.com" (the text benchmark's shape), a plain name
// of brand length (the edit-distance index's dense case) and a host under a brand's name
// changed by one letter (a hit: "w00000.kamerqto.org").
// `shapes`: 1 for the first shape only, 3 for all three.
std::vector<std::string> host_names(std::mt19937_64& rng, const std::vector<Brand>& brands,
                                    std::size_t shapes) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kHostsPerPass; ++i) {
    switch (shapes == 1 ? 0 : i % 4) {
      case 0:
      case 1:
        out.push_back(syllables(rng, 3) + "-" + syllables(rng, 2) + std::string(kPassDigits, '0') +
                      ".com");
        break;
      case 2:
        out.push_back(syllables(rng, 2 + rng() % 3) + std::string(kPassDigits, '0') + ".net");
        break;
      default: {
        std::string label = brands[rng() % brands.size()].domains.front();
        label = label.substr(0, label.find('.'));
        label[rng() % label.size()] = 'q';
        out.push_back("w" + std::string(kPassDigits, '0') + "." + label + ".org");
      }
    }
  }
  return out;
}

// Writes `pass` over the digits before the first dot of every name.
void renumber(std::vector<std::string>& names, std::size_t pass) {
  for (std::string& n : names) {
    std::size_t end = n.find('.');
    std::size_t p = pass;
    for (std::size_t k = 0; k < kPassDigits; ++k, p /= 10)
      n[end - 1 - k] = static_cast<char>('0' + p % 10);
  }
}

void BM_LookalikeHosts(benchmark::State& state, bool renamed, std::size_t shapes) {
  std::mt19937_64 rng(42);
  const std::vector<Brand> brands = protected_brands(rng);
  const LookalikeChecker checker(brands);
  std::vector<std::string> names = host_names(rng, brands, shapes);
  std::size_t pass = 0, matches = 0;
  for (auto _ : state) {
    if (renamed) renumber(names, ++pass);
    for (const std::string& n : names) {
      const Host host{n, n, HostKind::kName};
      matches += checker.check_host(host).size();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  state.counters["matches_per_pass"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_LookalikeHosts, new_sites, true, 1)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LookalikeHosts, new_names, true, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LookalikeHosts, known_names, false, 3)->Unit(benchmark::kMicrosecond);

// One text of kHostsPerPass links, one per line, the host names renamed each pass.
void BM_TextScannerLinks(benchmark::State& state, bool brands_on) {
  std::mt19937_64 rng(42);
  const std::vector<Brand> brands = protected_brands(rng);
  const LookalikeChecker checker(brands);
  const TextScanner scanner(nullptr, brands_on ? &checker : nullptr);
  std::vector<std::string> names = host_names(rng, brands, 3);
  std::size_t pass = 0, findings = 0;
  std::string text;
  for (auto _ : state) {
    renumber(names, ++pass);
    text.clear();
    for (const std::string& n : names) text += "See https://" + n + "/a/b?c=d and mail@" + n + "\n";
    CountingSink sink;
    scanner.scan_text(TextKind::kBody, text, sink);
    findings += sink.findings;
    benchmark::DoNotOptimize(sink.obs.urls.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  state.counters["findings_per_pass"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_TextScannerLinks, brands, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_TextScannerLinks, no_brands, false)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace lg::bench
