#include "domain/weeks.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hk::domain {
namespace {

std::int64_t at(const std::string& rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(0);
}

TEST(BerlinWeeks, AWeekStartsOnMondayAtMidnightBerlinTime) {
  // Wednesday in summer time: Monday 00:00 CEST is Sunday 22:00 UTC.
  EXPECT_EQ(berlin_week_start(at("2026-09-09T12:00:00Z")), at("2026-09-06T22:00:00Z"));
  // In winter time Monday 00:00 CET is Sunday 23:00 UTC.
  EXPECT_EQ(berlin_week_start(at("2026-11-12T08:00:00+01:00")), at("2026-11-09T00:00:00+01:00"));
}

TEST(BerlinWeeks, TheEdgesBelongToTheRightWeek) {
  auto monday = at("2026-11-16T00:00:00+01:00");
  EXPECT_EQ(berlin_week_start(monday), monday);
  EXPECT_EQ(berlin_week_start(monday - 1), at("2026-11-09T00:00:00+01:00"));
  EXPECT_EQ(berlin_week_start(monday + 1), monday);
  // Sunday 23:30 UTC is already Monday in Berlin.
  EXPECT_EQ(berlin_week_start(at("2026-11-15T23:30:00Z")), monday);
  // Sunday 23:59:59 Berlin is still the old week.
  EXPECT_EQ(berlin_week_start(at("2026-11-22T23:59:59+01:00")), monday);
  EXPECT_EQ(berlin_week_start(at("2026-11-23T00:00:00+01:00")), at("2026-11-23T00:00:00+01:00"));
}

TEST(BerlinWeeks, WeeksWithAClockChangeAreAnHourShorterOrLonger) {
  // Summer time begins on Sunday 29 March 2026.
  auto spring = last_berlin_weeks(at("2026-03-29T12:00:00+02:00"), 1);
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(spring[0].starts_at, at("2026-03-23T00:00:00+01:00"));
  EXPECT_EQ(spring[0].ends_at, at("2026-03-30T00:00:00+02:00"));
  EXPECT_EQ(spring[0].ends_at - spring[0].starts_at, 167 * 3600);
  // ... and ends on Sunday 25 October 2026.
  auto autumn = last_berlin_weeks(at("2026-10-25T02:30:00+01:00"), 1);
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].starts_at, at("2026-10-19T00:00:00+02:00"));
  EXPECT_EQ(autumn[0].ends_at, at("2026-10-26T00:00:00+01:00"));
  EXPECT_EQ(autumn[0].ends_at - autumn[0].starts_at, 169 * 3600);
  // The first instant after the change in spring, still Sunday: same week.
  EXPECT_EQ(berlin_week_start(at("2026-03-29T03:00:00+02:00")), at("2026-03-23T00:00:00+01:00"));
}

TEST(BerlinWeeks, TheLastWeeksEndWithTheCurrentOneAcrossTheNewYear) {
  auto weeks = last_berlin_weeks(at("2027-01-06T10:00:00+01:00"), 4);
  ASSERT_EQ(weeks.size(), 4u);
  EXPECT_EQ(format_civil_date(weeks[0].monday), "2026-12-14");
  EXPECT_EQ(format_civil_date(weeks[1].monday), "2026-12-21");
  EXPECT_EQ(format_civil_date(weeks[2].monday), "2026-12-28");
  EXPECT_EQ(format_civil_date(weeks[3].monday), "2027-01-04");
  EXPECT_EQ(weeks[0].starts_at, at("2026-12-14T00:00:00+01:00"));
  EXPECT_EQ(weeks[3].starts_at, at("2027-01-04T00:00:00+01:00"));
  EXPECT_EQ(weeks[3].ends_at, at("2027-01-11T00:00:00+01:00"));
  EXPECT_TRUE(last_berlin_weeks(at("2027-01-06T10:00:00+01:00"), 0).empty());
}

TEST(BerlinWeeks, EveryInstantOfTwoYearsLiesInItsWeek) {
  // Hourly over 2026 and 2027 (both clock changes of each year), also at the half hour.
  auto from = at("2026-01-01T00:00:00Z");
  auto to = at("2028-01-01T00:00:00Z");
  for (auto t = from; t < to; t += 1800) {
    auto start = berlin_week_start(t);
    ASSERT_LE(start, t);
    auto local = utc_to_berlin(start);
    ASSERT_EQ(local.weekday, 1) << t;
    ASSERT_EQ(local.hour, 0) << t;
    ASSERT_EQ(local.minute, 0) << t;
    ASSERT_EQ(local.second, 0) << t;
    // Less than a week (at most 169 hours) has passed since it started.
    ASSERT_LT(t - start, 169 * 3600) << t;
    ASSERT_GE(berlin_week_start(start + 169 * 3600), start + 167 * 3600) << t;
  }
}

TEST(BerlinWeeks, FiftyTwoWeeksFollowOneAnotherWithoutGaps) {
  auto now = at("2026-11-04T09:00:00+01:00");
  auto weeks = last_berlin_weeks(now, 52);
  ASSERT_EQ(weeks.size(), 52u);
  EXPECT_LE(weeks.back().starts_at, now);
  EXPECT_LT(now, weeks.back().ends_at);
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    EXPECT_EQ(berlin_week_start(weeks[i].starts_at), weeks[i].starts_at);
    auto local = utc_to_berlin(weeks[i].starts_at);
    EXPECT_EQ(local.weekday, 1);
    EXPECT_EQ(local.hour, 0);
    EXPECT_EQ(local.day, weeks[i].monday.day);
    if (i + 1 < weeks.size()) {
      EXPECT_EQ(weeks[i].ends_at, weeks[i + 1].starts_at);
      EXPECT_EQ(
          days_from_civil(weeks[i + 1].monday.year, weeks[i + 1].monday.month,
                          weeks[i + 1].monday.day) -
              days_from_civil(weeks[i].monday.year, weeks[i].monday.month, weeks[i].monday.day),
          7);
    }
  }
  EXPECT_EQ(format_civil_date(weeks.front().monday), "2025-11-10");
}

}  // namespace
}  // namespace hk::domain
