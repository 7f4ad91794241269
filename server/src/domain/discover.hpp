#pragma once

// The order of the "Entdecken" feed: a varied first screen rather than the ten nearest needs
// of one kind. Pure; the handler reads the candidates and encodes the result.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::domain {

struct DiscoverCandidate {
  std::int64_t need_id = 0;
  std::int64_t organization_id = 0;
  std::string category;
  double distance_km = 0;
  std::optional<std::int64_t> next_start;  // the next shift that has not begun
  bool covered = false;
};

struct DiscoverContext {
  // Who is looking (the client's seed or the user's id): together with the Berlin day it
  // makes the order stable for one person within one day and new the next.
  std::string seed;
  // Berlin day of the request, days since 1970-01-01 (domain::berlin_day). "Soon" is
  // measured from its beginning, not from the moment of the request.
  std::int64_t day = 0;
  double radius_km = 25;  // what counts as near is relative to the search radius
};

// A stable 64-bit hash of (seed, day, need id); the same on every build and platform, unlike
// std::hash.
std::uint64_t discover_hash(std::string_view seed, std::int64_t day, std::int64_t need_id);

// The ids of at most `limit` candidates in feed order. Greedy: each next pick has the highest
// score = base − penalty for its category's picks so far − penalty for its organisation's,
// where base favours soon, not covered and near, plus the jitter of discover_hash. The
// category penalty outweighs everything else, so the first picks cover as many categories as
// there are; a covered need never precedes an uncovered one of its category.
std::vector<std::int64_t> rank_for_discovery(const std::vector<DiscoverCandidate>& candidates,
                                             const DiscoverContext& context, std::size_t limit);

}  // namespace hk::domain
