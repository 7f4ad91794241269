#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace hk::storage {

// The reader connections of a database: a fixed set handed out one at a time. A caller waits
// while all are in use; the worker pool in front bounds how many can wait.
template <class C>
class ConnectionPool {
 public:
  // A connection taken from the pool; it goes back when the lease ends, also when an
  // exception passes.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<C> conn) : pool_(pool), conn_(std::move(conn)) {}
    ~Lease() { pool_.give_back(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    C& operator*() const { return *conn_; }
    C* operator->() const { return conn_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<C> conn_;
  };

  void add(std::unique_ptr<C> conn) { give_back(std::move(conn)); }

  Lease take() {
    std::unique_lock lock(mutex_);
    free_.wait(lock, [this] { return !idle_.empty(); });
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }

 private:
  void give_back(std::unique_ptr<C> conn) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
    free_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable free_;
  std::vector<std::unique_ptr<C>> idle_;
};

}  // namespace hk::storage
