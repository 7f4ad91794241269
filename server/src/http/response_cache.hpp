#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace hk::http {

struct ResponseCacheOptions {
  // How long an answer may be reused; zero switches the cache off.
  std::chrono::milliseconds ttl{2000};
  std::size_t max_entries = 4096;
  std::size_t max_bytes = 32 * 1024 * 1024;
  // A request carrying this cookie is a signed-in one: its answer may differ per user, so the
  // cache neither answers nor keeps it.
  std::string session_cookie;
};

// A micro-cache of public answers to anonymous GETs, as a reverse proxy would keep for a
// second or two: it turns a burst of identical searches into one database read. An entry is
// reused only while it is younger than the TTL and no write has been committed since it was
// read (the database's write generation), so a change made on this server shows at once; the
// TTL bounds how stale an answer can be after writes elsewhere or as time passes.
// Entries are held in shards, each in insertion order, so one lock covers only a part and
// expired entries leave from the front. Since keys hold query strings (a citizen's position),
// sweep() drops expired entries even when no request comes; nothing of a key is ever logged.
class ResponseCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Generation = std::function<std::uint64_t()>;

  ResponseCache(ResponseCacheOptions options, Generation generation,
                Clock clock = &std::chrono::steady_clock::now);
  ~ResponseCache();
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  bool enabled() const { return options_.ttl.count() > 0; }
  // The key for a request the cache may answer (anonymous GET or HEAD), or empty.
  std::string key_for(const Request& request) const;
  // Read before the handler runs and passed to store(), so an answer read while a write
  // committed is never kept as current.
  std::uint64_t generation() const { return generation_(); }

  // The stored answer (status, headers set by the handler, body), counting a hit or a miss
  // unless `count` is false.
  std::optional<Response> find(const std::string& key, bool count = true);
  // Held while an answer for `key` is computed: when an entry expires under load, the
  // requests for it that missed wait for the first one's answer instead of all reading the
  // database at once (a stampede that showed as the slowest percent of a benchmark).
  // Striped: two keys may share a lock, which costs only a short wait.
  std::unique_lock<std::mutex> fill_lock(const std::string& key);
  // Keeps a 200 answer without Set-Cookie or "Cache-Control: private".
  void store(const std::string& key, std::uint64_t generation, const Response& response);
  // Drops expired and outdated entries; returns how many.
  std::size_t sweep();
  // Runs sweep() every TTL on a thread of its own until destruction.
  void start_sweeper();

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::size_t entries() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    std::uint64_t generation;
    std::chrono::steady_clock::time_point stored;
    int status;
    Headers headers;
    std::shared_ptr<const std::string> body;
    std::size_t bytes;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> order;  // oldest first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
    std::size_t bytes = 0;
  };
  static constexpr std::size_t shard_count = 8;

  Shard& shard_of(const std::string& key);
  bool outdated(const Entry& e, std::chrono::steady_clock::time_point now,
                std::uint64_t generation) const;
  static void erase(Shard& shard, std::list<Entry>::iterator it);

  ResponseCacheOptions options_;
  Generation generation_;
  Clock clock_;
  std::size_t shard_entries_;
  std::size_t shard_bytes_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::array<std::mutex, 64> fill_locks_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::mutex sweeper_mutex_;
  std::condition_variable_any sweeper_wake_;
  std::jthread sweeper_;  // last: stopped and joined before the shards go
};

}  // namespace hk::http
