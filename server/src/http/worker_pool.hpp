#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hk::http {

// A fixed number of threads for blocking work (database calls) with a bounded queue.
// try_submit refuses instead of queueing without limit, so the caller can answer 503.
class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t queue_capacity);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool try_submit(std::function<void()> job);
  // Runs what was queued, then joins the threads.
  void stop();

  std::size_t threads() const { return threads_.size(); }
  std::size_t capacity() const { return capacity_; }
  std::size_t busy() const;
  std::size_t queued() const;

 private:
  void run();

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // set before any job can arrive
};

}  // namespace hk::http
