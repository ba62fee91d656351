// The project's own decompressors (ARJ methods 1-4, deflate64) against zlib's inflate on the
// same 4 MiB of mail-like text; throughput is counted in output bytes. The compressed inputs
// come from the archivers themselves (Debian arj, 7-Zip); a benchmark whose archiver is
// missing is skipped with a message.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "analyzers/archive/arj_decode.h"
#include "analyzers/archive/arj_reader.h"
#include "bench/bench_data.h"
#include "core/deflate64.h"
#include "core/inflate.h"
#include "formats/zip/zip_walker.h"

namespace lg::bench {
namespace {

constexpr std::size_t kTextBytes = 4u << 20;

// Words, numbers and some noise: compresses about 3:1, as mail text does.
const std::string& sample_text() {
  static const std::string text = [] {
    static const char* kWords[] = {"Dear ",   "partner, ",   "please ",     "find ",
                                   "the ",    "attached ",   "invoice ",    "for ",
                                   "wallet ", "migration. ", "Regards,\r\n"};
    const std::string noise = random_bytes(kTextBytes);
    std::string s;
    for (std::size_t i = 0; s.size() < kTextBytes; ++i) {
      const auto b = static_cast<unsigned char>(noise[i]);
      s += kWords[b % 11];
      if (b < 40) s += std::to_string(noise[i + 1] & 0x7F) + ' ';
      if (b > 250) s.append(noise, i, 16);
    }
    s.resize(kTextBytes);
    return s;
  }();
  return text;
}

// Runs `cmd` in a fresh directory holding sample.txt; returns the file `out` it made.
std::optional<std::string> archive_with(const std::string& tool, const std::string& cmd,
                                        const std::string& out) {
  if (std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) != 0) return std::nullopt;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("lg_bench_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "sample.txt", std::ios::binary) << sample_text();
  std::optional<std::string> result;
  if (std::system(("cd '" + dir.string() + "' && " + cmd + " >/dev/null 2>&1").c_str()) == 0)
    result = read_file(dir / out);
  fs::remove_all(dir);
  return result;
}

void BM_ArjDecode(benchmark::State& state) {
  const int method = static_cast<int>(state.range(0));
  static std::string archives[5];
  std::string& archive = archives[method];
  if (archive.empty()) {
    auto a =
        archive_with("arj", "arj a -y -m" + std::to_string(method) + " t.arj sample.txt", "t.arj");
    if (!a) {
      state.SkipWithError("the arj program is not installed");
      return;
    }
    archive = *a;
  }
  const PackedArchive a = read_arj(as_bytes(archive));
  if (a.entries.size() != 1 || a.entries[0].blocks.size() != 1) {
    state.SkipWithError("unexpected archive");
    return;
  }
  const PackedBlock& b = a.entries[0].blocks[0];
  for (auto _ : state) {
    Inflated out = arj_decode(b.data, method, b.size, kTextBytes);
    if (!out.complete) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTextBytes));
  state.counters["ratio"] = static_cast<double>(kTextBytes) / static_cast<double>(b.data.size());
}
BENCHMARK(BM_ArjDecode)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond);

void BM_Deflate64(benchmark::State& state) {
  static std::string archive;
  if (archive.empty()) {
    auto a = archive_with("7zz", "7zz a -tzip -mm=Deflate64 t.zip sample.txt", "t.zip");
    if (!a) a = archive_with("7z", "7z a -tzip -mm=Deflate64 t.zip sample.txt", "t.zip");
    if (!a) {
      state.SkipWithError("7-Zip is not installed");
      return;
    }
    archive = *a;
  }
  const zip::Archive z = zip::walk(as_bytes(archive));
  if (z.entries.size() != 1 || !z.entries[0].data_offset) {
    state.SkipWithError("unexpected archive");
    return;
  }
  const ByteView in =
      as_bytes(archive).subspan(*z.entries[0].data_offset, z.entries[0].compressed_size);
  for (auto _ : state) {
    Inflated out = inflate64_bytes(in, kTextBytes);
    if (!out.complete) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTextBytes));
  state.counters["ratio"] = static_cast<double>(kTextBytes) / static_cast<double>(in.size());
}
BENCHMARK(BM_Deflate64)->Unit(benchmark::kMillisecond);

// zlib's inflate on the same text, for comparison.
void BM_ZlibInflate(benchmark::State& state) {
  const std::string& text = sample_text();
  uLongf n = compressBound(static_cast<uLong>(text.size()));
  Bytes z(n);
  compress2(z.data(), &n, as_bytes(text).data(), static_cast<uLong>(text.size()), 9);
  z.resize(n);
  for (auto _ : state) {
    Inflated out = inflate_bytes(z, DeflateWrapper::kZlib, kTextBytes);
    benchmark::DoNotOptimize(out.data.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kTextBytes));
}
BENCHMARK(BM_ZlibInflate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lg::bench
