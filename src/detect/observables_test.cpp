#include "detect/observables.h"

#include <gtest/gtest.h>

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

TEST(Observables, CappedPerKind) {
  Observables o;
  for (std::size_t i = 0; i < Observables::kMaxPerKind + 50; ++i)
    o.add_email("u" + std::to_string(i) + "@example.com", 0);
  EXPECT_EQ(o.emails.size(), Observables::kMaxPerKind);
  EXPECT_FALSE(o.add_email("late@example.com", 0));
}

}  // namespace
}  // namespace lg
