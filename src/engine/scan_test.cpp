// The object-tree walk, with a scripted stand-in analyzer: each object's bytes are a command
// ("nest N", "fan N", "same N", "throw", "malformed", "bomb", "slow") telling it what to do.
#include "engine/scan.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "core/hash.h"

namespace lg {
namespace {

class Scripted final : public Analyzer {
 public:
  Status analyze(ByteView object, Context& ctx) override {
    std::string cmd(as_chars(object));
    auto arg = [&] { return std::stoi(cmd.substr(cmd.find(' ') + 1)); };
    if (cmd.rfind("nest ", 0) == 0) {
      int n = arg();
      if (n > 0)
        return ctx.child({"entry", "n" + std::to_string(n), "", {}},
                         to_bytes("nest " + std::to_string(n - 1)));
    } else if (cmd.rfind("fan ", 0) == 0) {
      for (int i = 0; i < arg(); ++i)
        if (!ctx.child({"entry", "f" + std::to_string(i), "", {}},
                       to_bytes("leaf " + std::to_string(i)))
                 .is_ok())
          return Status::ok();  // a limit refused it: stop producing
    } else if (cmd.rfind("same ", 0) == 0) {
      for (int i = 0; i < arg(); ++i)
        (void)ctx.child({"attachment", "copy" + std::to_string(i) + ".txt", "", {}},
                        to_bytes("identical bytes"));
    } else if (cmd == "decoded twice") {
      // Two decoders of one parent reach the same payload; a third child has its size only.
      (void)ctx.child({"decoded", "", "", {}}, to_bytes("payload A"));
      (void)ctx.child({"decoded", "", "", {}}, to_bytes("payload B"));
      (void)ctx.child({"script-blob", "invoice.iso", "", {}}, to_bytes("payload A"));
      (void)ctx.child({"decoded", "", "", {}}, to_bytes("payload A"));
      (void)ctx.child({"script-blob", "invoice.iso", "", {}}, to_bytes("payload A"));
    } else if (cmd == "throw") {
      ctx.fact("before", std::string("kept"));
      throw std::runtime_error("bug");
    } else if (cmd == "malformed") {
      return Status::error(ErrorCode::kMalformed, "bad header");
    } else if (cmd == "bomb") {
      return ctx.child({"entry", "big", "", std::uint64_t{1000}}, Bytes(4u << 20, 'A'));
    } else if (cmd == "slow") {
      while (!ctx.should_stop()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return Status::error(ErrorCode::kCancelled, "deadline");
    } else if (cmd.rfind("text ", 0) == 0) {
      ctx.text(TextKind::kBody, cmd.substr(5));
      ctx.fact("passwords", ctx.candidate_passwords());
    }
    return Status::ok();
  }
};

struct Fixture : ::testing::Test {
  Config config = default_config();
  TextScanner scanner;
  Report run(std::string_view input) {
    Report r;
    Scan scan(config, scanner, r, [](FileType) { return std::make_unique<Scripted>(); });
    scan.run("input", as_bytes(input));
    return r;
  }
  static int count(const Report& r, std::string_view symbol) {
    int n = 0;
    for (const auto& f : r.findings) n += f.symbol == symbol;
    return n;
  }
};

TEST_F(Fixture, TreeOrderIdsPathsAndDepths) {
  auto r = run("fan 2");
  ASSERT_EQ(r.objects.size(), 3u);
  EXPECT_EQ(r.objects[0].parent, -1);
  EXPECT_EQ(r.objects[1].parent, 0);
  EXPECT_EQ(r.objects[1].name, "f0");
  EXPECT_EQ(r.objects[2].name, "f1");
  EXPECT_EQ(r.objects[2].depth, 1);
  EXPECT_EQ(r.objects[2].path, r.objects[0].path + " > entry[2] f1");
  EXPECT_EQ(r.objects[1].sha256.size(), 64u);
  EXPECT_TRUE(r.findings.empty());
}

TEST_F(Fixture, DepthLimitKeepsPartialResult) {
  config.limits.max_depth = 3;
  auto r = run("nest 10");
  EXPECT_EQ(r.objects.size(), 4u);  // depths 0..3
  EXPECT_EQ(count(r, "LIMIT_EXCEEDED"), 1);
  ASSERT_EQ(r.limits_hit.size(), 1u);
  EXPECT_EQ(r.limits_hit[0].limit, "depth");
  EXPECT_EQ(r.limits_hit[0].object_id, 3);
}

TEST_F(Fixture, ObjectLimitStopsTheProducer) {
  config.limits.max_objects = 10;
  auto r = run("fan 100000");
  EXPECT_EQ(r.objects.size(), 10u);
  EXPECT_EQ(r.limits_hit.at(0).limit, "objects");
}

TEST_F(Fixture, RepeatedContentIsAnalyzedOnce) {
  auto r = run("same 3");
  ASSERT_EQ(r.objects.size(), 4u);
  EXPECT_FALSE(r.objects[1].duplicate_of.has_value());
  EXPECT_EQ(r.objects[2].duplicate_of.value_or(-1), 1);
  EXPECT_EQ(r.objects[3].duplicate_of.value_or(-1), 1);
  EXPECT_EQ(r.objects[3].type, r.objects[1].type);
}

TEST_F(Fixture, SameBytesFromOneParentAreOneChild) {
  auto r = run("decoded twice");
  ASSERT_EQ(r.objects.size(), 3u);
  EXPECT_EQ(r.objects[1].name, "invoice.iso");  // the name the later copy gave
  EXPECT_EQ(r.objects[1].relation, "script-blob");
  EXPECT_EQ(r.objects[1].sha256, sha256_hex(as_bytes(std::string_view("payload A"))));
  EXPECT_EQ(r.objects[2].sha256, sha256_hex(as_bytes(std::string_view("payload B"))));
  EXPECT_FALSE(r.objects[2].duplicate_of.has_value());
}

TEST_F(Fixture, AnalyzerExceptionBecomesFindingAndKeepsFacts) {
  auto r = run("throw");
  EXPECT_EQ(count(r, "ANALYZER_FAILURE"), 1);
  ASSERT_EQ(r.objects[0].facts.size(), 1u);
  EXPECT_EQ(r.objects[0].facts[0].first, "before");
  EXPECT_FALSE(r.objects[0].anomalies.empty());
}

TEST_F(Fixture, MalformedIsAParseAnomaly) {
  auto r = run("malformed");
  EXPECT_EQ(count(r, "PARSE_ANOMALY"), 1);
  EXPECT_EQ(count(r, "ANALYZER_FAILURE"), 0);
}

TEST_F(Fixture, RatioLimitRefusesBombBeforeQueueing) {
  auto r = run("bomb");
  EXPECT_EQ(r.objects.size(), 1u);
  EXPECT_EQ(r.limits_hit.at(0).limit, "ratio");
  config.limits.max_ratio = 1e6;
  r = run("bomb");
  EXPECT_EQ(r.objects.size(), 2u);
}

TEST_F(Fixture, DeadlineStopsAnalyzer) {
  config.limits.deadline_ms = 20;
  auto r = run("slow");
  EXPECT_EQ(r.limits_hit.at(0).limit, "deadline");
}

TEST_F(Fixture, TextBudgetCutsAtCodePointBoundary) {
  config.limits.max_text_bytes = 8;
  auto r = run("text https://example.com/\xe3\x81\x82\xe3\x81\x82");
  EXPECT_EQ(r.limits_hit.at(0).limit, "text_bytes");
  EXPECT_TRUE(r.observables.urls.empty());  // the URL was past the budget
}

TEST_F(Fixture, PasswordsFromTextComeFirstThenConfigured) {
  config.passwords = {"infected", "Sakura2024"};
  auto r = run("text 添付ファイルのパスワード：Sakura2024 です");
  const auto& list = std::get<std::vector<std::string>>(r.objects[0].facts.at(0).second);
  EXPECT_EQ(list, (std::vector<std::string>{"Sakura2024", "infected"}));
}

}  // namespace
}  // namespace lg
