#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using hk::auth::Limit;
using hk::auth::RateLimiter;

namespace {
constexpr std::int64_t t0 = 1'800'000'000;
}

TEST(RateLimiter, AllowsTheLimitAtOnceThenRefusesWithTheWait) {
  RateLimiter limiter;
  Limit five{5, 900};  // 5 per 15 minutes: one regained every 180 s
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.acquire("k", five, t0)) << i;
  auto wait = limiter.acquire("k", five, t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 180);
  // Refused attempts cost nothing: the wait only shrinks with time.
  EXPECT_EQ(limiter.acquire("k", five, t0 + 100).value_or(-1), 80);
  EXPECT_EQ(limiter.acquire("k", five, t0 + 179).value_or(-1), 1);
  EXPECT_FALSE(limiter.acquire("k", five, t0 + 180));
  EXPECT_TRUE(limiter.acquire("k", five, t0 + 180));
}

TEST(RateLimiter, RegainsOneEventPerShareOfTheWindowAndAllAfterIt) {
  RateLimiter limiter;
  Limit three{3, 3600};  // one regained every 1200 s
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.acquire("k", three, t0));
  EXPECT_TRUE(limiter.acquire("k", three, t0 + 1199));
  EXPECT_FALSE(limiter.acquire("k", three, t0 + 1200));
  EXPECT_TRUE(limiter.acquire("k", three, t0 + 1200));
  // A whole window later the bucket is full again, and no fuller.
  auto later = t0 + 1200 + 3600;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.acquire("k", three, later)) << i;
  EXPECT_TRUE(limiter.acquire("k", three, later));
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter limiter;
  Limit one{1, 60};
  EXPECT_FALSE(limiter.acquire("a", one, t0));
  EXPECT_TRUE(limiter.acquire("a", one, t0));
  EXPECT_FALSE(limiter.acquire("b", one, t0));
}

TEST(RateLimiter, CheckRecordsNothingRecordAlwaysDoes) {
  RateLimiter limiter;
  Limit two{2, 100};
  EXPECT_FALSE(limiter.check("k", two, t0));
  EXPECT_EQ(limiter.size(), 0u);
  limiter.record("k", two, t0);
  limiter.record("k", two, t0);
  EXPECT_EQ(limiter.check("k", two, t0).value_or(-1), 50);
  // Recording beyond the limit does not lock the key out for longer than one window.
  for (int i = 0; i < 100; ++i) limiter.record("k", two, t0);
  EXPECT_EQ(limiter.check("k", two, t0).value_or(-1), 50);
  EXPECT_FALSE(limiter.check("k", two, t0 + 50));
}

TEST(RateLimiter, ClearForgetsTheKey) {
  RateLimiter limiter;
  Limit one{1, 900};
  limiter.record("k", one, t0);
  EXPECT_TRUE(limiter.check("k", one, t0));
  limiter.clear("k");
  EXPECT_FALSE(limiter.check("k", one, t0));
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(RateLimiter, RetryAfterIsWholeSecondsRoundedUp) {
  RateLimiter limiter;
  Limit three{3, 10};  // one every 3.33 s
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.acquire("k", three, t0));
  EXPECT_EQ(limiter.acquire("k", three, t0).value_or(-1), 4);
  EXPECT_EQ(limiter.acquire("k", three, t0 + 3).value_or(-1), 1);
  EXPECT_FALSE(limiter.acquire("k", three, t0 + 4));
}

TEST(RateLimiter, MemoryIsBoundedAndIdleKeysArePruned) {
  RateLimiter limiter(100);
  Limit one{1, 60};
  for (int i = 0; i < 1000; ++i) limiter.acquire("flood-" + std::to_string(i), one, t0);
  EXPECT_LE(limiter.size(), 100u);
  // Once their buckets are full again, old keys make room without evicting live ones.
  RateLimiter later(10);
  for (int i = 0; i < 10; ++i) later.acquire("old-" + std::to_string(i), one, t0);
  later.acquire("new", one, t0 + 60);
  EXPECT_EQ(later.size(), 1u);
  EXPECT_TRUE(later.acquire("new", one, t0 + 60));
}

TEST(RateLimiter, EvictsTheLeastLimitedKeysFirst) {
  RateLimiter limiter(4);
  Limit slow{1, 1000};
  limiter.acquire("long", slow, t0 + 500);  // full again at t0 + 1500
  for (int i = 0; i < 3; ++i) limiter.acquire("short-" + std::to_string(i), slow, t0);
  limiter.acquire("newcomer", slow, t0 + 600);
  EXPECT_TRUE(limiter.check("long", slow, t0 + 600)) << "the most limited key survives";
}

TEST(RateLimiter, ThreadSafeUnderConcurrentUse) {
  RateLimiter limiter;
  Limit hundred{100, 3600};
  std::atomic<int> allowed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (!limiter.acquire("shared", hundred, t0)) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 100);
}
