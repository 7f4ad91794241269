#include "domain/discover.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace hk::domain {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;
constexpr std::int64_t today = 20'833;  // 2027-01-15
constexpr std::int64_t now = today * day + 9 * hour;

DiscoverCandidate candidate(std::int64_t id, std::int64_t organization, std::string category,
                            double distance, std::int64_t starts_in = day, bool covered = false) {
  return {id, organization, std::move(category), distance, now + starts_in, covered};
}

DiscoverContext context(std::string seed = "abc", std::int64_t on_day = today) {
  return {std::move(seed), on_day, 25};
}

const DiscoverCandidate& by_id(const std::vector<DiscoverCandidate>& all, std::int64_t id) {
  return *std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.need_id == id; });
}

std::set<std::string> categories_of_first(const std::vector<DiscoverCandidate>& all,
                                          const std::vector<std::int64_t>& order, std::size_t n) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n && i < order.size(); ++i)
    seen.insert(by_id(all, order[i]).category);
  return seen;
}

// The 30 nearest needs are sport, of one club, soon and open; five other categories lie at
// the edge of the radius, later, some covered.
std::vector<DiscoverCandidate> one_kind_nearby() {
  std::vector<DiscoverCandidate> all;
  for (int i = 1; i <= 30; ++i) all.push_back(candidate(i, 1, "sport", 0.1 * i, hour));
  const char* others[] = {"shopping", "reading", "animals", "culture", "environment"};
  std::int64_t id = 100;
  for (const char* category : others) {
    all.push_back(candidate(id, id, category, 24, 20 * day, id % 2 == 0));
    all.push_back(candidate(id + 1, id, category, 24.5, 30 * day, true));
    id += 10;
  }
  return all;
}

TEST(Discover, FirstScreenShowsFiveCategoriesEvenWhenTheNearestAreOneKind) {
  auto all = one_kind_nearby();
  for (const char* seed : {"", "a", "xyz", "seed-42", "Q_q"}) {
    for (std::int64_t d = today; d < today + 10; ++d) {
      auto order = rank_for_discovery(all, context(seed, d), 20);
      ASSERT_EQ(order.size(), 20u);
      EXPECT_GE(categories_of_first(all, order, 6).size(), 5u) << seed << " " << d;
    }
  }
}

TEST(Discover, FirstScreenCoversEveryCategoryWhenThereAreFewer) {
  std::vector<DiscoverCandidate> all;
  for (int i = 1; i <= 20; ++i) all.push_back(candidate(i, i, "sport", 0.1 * i));
  all.push_back(candidate(50, 50, "reading", 20, 40 * day, true));
  all.push_back(candidate(51, 51, "phone", 22, 40 * day, true));
  auto order = rank_for_discovery(all, context(), 6);
  EXPECT_EQ(categories_of_first(all, order, 3).size(), 3u);
}

TEST(Discover, VariesOrganisations) {
  // One category; a club with ten needs and two groups with one each, all alike otherwise.
  std::vector<DiscoverCandidate> all;
  for (int i = 1; i <= 10; ++i) all.push_back(candidate(i, 1, "sport", 2));
  all.push_back(candidate(20, 2, "sport", 2));
  all.push_back(candidate(30, 3, "sport", 2));
  for (const char* seed : {"a", "b", "c", "d"}) {
    auto order = rank_for_discovery(all, context(seed), 3);
    std::set<std::int64_t> organizations;
    for (auto id : order) organizations.insert(by_id(all, id).organization_id);
    EXPECT_EQ(organizations.size(), 3u) << seed;
  }
}

TEST(Discover, FavoursSoon) {
  // Distinct groups and one category, so only the base score decides.
  std::vector<DiscoverCandidate> all;
  for (int i = 1; i <= 20; ++i) all.push_back(candidate(i, i, "reading", 5, 0));
  for (int i = 21; i <= 40; ++i) all.push_back(candidate(i, i, "reading", 5, 60 * day));
  auto order = rank_for_discovery(all, context(), 40);
  ASSERT_EQ(order.size(), 40u);
  for (int i = 0; i < 20; ++i) EXPECT_LE(order[i], 20) << i;
}

