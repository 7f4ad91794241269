#include "domain/berlin_time.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hk::domain {
namespace {

// 2026-03-29 01:00:00 UTC: CET ends, CEST begins (local 02:00 -> 03:00).
constexpr std::int64_t kSpring2026 = 1774746000;
// 2026-10-25 01:00:00 UTC: CEST ends, CET begins (local 03:00 -> 02:00).
constexpr std::int64_t kAutumn2026 = 1792890000;

TEST(BerlinTime, DaysFromCivilKnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2026, 3, 29) * 86400, 1774742400);
  EXPECT_EQ(days_from_civil(1600, 1, 1), -135140);
}

TEST(BerlinTime, CivilRoundTripOverManyYears) {
  for (std::int64_t d = days_from_civil(1890, 1, 1); d < days_from_civil(2110, 1, 1); d += 13) {
    const CivilDate c = civil_from_days(d);
    ASSERT_TRUE(is_valid_date(c.year, c.month, c.day));
    ASSERT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
}

TEST(BerlinTime, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(2028));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2026));
  EXPECT_EQ(days_in_month(2028, 2), 29);
  EXPECT_EQ(days_in_month(2026, 2), 28);
  EXPECT_EQ(days_in_month(2026, 4), 30);
  EXPECT_EQ(days_in_month(2026, 13), 0);
  EXPECT_FALSE(is_valid_date(2026, 2, 29));
  EXPECT_TRUE(is_valid_date(2028, 2, 29));
  EXPECT_FALSE(is_valid_date(2026, 4, 31));
  EXPECT_FALSE(is_valid_date(2026, 0, 1));
  EXPECT_FALSE(is_valid_date(2026, 1, 0));
}

TEST(BerlinTime, Weekdays) {
  EXPECT_EQ(weekday_from_days(0), 4);                              // Thu 1970-01-01
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 3, 29)), 7);   // Sunday
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 10, 25)), 7);  // Sunday
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 11, 28)), 6);  // Saturday
  EXPECT_EQ(weekday_from_days(days_from_civil(1969, 12, 29)), 1);  // Monday
}

TEST(BerlinTime, SpringForward2026) {
  EXPECT_EQ(berlin_offset_seconds(kSpring2026 - 1), 3600);
  EXPECT_EQ(berlin_offset_seconds(kSpring2026), 7200);

  const LocalTime before = utc_to_berlin(kSpring2026 - 1);
  EXPECT_EQ(before.year, 2026);
  EXPECT_EQ(before.month, 3);
  EXPECT_EQ(before.day, 29);
  EXPECT_EQ(before.hour, 1);
  EXPECT_EQ(before.minute, 59);
  EXPECT_EQ(before.second, 59);
  EXPECT_FALSE(before.is_dst());

  const LocalTime after = utc_to_berlin(kSpring2026);
  EXPECT_EQ(after.hour, 3);
  EXPECT_EQ(after.minute, 0);
  EXPECT_TRUE(after.is_dst());
  EXPECT_EQ(after.weekday, 7);

  EXPECT_EQ(berlin_local_to_utc(2026, 3, 29, 1, 59, 59), kSpring2026 - 1);
  EXPECT_EQ(berlin_local_to_utc(2026, 3, 29, 3, 0), kSpring2026);
  // 02:30 does not exist; it is read with the winter offset, i.e. as 03:30 CEST.
  EXPECT_EQ(berlin_local_to_utc(2026, 3, 29, 2, 30), kSpring2026 + 30 * 60);
}

