#include "http/response_cache.hpp"

#include <algorithm>

namespace hk::http {

namespace {

// What an entry costs besides its key, headers and body: list node, map node, the Response.
constexpr std::size_t entry_overhead = 256;

bool contains_token(std::string_view value, std::string_view token) {
  for (std::size_t i = 0; i + token.size() <= value.size(); ++i) {
    if (iequals(value.substr(i, token.size()), token)) return true;
  }
  return false;
}

}  // namespace

ResponseCache::ResponseCache(ResponseCacheOptions options, Generation generation, Clock clock)
    : options_(std::move(options)),
      generation_(std::move(generation)),
      clock_(std::move(clock)),
      shard_entries_(
          std::max<std::size_t>(1, (options_.max_entries + shard_count - 1) / shard_count)),
      shard_bytes_(std::max<std::size_t>(1, (options_.max_bytes + shard_count - 1) / shard_count)) {
  for (std::size_t i = 0; i < shard_count; ++i) shards_.push_back(std::make_unique<Shard>());
}

ResponseCache::~ResponseCache() {
  if (sweeper_.joinable()) {
    sweeper_.request_stop();
    sweeper_.join();
  }
}

std::string ResponseCache::key_for(const Request& request) const {
  if (!enabled()) return {};
  if (request.method != "GET" && request.method != "HEAD") return {};
  if (!options_.session_cookie.empty() && request.cookie(options_.session_cookie)) return {};
  // The raw target is path and query string as sent; the language picks the texts.
  std::string key;
  key.reserve(request.language.size() + 1 + request.target.size());
  key += request.language;
  key += ' ';
  key += request.target;
  return key;
}

ResponseCache::Shard& ResponseCache::shard_of(const std::string& key) {
  return *shards_[std::hash<std::string>{}(key) % shard_count];
}

bool ResponseCache::outdated(const Entry& e, std::chrono::steady_clock::time_point now,
                             std::uint64_t generation) const {
  return e.generation != generation || now - e.stored >= options_.ttl;
}

void ResponseCache::erase(Shard& shard, std::list<Entry>::iterator it) {
  shard.bytes -= it->bytes;
  shard.index.erase(std::string_view(it->key));
  shard.order.erase(it);
}

std::unique_lock<std::mutex> ResponseCache::fill_lock(const std::string& key) {
  // Another hash than the shards', so a shard's keys spread over all locks.
  return std::unique_lock(fill_locks_[(std::hash<std::string>{}(key) >> 7) % fill_locks_.size()]);
}

std::optional<Response> ResponseCache::find(const std::string& key, bool count) {
  auto now = clock_();
  auto generation = generation_();
  std::optional<Response> found;
  {
    auto& shard = shard_of(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(std::string_view(key));
    if (it != shard.index.end()) {
      if (outdated(*it->second, now, generation)) {
        erase(shard, it->second);
      } else {
        const auto& e = *it->second;
        found.emplace();
        found->status = e.status;
        found->headers = e.headers;
        found->shared_body = e.body;
      }
    }
  }
  if (count) (found ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed);
  return found;
}

void ResponseCache::store(const std::string& key, std::uint64_t generation,
                          const Response& response) {
  if (!enabled() || key.empty() || response.status != 200) return;
  if (response.header("Set-Cookie")) return;
  if (auto cc = response.header("Cache-Control"); cc && contains_token(*cc, "private")) return;
  // Read before a write committed: already outdated.
  if (generation != generation_()) return;
  auto payload = response.payload();
  std::size_t bytes = entry_overhead + 2 * key.size() + payload.size();
  for (const auto& [k, v] : response.headers) bytes += k.size() + v.size();
  if (bytes > shard_bytes_) return;

  auto now = clock_();
  auto body =
      response.shared_body ? response.shared_body : std::make_shared<const std::string>(payload);
  auto& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.index.find(std::string_view(key)); it != shard.index.end()) {
    erase(shard, it->second);
  }
  // The oldest go first: expired ones, then whatever the bounds need.
  while (!shard.order.empty() &&
         (outdated(shard.order.front(), now, generation) || shard.order.size() >= shard_entries_ ||
          shard.bytes + bytes > shard_bytes_)) {
    erase(shard, shard.order.begin());
  }
  shard.order.push_back(
      Entry{key, generation, now, response.status, response.headers, std::move(body), bytes});
  auto last = std::prev(shard.order.end());
  shard.index.emplace(std::string_view(last->key), last);
  shard.bytes += bytes;
}

std::size_t ResponseCache::sweep() {
  auto now = clock_();
  auto generation = generation_();
  std::size_t dropped = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    for (auto it = shard->order.begin(); it != shard->order.end();) {
      auto next = std::next(it);
      if (outdated(*it, now, generation)) {
        erase(*shard, it);
        ++dropped;
      }
      it = next;
    }
  }
  return dropped;
}

void ResponseCache::start_sweeper() {
  if (!enabled() || sweeper_.joinable()) return;
  sweeper_ = std::jthread([this](std::stop_token stop) {
    std::unique_lock lock(sweeper_mutex_);
    while (!stop.stop_requested()) {
      sweeper_wake_.wait_for(lock, stop, options_.ttl, [] { return false; });
      if (stop.stop_requested()) break;
      lock.unlock();
      sweep();
      lock.lock();
    }
  });
}

std::size_t ResponseCache::entries() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    n += shard->order.size();
  }
  return n;
}

std::size_t ResponseCache::bytes() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    n += shard->bytes;
  }
  return n;
}

}  // namespace hk::http
