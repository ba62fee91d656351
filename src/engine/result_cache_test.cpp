// The result cache on its own (bounds, least recently used out) and through the engine: a
// report served from the cache is the report a scan without the cache makes, name included.
#include "engine/result_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/testing/test_files.h"
#include "engine/engine.h"
#include "report/report_json.h"

namespace lg {
namespace {

using lg::testing::read_file;

Report with_objects(std::size_t n) {
  Report r;
  r.objects.resize(n);
  return r;
}

TEST(ResultCache, KeepsAtMostCapacityLeastRecentlyUsedFirstOut) {
  ResultCache cache(2);
  cache.put("a", with_objects(1));
  cache.put("b", with_objects(2));
  ASSERT_NE(cache.find("a"), nullptr);  // "a" is now the most recent
  cache.put("c", with_objects(3));      // so "b" goes
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find("b"), nullptr);
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(cache.find("a")->objects.size(), 1u);
  ASSERT_NE(cache.find("c"), nullptr);
  EXPECT_EQ(cache.find("c")->objects.size(), 3u);
  cache.put("c", with_objects(4));  // replaced, not added
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find("c")->objects.size(), 4u);
}

TEST(ResultCache, KeepsOnlySmallReports) {
  ResultCache cache(8);
  cache.put("big", with_objects(ResultCache::kMaxObjects + 1));
  EXPECT_EQ(cache.find("big"), nullptr);
  Report many;
  many.findings.resize(ResultCache::kMaxFindings + 1);
  EXPECT_FALSE(ResultCache::fits(many));
  Report links;
  links.observables.urls.resize(ResultCache::kMaxObservables / 2);
  links.observables.domains.resize(ResultCache::kMaxObservables / 2 + 1);
  EXPECT_FALSE(ResultCache::fits(links));
  EXPECT_TRUE(ResultCache::fits(with_objects(ResultCache::kMaxObjects)));
}

TEST(ResultCache, ZeroCapacityKeepsNothing) {
  ResultCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.put("a", with_objects(1));
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

std::string json_of(Report r) {
  r.elapsed_ms = 0;
  return report_to_json(r, true);
}

Config without_cache() {
  Config c = default_config();
  c.cache.results = 0;
  return c;
}

// The names the bytes are scanned under: the second and third find the report kept by the
// first, and their name checks differ from its own (a program named like a document).
constexpr const char* kNames[] = {"sample.bin", "Invoice_2026.pdf.exe", "report.pdf"};

void expect_same_as_uncached(const std::string& bytes, const std::string& what) {
  Engine cached(default_config());
  Engine uncached(without_cache());
  for (const char* name : kNames) {
    Report a = cached.scan(name, as_bytes(bytes));
    Report b = uncached.scan(name, as_bytes(bytes));
    EXPECT_EQ(json_of(a), json_of(b)) << what << " as " << name;
  }
  EXPECT_EQ(uncached.cached_reports(), 0u);
}

// Every container of clamav-testfiles and every example file, under three names each.
TEST(ResultCache, CachedReportEqualsUncachedScan) {
  std::vector<std::filesystem::path> files;
  for (const auto* dir : {lg::testing::kClamavDir.c_str(), LG_SOURCE_DIR "/examples"}) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
      if (e.is_regular_file()) files.push_back(e.path());
  }
  if (files.empty()) GTEST_SKIP() << "no sample files";
  for (const auto& f : files) expect_same_as_uncached(read_file(f), f.string());
}

TEST(ResultCache, ProgramUnderADocumentNameIsJudgedByItsOwnName) {
  auto exe = read_file(lg::testing::kClamavDir + "clam.exe");
  if (exe.empty()) GTEST_SKIP() << "clamav-testfiles not installed";
  Engine engine(default_config());
  auto count = [](const Report& r, std::string_view symbol) {
    int n = 0;
    for (const auto& f : r.findings) n += f.symbol == symbol;
    return n;
  };
  Report first = engine.scan("tool.exe", as_bytes(exe));
  EXPECT_EQ(engine.cached_reports(), 1u);
  Report second = engine.scan("Invoice_2026.pdf", as_bytes(exe));
  EXPECT_EQ(engine.cached_reports(), 1u);
  EXPECT_EQ(count(first, "EXECUTABLE_DOCUMENT_DISGUISE"), 0);
  EXPECT_EQ(count(second, "EXECUTABLE_DOCUMENT_DISGUISE"), 1);
  EXPECT_EQ(second.input.name, "Invoice_2026.pdf");
  EXPECT_EQ(second.objects.front().name, "Invoice_2026.pdf");
  ASSERT_FALSE(second.findings.empty());
  EXPECT_EQ(second.findings.front().evidence.value, "Invoice_2026.pdf");
  EXPECT_GT(second.score, first.score);
  Report third = engine.scan("tool.exe", as_bytes(exe));
  EXPECT_EQ(json_of(first), json_of(third));
}

TEST(ResultCache, MessagesAreNotKept) {
  auto mail = read_file(std::string(LG_SOURCE_DIR) + "/examples/01-job-offer-lure.eml");
  ASSERT_FALSE(mail.empty());
  Engine engine(default_config());
  (void)engine.scan("a.eml", as_bytes(mail));
  (void)engine.scan("b.eml", as_bytes(mail));
  EXPECT_EQ(engine.cached_reports(), 0u);
}

TEST(ResultCache, ConfigTurnsItOff) {
  auto c = parse_config("[cache]\nresults = 0\n");
  ASSERT_TRUE(c.has_value()) << c.status().to_string();
  EXPECT_EQ(c->cache.results, 0u);
  EXPECT_EQ(default_config().cache.results, ResultCache::kDefaultCapacity);
  EXPECT_FALSE(parse_config("[cache]\nresults = -1\n").has_value());
  // Out of the integer's range: refused (the conversion would be undefined).
  EXPECT_FALSE(parse_config("[cache]\nresults = 1e30\n").has_value());
  EXPECT_FALSE(parse_config("[limits]\nmax_depth = 1e12\n").has_value());
  EXPECT_FALSE(parse_config("[cache]\nsize = 3\n").has_value());
}

}  // namespace
}  // namespace lg