TEST(BerlinTime, FallBack2026) {
  EXPECT_EQ(berlin_offset_seconds(kAutumn2026 - 1), 7200);
  EXPECT_EQ(berlin_offset_seconds(kAutumn2026), 3600);

  const LocalTime before = utc_to_berlin(kAutumn2026 - 1);
  EXPECT_EQ(before.day, 25);
  EXPECT_EQ(before.hour, 2);
  EXPECT_EQ(before.minute, 59);
  EXPECT_TRUE(before.is_dst());

  const LocalTime after = utc_to_berlin(kAutumn2026);
  EXPECT_EQ(after.day, 25);
  EXPECT_EQ(after.hour, 2);
  EXPECT_EQ(after.minute, 0);
  EXPECT_FALSE(after.is_dst());

  // 02:30 happens twice; the earlier (summer-time) instant is chosen.
  EXPECT_EQ(berlin_local_to_utc(2026, 10, 25, 2, 30), kAutumn2026 - 30 * 60);
  EXPECT_EQ(berlin_local_to_utc(2026, 10, 25, 3, 0), kAutumn2026 + 3600);
  EXPECT_EQ(berlin_local_to_utc(2026, 10, 25, 1, 59), kAutumn2026 - 3600 - 60);
}

TEST(BerlinTime, WinterAndSummerOffsets) {
  // 2026-11-28 10:00 CET = 09:00 UTC
  const std::int64_t winter = berlin_local_to_utc(2026, 11, 28, 10, 0);
  EXPECT_EQ(format_rfc3339_utc(winter), "2026-11-28T09:00:00Z");
  EXPECT_EQ(format_rfc3339_berlin(winter), "2026-11-28T10:00:00+01:00");
  EXPECT_EQ(format_german_berlin(winter), "28.11.2026, 10:00");
  // 2026-07-01 10:00 CEST = 08:00 UTC
  const std::int64_t summer = berlin_local_to_utc(2026, 7, 1, 10, 0);
  EXPECT_EQ(format_rfc3339_utc(summer), "2026-07-01T08:00:00Z");
  EXPECT_EQ(format_rfc3339_berlin(summer), "2026-07-01T10:00:00+02:00");
  // Across New Year in local time but not in UTC.
  const LocalTime ny = utc_to_berlin(*parse_rfc3339("2026-12-31T23:30:00Z"));
  EXPECT_EQ(ny.year, 2027);
  EXPECT_EQ(ny.month, 1);
  EXPECT_EQ(ny.day, 1);
  EXPECT_EQ(ny.hour, 0);
  EXPECT_EQ(ny.minute, 30);
  EXPECT_EQ(ny.weekday, 5);  // Friday
}

TEST(BerlinTime, LocalRoundTripEveryHalfHourOf2026) {
  const std::int64_t start = berlin_local_to_utc(2026, 1, 1, 0, 0);
  const std::int64_t end = berlin_local_to_utc(2027, 1, 1, 0, 0);
  EXPECT_EQ(end - start, 365 * 86400);  // the DST hours cancel out over a year
  for (std::int64_t t = start; t < end; t += 1800) {
    const LocalTime l = utc_to_berlin(t);
    const std::int64_t back = berlin_local_to_utc(l.year, l.month, l.day, l.hour, l.minute);
    if (back != t) {
      // Only the repeated hour in October may map to its earlier occurrence.
      ASSERT_EQ(back, t - 3600) << format_rfc3339_utc(t);
      ASSERT_GE(t, kAutumn2026);
      ASSERT_LT(t, kAutumn2026 + 3600);
    }
  }
}

TEST(BerlinTime, DatePlusDays) {
  const std::int64_t t = berlin_local_to_utc(2026, 3, 28, 23, 30);
  const CivilDate next = berlin_date_plus_days(t, 1);
  EXPECT_EQ(next.year, 2026);
  EXPECT_EQ(next.month, 3);
  EXPECT_EQ(next.day, 29);
  const CivilDate later = berlin_date_plus_days(t, 42);
  EXPECT_EQ(later.month, 5);
  EXPECT_EQ(later.day, 9);
  // 23:30 UTC on 31 Dec is already 1 Jan in Berlin.
  const CivilDate ny = berlin_date_plus_days(*parse_rfc3339("2026-12-31T23:30:00Z"), 0);
  EXPECT_EQ(ny.year, 2027);
  EXPECT_EQ(ny.day, 1);
}