TEST(Discover, FavoursNear) {
  std::vector<DiscoverCandidate> all;
  for (int i = 1; i <= 20; ++i) all.push_back(candidate(i, i, "reading", 0));
  for (int i = 21; i <= 40; ++i) all.push_back(candidate(i, i, "reading", 25));
  auto order = rank_for_discovery(all, context(), 20);
  for (auto id : order) EXPECT_LE(id, 20);
}

TEST(Discover, CoveredAfterUncoveredOfTheSameCategory) {
  std::vector<DiscoverCandidate> all;
  // The covered needs are nearer and sooner than the open ones.
  for (int i = 1; i <= 5; ++i) all.push_back(candidate(i, i, "shopping", 0.1, 0, true));
  for (int i = 6; i <= 10; ++i) all.push_back(candidate(i, i, "shopping", 20, 30 * day));
  for (int i = 11; i <= 15; ++i) all.push_back(candidate(i, i, "sport", 0.1, 0, true));
  for (int i = 16; i <= 18; ++i) all.push_back(candidate(i, i, "sport", 20, 30 * day));
  for (const char* seed : {"a", "b", "c"}) {
    auto order = rank_for_discovery(all, context(seed), 100);
    ASSERT_EQ(order.size(), all.size());
    std::map<std::string, bool> covered_seen;
    for (auto id : order) {
      const auto& c = by_id(all, id);
      if (c.covered) {
        covered_seen[c.category] = true;
      } else {
        EXPECT_FALSE(covered_seen[c.category]) << seed << " need " << id;
      }
    }
  }
}

TEST(Discover, SameSeedAndDayGiveTheSameOrderAnotherDayAnother) {
  std::vector<DiscoverCandidate> all;
  const auto& categories = std::vector<std::string>{"shopping", "reading", "sport", "culture"};
  for (int i = 1; i <= 120; ++i) {
    all.push_back(candidate(i, i % 17, categories[i % 4], (i * 7) % 25, (i % 9) * day, i % 5 == 0));
  }
  auto first = rank_for_discovery(all, context("seed", today), 50);
  EXPECT_EQ(first, rank_for_discovery(all, context("seed", today), 50));
  EXPECT_NE(first, rank_for_discovery(all, context("seed", today + 1), 50));
  EXPECT_NE(first, rank_for_discovery(all, context("other", today), 50));
  // Each need appears once.
  std::set<std::int64_t> unique(first.begin(), first.end());
  EXPECT_EQ(unique.size(), first.size());
}

TEST(Discover, HashIsStableAndSpreads) {
  EXPECT_EQ(discover_hash("x", 1, 2), discover_hash("x", 1, 2));
  EXPECT_NE(discover_hash("x", 1, 2), discover_hash("x", 2, 2));
  EXPECT_NE(discover_hash("x", 1, 2), discover_hash("x", 1, 3));
  EXPECT_NE(discover_hash("x", 1, 2), discover_hash("y", 1, 2));
}

TEST(Discover, RespectsTheLimit) {
  auto all = one_kind_nearby();
  EXPECT_EQ(rank_for_discovery(all, context(), 7).size(), 7u);
  EXPECT_EQ(rank_for_discovery(all, context(), 0).size(), 0u);
  auto everything = rank_for_discovery(all, context(), 1000);
  ASSERT_EQ(everything.size(), all.size());
  std::vector<std::int64_t> ids;
  for (const auto& c : all) ids.push_back(c.need_id);
  std::sort(ids.begin(), ids.end());
  std::sort(everything.begin(), everything.end());
  EXPECT_EQ(everything, ids);
}

TEST(Discover, EmptyInput) { EXPECT_TRUE(rank_for_discovery({}, context(), 20).empty()); }

}  // namespace
}  // namespace hk::domain
