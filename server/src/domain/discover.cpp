#include "domain/discover.hpp"

#include <algorithm>
#include <map>

namespace hk::domain {

namespace {

// Weights of the base score; each part lies in [0, 1], so the base lies in [0, 4].
constexpr double soon_weight = 1;
constexpr double uncovered_weight = 1;
constexpr double near_weight = 1;
constexpr double jitter_weight = 1;
constexpr double max_base = soon_weight + uncovered_weight + near_weight + jitter_weight;
// A shift this far ahead or further no longer counts as soon.
constexpr double soon_horizon_seconds = 14 * 24 * 3600;

constexpr double organization_penalty = 1.5;
// Larger than the widest spread of base scores plus the organisation penalties a candidate can
// collect within the first screen (five earlier picks), so a category not shown yet always
// wins over one already shown: the first six picks cover at least five categories when the
// candidates have them.
constexpr double category_penalty = max_base + 5 * organization_penalty + 0.5;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return h;
}

double base_score(const DiscoverCandidate& c, const DiscoverContext& context) {
  double soon = 0;
  if (c.next_start) {
    // Measured from the day's beginning, not from `now`: the order must not move between two
    // requests of the same person on the same day.
    auto day_start = context.day * 24 * 3600;
    auto ahead = static_cast<double>(std::max<std::int64_t>(0, *c.next_start - day_start));
    soon = std::max(0.0, 1 - ahead / soon_horizon_seconds);
  }
  double near = 0;
  if (context.radius_km > 0) near = std::clamp(1 - c.distance_km / context.radius_km, 0.0, 1.0);
  // The top 53 bits make a double in [0, 1).
  double jitter =
      static_cast<double>(discover_hash(context.seed, context.day, c.need_id) >> 11) * 0x1.0p-53;
  return soon_weight * soon + uncovered_weight * (c.covered ? 0 : 1) + near_weight * near +
         jitter_weight * jitter;
}

}  // namespace

std::uint64_t discover_hash(std::string_view seed, std::int64_t day, std::int64_t need_id) {
  auto h = splitmix64(fnv1a(seed) ^ static_cast<std::uint64_t>(day));
  return splitmix64(h ^ static_cast<std::uint64_t>(need_id));
}

std::vector<std::int64_t> rank_for_discovery(const std::vector<DiscoverCandidate>& candidates,
                                             const DiscoverContext& context, std::size_t limit) {
  struct Entry {
    const DiscoverCandidate* candidate;
    double base;
    std::size_t category;  // index into the counters below
    bool taken = false;
  };
  std::map<std::string, std::size_t> category_index;
  std::vector<Entry> entries;
  entries.reserve(candidates.size());
  for (const auto& c : candidates) {
    auto [it, fresh] = category_index.try_emplace(c.category, category_index.size());
    entries.push_back({&c, base_score(c, context), it->second});
  }
  std::vector<int> category_picks(category_index.size(), 0);
  std::vector<int> uncovered_left(category_index.size(), 0);
  for (const auto& e : entries) {
    if (!e.candidate->covered) ++uncovered_left[e.category];
  }
  std::map<std::int64_t, int> organization_picks;

  std::vector<std::int64_t> order;
  while (order.size() < std::min(limit, entries.size())) {
    Entry* best = nullptr;
    double best_score = 0;
    for (auto& e : entries) {
      if (e.taken) continue;
      const auto& c = *e.candidate;
      if (c.covered && uncovered_left[e.category] > 0) continue;
      auto org = organization_picks.find(c.organization_id);
      double score = e.base - category_penalty * category_picks[e.category] -
                     organization_penalty * (org == organization_picks.end() ? 0 : org->second);
      if (!best || score > best_score ||
          (score == best_score && c.need_id < best->candidate->need_id)) {
        best = &e;
        best_score = score;
      }
    }
    // Unreachable while untaken entries remain: a category's covered needs become eligible
    // as soon as its uncovered ones are taken.
    if (!best) break;
    best->taken = true;
    ++category_picks[best->category];
    if (!best->candidate->covered) --uncovered_left[best->category];
    ++organization_picks[best->candidate->organization_id];
    order.push_back(best->candidate->need_id);
  }
  return order;
}

}  // namespace hk::domain
