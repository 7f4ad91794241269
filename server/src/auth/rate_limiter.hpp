#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hk::auth {

// At most `count` events per `window_seconds`, refilled evenly: a token bucket of `count`
// tokens that regains one every window_seconds / count. Unlike a fixed window it has no
// edge at which an attacker may spend two windows' worth at once.
struct Limit {
  int count = 1;
  std::int64_t window_seconds = 60;
};

// Counts events per key (e.g. "login:ip:192.0.2.1") in memory. Thread-safe. Each key stores a
// single time (GCRA), so the memory per key does not grow with the limit; keys whose bucket
// has filled up again are forgotten, and beyond `max_keys` the least limited keys go first,
// so a flood of distinct keys cannot exhaust memory. Limits are per process: with several
// servers each counts on its own.
class RateLimiter {
 public:
  explicit RateLimiter(std::size_t max_keys = 100000) : max_keys_(max_keys) {}

  // Records one event when the limit allows it and returns nullopt; otherwise records
  // nothing and returns the whole seconds (at least 1) until the next event is allowed.
  std::optional<std::int64_t> acquire(const std::string& key, Limit limit, std::int64_t now);
  // Like acquire, but records nothing either way.
  std::optional<std::int64_t> check(const std::string& key, Limit limit, std::int64_t now) const;
  // Records one event even beyond the limit (a failure that already happened).
  void record(const std::string& key, Limit limit, std::int64_t now);
  // Forgets the key's events, e.g. the failed logins once a login succeeds.
  void clear(const std::string& key);

  std::size_t size() const;

 private:
  using Micros = std::int64_t;
  // The time at which the key's bucket would be full again ("theoretical arrival time").
  std::unordered_map<std::string, Micros> full_at_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;

  std::optional<std::int64_t> refused_for(Micros full_at, Limit limit, Micros now) const;
  void store(const std::string& key, Micros full_at, Micros now);
  void prune(Micros now);
};

}  // namespace hk::auth
