#include "auth/rate_limiter.hpp"

#include <algorithm>
#include <vector>

namespace hk::auth {

namespace {

constexpr std::int64_t micros_per_second = 1000000;

struct Cost {
  std::int64_t per_event;  // one token
  std::int64_t window;     // the whole bucket
};

Cost cost_of(Limit limit) {
  auto window = std::max<std::int64_t>(limit.window_seconds, 1) * micros_per_second;
  return {std::max<std::int64_t>(window / std::max(limit.count, 1), 1), window};
}

}  // namespace

std::optional<std::int64_t> RateLimiter::refused_for(Micros full_at, Limit limit,
                                                     Micros now) const {
  auto cost = cost_of(limit);
  auto after = std::max(full_at, now) + cost.per_event;
  if (after - now <= cost.window) return std::nullopt;
  auto wait = after - cost.window - now;
  // Whole seconds, rounded up, so a client that waits exactly this long is let in.
  return std::max<std::int64_t>((wait + micros_per_second - 1) / micros_per_second, 1);
}

std::optional<std::int64_t> RateLimiter::acquire(const std::string& key, Limit limit,
                                                 std::int64_t now_seconds) {
  Micros now = now_seconds * micros_per_second;
  std::lock_guard lock(mutex_);
  auto it = full_at_.find(key);
  Micros full_at = it == full_at_.end() ? now : it->second;
  if (auto wait = refused_for(full_at, limit, now)) return wait;
  store(key, std::max(full_at, now) + cost_of(limit).per_event, now);
  return std::nullopt;
}

std::optional<std::int64_t> RateLimiter::check(const std::string& key, Limit limit,
                                               std::int64_t now_seconds) const {
  Micros now = now_seconds * micros_per_second;
  std::lock_guard lock(mutex_);
  auto it = full_at_.find(key);
  if (it == full_at_.end()) return std::nullopt;
  return refused_for(it->second, limit, now);
}

void RateLimiter::record(const std::string& key, Limit limit, std::int64_t now_seconds) {
  Micros now = now_seconds * micros_per_second;
  auto cost = cost_of(limit);
  std::lock_guard lock(mutex_);
  auto it = full_at_.find(key);
  Micros full_at = it == full_at_.end() ? now : it->second;
  // An empty bucket stays empty: events beyond the limit do not push the wait further out,
  // so a refused client is never locked out longer than one window.
  store(key, std::min(std::max(full_at, now) + cost.per_event, now + cost.window), now);
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard lock(mutex_);
  full_at_.erase(key);
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return full_at_.size();
}

void RateLimiter::store(const std::string& key, Micros full_at, Micros now) {
  auto it = full_at_.find(key);
  if (it != full_at_.end()) {
    it->second = full_at;
    return;
  }
  if (full_at_.size() >= max_keys_) prune(now);
  full_at_.emplace(key, full_at);
}

void RateLimiter::prune(Micros now) {
  // A key whose bucket is full again limits nothing: forgetting it changes no answer.
  std::erase_if(full_at_, [now](const auto& entry) { return entry.second <= now; });
  if (full_at_.size() < max_keys_) return;
  // Still too many live keys (a flood of distinct ones): drop the half closest to full,
  // which are the ones that would have limited least.
  std::vector<Micros> times;
  times.reserve(full_at_.size());
  for (const auto& [key, at] : full_at_) times.push_back(at);
  auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), middle, times.end());
  Micros cutoff = *middle;
  std::erase_if(full_at_, [cutoff](const auto& entry) { return entry.second <= cutoff; });
}

}  // namespace hk::auth
