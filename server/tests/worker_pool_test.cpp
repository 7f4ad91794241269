#include "http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using hk::http::WorkerPool;

TEST(WorkerPool, RefusesWorkWhenThreadsAndQueueAreFull) {
  WorkerPool pool(1, 1);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.try_submit([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();  // the one thread is busy now
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.try_submit([&] { ++ran; }));   // waits in the queue
  EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // queue full: refused, not queued
  EXPECT_EQ(pool.busy(), 1u);
  EXPECT_EQ(pool.queued(), 1u);
  release.set_value();
  pool.stop();
  EXPECT_EQ(ran.load(), 1);
}

TEST(WorkerPool, RunsEverythingQueuedBeforeStopping) {
  WorkerPool pool(2, 100);
  std::atomic<int> ran{0};
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
  pool.stop();
  EXPECT_EQ(ran.load(), 50);
  EXPECT_FALSE(pool.try_submit([] {}));
}

TEST(WorkerPool, WithoutQueueAnIdleThreadStillTakesWork) {
  WorkerPool pool(1, 0);
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
  pool.stop();
  EXPECT_EQ(ran.load(), 1);
}
