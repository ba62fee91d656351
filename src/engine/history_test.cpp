#include "engine/history.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

namespace lg {
namespace {

std::string temp_path(const char* name) {
  std::string p = ::testing::TempDir() + "/" + name;
  std::remove(p.c_str());
  std::remove((p + "-wal").c_str());
  std::remove((p + "-shm").c_str());
  return p;
}

TEST(ContactHistory, RecordsAndPersists) {
  const std::string path = temp_path("history_persist.db");
  {
    auto h = ContactHistory::open(path);
    ASSERT_TRUE(h) << h.status().message();
    EXPECT_EQ(*(*h)->count("example.com", "bob@corp.example"), 0);
    ASSERT_TRUE((*h)->record("example.com", "Bob@Corp.Example", 1000).is_ok());
    ASSERT_TRUE((*h)->record("example.com", "bob@corp.example", 2000).is_ok());
    EXPECT_EQ(*(*h)->count("example.com", "BOB@corp.example"), 2);
    EXPECT_EQ(*(*h)->count("example.net", "bob@corp.example"), 0);
  }
  auto again = ContactHistory::open(path);
  ASSERT_TRUE(again);
  EXPECT_EQ(*(*again)->count("example.com", "bob@corp.example"), 2);
}

TEST(ContactHistory, RefusesAForeignFile) {
  const std::string path = temp_path("history_foreign.db");
  {
    std::ofstream out(path);
    out << "this is not an SQLite database, just text that is long enough to look at";
  }
  auto h = ContactHistory::open(path);
  ASSERT_FALSE(h);
  EXPECT_NE(h.status().message().find(path), std::string::npos);
  EXPECT_FALSE(ContactHistory::open("/nonexistent-dir/for/history.db"));
}

TEST(ContactHistory, ParallelUse) {
  auto h = ContactHistory::open(temp_path("history_parallel.db"));
  ASSERT_TRUE(h);
  ContactHistory& history = **h;
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&history, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string who = "user" + std::to_string(i % 5) + "@corp.example";
        ASSERT_TRUE(history.count("example.com", who));
        ASSERT_TRUE(history.record("example.com", who, 1000 + t).is_ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::int64_t total = 0;
  for (int i = 0; i < 5; ++i)
    total += *history.count("example.com", "user" + std::to_string(i) + "@corp.example");
  EXPECT_EQ(total, kThreads * kEach);
}

}  // namespace
}  // namespace lg
