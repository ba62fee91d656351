#include "detect/observables.h"

#include <gtest/gtest.h>

#include <string>

namespace lg {
namespace {

TEST(Observables, DedupesByValue) {
  Observables o;
  EXPECT_TRUE(o.add_url(UrlObservable{"https://a.com/", "a.com", "a.com", "", false, 1}));
  EXPECT_FALSE(o.add_url(UrlObservable{"https://a.com/", "a.com", "a.com", "x", false, 2}));
  EXPECT_TRUE(o.add_url(UrlObservable{"https://a.com/b", "a.com", "a.com", "", false, 2}));
  ASSERT_EQ(o.urls.size(), 2u);
  EXPECT_EQ(o.urls[0].object_id, 1);  // first seen kept
  EXPECT_TRUE(o.add_domain(DomainObservable{"a.com", "a.com", 1}));
  EXPECT_FALSE(o.add_domain(DomainObservable{"a.com", "a.com", 3}));
  EXPECT_TRUE(o.add_email("x@a.com", 1));
  EXPECT_FALSE(o.add_email("x@a.com", 1));
  EXPECT_TRUE(o.add_ip("1.2.3.4", 1));
  EXPECT_FALSE(o.add_ip("1.2.3.4", 5));
  EXPECT_FALSE(o.add_ip("", 5));
  EXPECT_EQ(o.domains.size(), 1u);
  EXPECT_EQ(o.emails.size(), 1u);
  EXPECT_EQ(o.ips.size(), 1u);
}

TEST(Observables, DirectPushesAreSeen) {
  Observables o;
  o.ips.push_back(ValueObservable{"10.0.0.1", 0});
  EXPECT_FALSE(o.add_ip("10.0.0.1", 1));
  EXPECT_TRUE(o.add_ip("10.0.0.2", 1));
  o.ips.clear();
  EXPECT_TRUE(o.add_ip("10.0.0.1", 1));  // cleared: indexes start again
  EXPECT_EQ(o.ips.size(), 1u);
}

TEST(Observables, HasSeesAddedAndPushedValues) {
  Observables o;
  EXPECT_FALSE(o.has_url("https://a.com/"));
  EXPECT_TRUE(o.add_url(UrlObservable{"https://a.com/", "a.com", "a.com", "", false, 1}));
  EXPECT_TRUE(o.has_url("https://a.com/"));
  EXPECT_FALSE(o.has_url("https://a.com"));
  o.domains.push_back(DomainObservable{"b.com", "b.com", 0});
  EXPECT_TRUE(o.has_domain("b.com"));
  EXPECT_FALSE(o.has_email("b.com"));
  EXPECT_FALSE(o.has_ip("b.com"));
  EXPECT_FALSE(o.has_domain(""));
}

TEST(Observables, ManyValuesAndRepeatedDirectPushes) {
  Observables o;
  // Enough values to grow the index several times; every one found again, none twice.
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(o.add_ip("10.0." + std::to_string(i), 0));
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(o.has_ip("10.0." + std::to_string(i)));
    ASSERT_FALSE(o.add_ip("10.0." + std::to_string(i), 1));
  }
  EXPECT_FALSE(o.has_ip("10.0.1000"));
  // The same value pushed twice directly: indexed once, still turned away.
  o.emails.push_back(ValueObservable{"x@a.com", 0});
  o.emails.push_back(ValueObservable{"x@a.com", 0});
  EXPECT_FALSE(o.add_email("x@a.com", 1));
  EXPECT_TRUE(o.add_email("y@a.com", 1));
  EXPECT_EQ(o.emails.size(), 3u);
  // A copy keeps its own index over its own entries.
  Observables copy = o;
  EXPECT_TRUE(copy.has_email("y@a.com"));
  EXPECT_TRUE(copy.add_email("z@a.com", 1));
  EXPECT_FALSE(o.has_email("z@a.com"));
}

TEST(Observables, CappedPerKind) {
  Observables o;
  for (std::size_t i = 0; i < Observables::kMaxPerKind + 50; ++i)
    o.add_email("u" + std::to_string(i) + "@example.com", 0);
  EXPECT_EQ(o.emails.size(), Observables::kMaxPerKind);
  EXPECT_FALSE(o.add_email("late@example.com", 0));
}

}  // namespace
}  // namespace lg