TEST(BerlinTime, LocalToUtcRejectsInvalidInput) {
  EXPECT_THROW(berlin_local_to_utc(2026, 2, 29, 10, 0), std::invalid_argument);
  EXPECT_THROW(berlin_local_to_utc(2026, 13, 1, 10, 0), std::invalid_argument);
  EXPECT_THROW(berlin_local_to_utc(2026, 4, 31, 10, 0), std::invalid_argument);
  EXPECT_THROW(berlin_local_to_utc(2026, 4, 1, 24, 0), std::invalid_argument);
  EXPECT_THROW(berlin_local_to_utc(2026, 4, 1, 10, 60), std::invalid_argument);
  EXPECT_THROW(berlin_local_to_utc(2026, 4, 1, -1, 0), std::invalid_argument);
  EXPECT_NO_THROW(berlin_local_to_utc(2028, 2, 29, 10, 0));
}

TEST(BerlinTime, ParseRfc3339Offsets) {
  const std::int64_t expected = 1795856400;  // 2026-11-28T09:00:00Z
  EXPECT_EQ(parse_rfc3339("2026-11-28T09:00:00Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28T10:00:00+01:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28T04:30:00-04:30"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28T09:00:00-00:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28t09:00:00z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28 09:00:00Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28T09:00:00.999Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-11-28T09:00:00.5+00:00"), expected);
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(parse_rfc3339("2028-02-29T12:00:00+02:00"),
            days_from_civil(2028, 2, 29) * 86400 + 10 * 3600);
}

TEST(BerlinTime, ParseRfc3339RoundTrip) {
  for (std::int64_t t = 1767225600; t < 1798761600; t += 7919) {  // through 2026
    ASSERT_EQ(parse_rfc3339(format_rfc3339_utc(t)), t);
    ASSERT_EQ(parse_rfc3339(format_rfc3339_berlin(t)), t);
  }
}

TEST(BerlinTime, ParseRfc3339RejectsInvalid) {
  const char* bad[] = {
      "",
      "2026-11-28",
      "2026-11-28T09:00:00",        // no offset
      "2026-11-28T09:00Z",          // no seconds
      "2026-02-29T10:00:00Z",       // not a leap year
      "2026-04-31T10:00:00Z",       // April has 30 days
      "2026-13-01T10:00:00Z",       // month 13
      "2026-00-10T10:00:00Z",       // month 0
      "2026-01-00T10:00:00Z",       // day 0
      "2026-01-01T24:00:00Z",       // hour 24
      "2026-01-01T10:60:00Z",       // minute 60
      "2026-01-01T10:00:60Z",       // leap second
      "2026-01-01T10:00:00+24:00",  // offset out of range
      "2026-01-01T10:00:00+01:60",  // offset minutes out of range
      "2026-01-01T10:00:00+0100",   // offset without colon
      "2026-01-01T10:00:00+1:00",   // one-digit offset hour
      "2026-01-01T10:00:00.Z",      // empty fraction
      "2026-01-01T10:00:00Zx",      // trailing garbage
      "2026-01-01T10:00:00Z ",      // trailing space
      " 2026-01-01T10:00:00Z",      // leading space
      "26-01-01T10:00:00Z",         // two-digit year
      "2026-1-01T10:00:00Z",        // one-digit month
      "2026/01/01T10:00:00Z",       // wrong separator
      "2026-01-01X10:00:00Z",       // wrong date-time separator
      "2026-01-01T1a:00:00Z",       // not a digit
      "２０２６-01-01T10:00:00Z",   // full-width digits
  };
  for (const char* s : bad) EXPECT_EQ(parse_rfc3339(s), std::nullopt) << s;
}

TEST(BerlinTime, ParseIsoDate) {
  EXPECT_EQ(parse_iso_date("1970-01-01"), 0);
  EXPECT_EQ(parse_iso_date("2027-03-31"), days_from_civil(2027, 3, 31));
  EXPECT_EQ(parse_iso_date("2028-02-29"), days_from_civil(2028, 2, 29));
  for (const char* s : {"2027-02-29", "2027-13-01", "2027-00-10", "0000-00-00", "2027-3-31",
                        "2027/03/31", "2027-03-31T00:00:00Z", "", "２０２７-03-31", "+027-03-31"}) {
    EXPECT_EQ(parse_iso_date(s), std::nullopt) << s;
  }
}

}  // namespace
}  // namespace hk::domain
