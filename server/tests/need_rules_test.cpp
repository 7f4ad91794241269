#include <gtest/gtest.h>

#include "domain/berlin_time.hpp"
#include "domain/need.hpp"
#include "domain/signup.hpp"

namespace hk::domain {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

Shift shift(std::int64_t start, int capacity, int taken) {
  Shift s;
  s.starts_at = start;
  s.ends_at = start + 2 * hour;
  s.capacity = capacity;
  s.taken = taken;
  return s;
}

Need need_with(std::vector<Shift> shifts) {
  Need n;
  n.status = "published";
  n.organization_status = "approved";
  n.shifts = std::move(shifts);
  return n;
}

TEST(NeedRules, PlacesOfAShift) {
  auto s = shift(1000, 3, 1);
  EXPECT_EQ(places_left(s), 2);
  EXPECT_FALSE(is_full(s));
  s.taken = 3;
  EXPECT_EQ(places_left(s), 0);
  EXPECT_TRUE(is_full(s));
  // A capacity lowered below the confirmed people never shows negative places.
  s.capacity = 2;
  EXPECT_EQ(places_left(s), 0);
  EXPECT_TRUE(is_full(s));
}

TEST(NeedRules, AShiftHasStartedFromItsFirstSecond) {
  auto s = shift(1000, 1, 0);
  EXPECT_FALSE(has_started(s, 999));
  EXPECT_TRUE(has_started(s, 1000));
  EXPECT_TRUE(has_started(s, 5000));
}

TEST(NeedRules, PlacesLeftCountOnlyShiftsToCome) {
  const std::int64_t now = 10 * day;
  auto n = need_with({shift(now - hour, 5, 0), shift(now + day, 3, 1), shift(now + 2 * day, 2, 2)});
  EXPECT_EQ(places_left(n, now), 2);
  EXPECT_EQ(places_left(n, now + 3 * day), 0);
}

TEST(NeedRules, NextStartIsTheFirstShiftNotBegun) {
  const std::int64_t now = 10 * day;
  auto n = need_with({shift(now - hour, 5, 0), shift(now + day, 3, 3), shift(now + 2 * day, 2, 0)});
  EXPECT_EQ(next_start(n, now), now + day);
  EXPECT_EQ(next_start(n, now + day), now + 2 * day);
  EXPECT_EQ(next_start(n, now + 2 * day), std::nullopt);
  EXPECT_EQ(next_start(need_with({}), now), std::nullopt);
}

TEST(NeedRules, CoveredWhenEveryShiftToComeIsFull) {
  const std::int64_t now = 10 * day;
  // A started shift with free places does not keep the need from being covered.
  auto n = need_with({shift(now - hour, 5, 0), shift(now + day, 2, 2), shift(now + 2 * day, 1, 1)});
  EXPECT_TRUE(is_covered(n, now));
  n.shifts[2].taken = 0;
  EXPECT_FALSE(is_covered(n, now));
  // Nothing left to come: not covered, simply over.
  EXPECT_FALSE(is_covered(n, now + 3 * day));
  EXPECT_FALSE(is_covered(need_with({}), now));
}

TEST(NeedRules, PublicOnlyWhenShownAndTheGroupIsApproved) {
  Need n;
  n.organization_status = "approved";
  for (const char* status : {"published", "completed", "cancelled"}) {
    n.status = status;
    EXPECT_TRUE(is_public(n)) << status;
  }
  for (const char* status : {"draft", "pending_review", "rejected"}) {
    n.status = status;
    EXPECT_FALSE(is_public(n)) << status;
  }
  n.status = "published";
  for (const char* org : {"pending", "rejected", "suspended"}) {
    n.organization_status = org;
    EXPECT_FALSE(is_public(n)) << org;
  }
}

TEST(NeedRules, ChangesAndSignupsByStatus) {
  Need n;
  n.organization_status = "approved";
  for (const char* status : {"draft", "pending_review", "published"}) {
    n.status = status;
    EXPECT_TRUE(is_open_for_changes(n)) << status;
  }
  for (const char* status : {"rejected", "cancelled", "completed"}) {
    n.status = status;
    EXPECT_FALSE(is_open_for_changes(n)) << status;
    EXPECT_FALSE(accepts_signups(n)) << status;
  }
  n.status = "pending_review";
  EXPECT_FALSE(accepts_signups(n));
  n.status = "published";
  EXPECT_TRUE(accepts_signups(n));
  n.organization_status = "suspended";
  EXPECT_FALSE(accepts_signups(n));
}

TEST(NeedRules, InitialStatusFollowsModerationAndTrust) {
  Municipality m;
  m.moderation = "none";
  EXPECT_EQ(initial_need_status(m, false), "published");
  EXPECT_EQ(initial_need_status(m, true), "published");
  m.moderation = "pre";
  EXPECT_EQ(initial_need_status(m, false), "pending_review");
  EXPECT_EQ(initial_need_status(m, true), "published");
}

TEST(NeedRules, DecisionsOnlyFromTheQueue) {
  EXPECT_EQ(need_status_after("pending_review", NeedDecision::approve), "published");
  EXPECT_EQ(need_status_after("pending_review", NeedDecision::reject), "rejected");
  for (const char* status : {"draft", "published", "rejected", "cancelled", "completed"}) {
    EXPECT_FALSE(need_status_after(status, NeedDecision::approve)) << status;
    EXPECT_FALSE(need_status_after(status, NeedDecision::reject)) << status;
  }
}

TEST(NeedRules, CategoriesAndStatuses) {
  EXPECT_EQ(need_categories().size(), 15u);
  for (const auto& c : need_categories()) EXPECT_TRUE(valid_need_category(c)) << c;
  EXPECT_TRUE(valid_need_category("disaster_relief"));
  EXPECT_FALSE(valid_need_category("Shopping"));
  EXPECT_FALSE(valid_need_category(""));
  EXPECT_TRUE(valid_need_status("pending_review"));
  EXPECT_FALSE(valid_need_status("open"));
}

TEST(NeedRules, AgeCountsTheBerlinYearOfTheShift) {
  // 2026-12-31 23:30 UTC is already 2027 in Berlin.
  const std::int64_t new_year_eve = berlin_local_to_utc(2027, 1, 1, 0, 30);
  EXPECT_EQ(utc_to_berlin(new_year_eve).year, 2027);
  EXPECT_EQ(age_in_year_of(2009, new_year_eve), 18);
  EXPECT_EQ(age_in_year_of(2009, new_year_eve - hour), 17);
}

TEST(NeedRules, BerlinDay) {
  // 22:30 UTC on 30 June is 00:30 on 1 July in Berlin (CEST).
  EXPECT_EQ(berlin_day(days_from_civil(2026, 6, 30) * day + 22 * hour + 1800),
            days_from_civil(2026, 7, 1));
  EXPECT_EQ(berlin_day(days_from_civil(2026, 12, 30) * day + 22 * hour + 1800),
            days_from_civil(2026, 12, 30));
}

TEST(NeedRules, RepetitionEndsAfterTheFirstShiftAndWithinAYear) {
  const std::int64_t now = berlin_local_to_utc(2026, 3, 10, 12, 0);
  const std::int64_t first = berlin_local_to_utc(2026, 3, 17, 10, 0);
  EXPECT_FALSE(valid_repeat_until(days_from_civil(2026, 3, 17), first, now));
  EXPECT_TRUE(valid_repeat_until(days_from_civil(2026, 3, 18), first, now));
  EXPECT_TRUE(valid_repeat_until(days_from_civil(2027, 3, 10), first, now));
  EXPECT_FALSE(valid_repeat_until(days_from_civil(2027, 3, 11), first, now));
  // From 29 February a year reaches to 28 February.
  const std::int64_t leap = berlin_local_to_utc(2028, 2, 29, 12, 0);
  EXPECT_TRUE(valid_repeat_until(days_from_civil(2029, 2, 28), leap, leap));
  EXPECT_FALSE(valid_repeat_until(days_from_civil(2029, 3, 1), leap, leap));
}

Shift pattern(std::int64_t start, std::int64_t end) {
  Shift s;
  s.starts_at = start;
  s.ends_at = end;
  return s;
}

TEST(NeedRules, WeeklyOccurrencesKeepTheWallClockAcrossSpringForward) {
  // Tuesdays 10:00-12:00 Berlin; summer time begins on Sunday 29 March 2026.
  auto p =
      pattern(berlin_local_to_utc(2026, 3, 24, 10, 0), berlin_local_to_utc(2026, 3, 24, 12, 0));
  EXPECT_EQ(p.starts_at, days_from_civil(2026, 3, 24) * day + 9 * hour);  // CET
  auto weeks = weekly_occurrences(p, p.starts_at, p.starts_at + 3 * 7 * day, std::nullopt);
  ASSERT_EQ(weeks.size(), 3u);
  EXPECT_EQ(weeks[0].week, 1);
  // 31 March 10:00 CEST is 08:00 UTC: one hour earlier in UTC, the same on the wall clock.
  EXPECT_EQ(weeks[0].starts_at, days_from_civil(2026, 3, 31) * day + 8 * hour);
  EXPECT_EQ(weeks[0].ends_at, days_from_civil(2026, 3, 31) * day + 10 * hour);
  for (const auto& o : weeks) {
    auto local = utc_to_berlin(o.starts_at);
    EXPECT_EQ(local.hour, 10);
    EXPECT_EQ(local.weekday, 2);
    EXPECT_EQ(o.ends_at - o.starts_at, 2 * hour);
  }
  EXPECT_EQ(weeks[2].week, 3);
}

TEST(NeedRules, WeeklyOccurrencesKeepTheWallClockAcrossFallBack) {
  // Tuesdays 18:00-20:00; winter time begins on Sunday 25 October 2026.
  auto p =
      pattern(berlin_local_to_utc(2026, 10, 20, 18, 0), berlin_local_to_utc(2026, 10, 20, 20, 0));
  auto weeks = weekly_occurrences(p, p.starts_at, p.starts_at + 7 * day + 2 * hour, std::nullopt);
  ASSERT_EQ(weeks.size(), 1u);
  // 27 October 18:00 CET is 17:00 UTC: seven days and one hour after 20 October 16:00 UTC.
  EXPECT_EQ(weeks[0].starts_at, days_from_civil(2026, 10, 27) * day + 17 * hour);
  EXPECT_EQ(weeks[0].starts_at - p.starts_at, 7 * day + hour);
}

TEST(NeedRules, WeeklyOccurrenceInTheSkippedHourStillLasts) {
  // Sundays 02:30-03:00 CET; on 29 March 2026 02:30 does not exist and becomes 03:30 CEST,
  // and 03:00 would come before it: the shift keeps its half hour.
  auto p = pattern(berlin_local_to_utc(2026, 3, 22, 2, 30), berlin_local_to_utc(2026, 3, 22, 3, 0));
  auto weeks = weekly_occurrences(p, p.starts_at, p.starts_at + 7 * day + hour, std::nullopt);
  ASSERT_EQ(weeks.size(), 1u);
  EXPECT_GT(weeks[0].ends_at, weeks[0].starts_at);
  EXPECT_EQ(weeks[0].ends_at - weeks[0].starts_at, 1800);
  EXPECT_EQ(utc_to_berlin(weeks[0].starts_at).day, 29);
}

TEST(NeedRules, WeeklyOccurrencesWindowAndEndDate) {
  auto p = pattern(berlin_local_to_utc(2026, 5, 4, 9, 0), berlin_local_to_utc(2026, 5, 4, 11, 0));
  // Only weeks starting after `after` and up to `horizon`.
  auto weeks = weekly_occurrences(p, berlin_local_to_utc(2026, 5, 18, 9, 0),
                                  berlin_local_to_utc(2026, 6, 1, 9, 0), std::nullopt);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].week, 3);
  EXPECT_EQ(weeks[1].week, 4);
  EXPECT_EQ(utc_to_berlin(weeks[1].starts_at).day, 1);
  // The end date is inclusive and counts the Berlin date of the start.
  weeks =
      weekly_occurrences(p, p.starts_at, p.starts_at + 52 * 7 * day, days_from_civil(2026, 5, 25));
  ASSERT_EQ(weeks.size(), 3u);
  EXPECT_EQ(utc_to_berlin(weeks.back().starts_at).day, 25);
  // An end date before the first repetition leaves none.
  EXPECT_TRUE(
      weekly_occurrences(p, p.starts_at, p.starts_at + 52 * 7 * day, days_from_civil(2026, 5, 10))
          .empty());
  // Far after the pattern began, the weeks are still numbered from it. In winter 09:00 is
  // an hour later in UTC than the pattern's summer 09:00.
  weeks = weekly_occurrences(p, p.starts_at + 40 * 7 * day + 2 * hour,
                             p.starts_at + 41 * 7 * day + hour, std::nullopt);
  ASSERT_EQ(weeks.size(), 1u);
  EXPECT_EQ(weeks[0].week, 41);
  EXPECT_EQ(utc_to_berlin(weeks[0].starts_at).hour, 9);
}

TEST(SignupRules, ParticipatingStatuses) {
  // A declined request is no longer told about changes.
  EXPECT_EQ(participating_statuses(),
            (std::vector<std::string>{"confirmed", "waitlisted", "requested"}));
}

}  // namespace
}  // namespace hk::domain
