#pragma once

// Europe/Berlin civil time and RFC 3339 without a time-zone database: pure arithmetic on the
// proleptic Gregorian calendar plus the EU daylight-saving rule (CEST from the last Sunday of
// March 01:00 UTC to the last Sunday of October 01:00 UTC, CET otherwise). The EU rule is
// applied to every year, which is exact for Germany since 1996.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hk::domain {

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (may be negative).
std::int64_t days_from_civil(std::int64_t year, int month, int day);

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;
  int day = 1;
};
CivilDate civil_from_days(std::int64_t days);

bool is_leap_year(std::int64_t year);
int days_in_month(std::int64_t year, int month);  // 0 for a month outside 1..12
bool is_valid_date(std::int64_t year, int month, int day);

// ISO weekday of a day count since the epoch: 1 = Monday ... 7 = Sunday.
int weekday_from_days(std::int64_t days);

// Seconds Berlin is ahead of UTC at the instant `utc` (3600 for CET, 7200 for CEST).
int berlin_offset_seconds(std::int64_t utc);

// A Berlin wall-clock reading of one instant.
struct LocalTime {
  int year = 1970;
  int month = 1;              // 1..12
  int day = 1;                // 1..31
  int hour = 0;               // 0..23
  int minute = 0;             // 0..59
  int second = 0;             // 0..59
  int weekday = 4;            // ISO: 1 = Monday ... 7 = Sunday
  int offset_seconds = 3600;  // 3600 (CET) or 7200 (CEST)
  bool is_dst() const { return offset_seconds == 7200; }
};

LocalTime utc_to_berlin(std::int64_t utc);

// The UTC instant of a Berlin wall-clock time. Times that occur twice (the last Sunday of
// October, 02:00-02:59) resolve to the earlier instant (CEST); times that do not exist (the
// last Sunday of March, 02:00-02:59) are read with the offset before the gap, so 02:30 becomes
// 03:30 CEST. Throws std::invalid_argument for an invalid date or time.
std::int64_t berlin_local_to_utc(int year, int month, int day, int hour, int minute,
                                 int second = 0);

// The Berlin calendar date `days` days after the Berlin date of `utc` (days may be negative).
CivilDate berlin_date_plus_days(std::int64_t utc, int days);

// "2026-11-28T09:00:00Z"
std::string format_rfc3339_utc(std::int64_t utc);
// "2026-11-28T10:00:00+01:00" — the same instant as Berlin wall-clock time with its offset.
std::string format_rfc3339_berlin(std::int64_t utc);
// "28.11.2026, 10:00" — for mails and other human-readable German text.
std::string format_german_berlin(std::int64_t utc);

// Parses an RFC 3339 date-time ("2026-11-28T10:00:00+01:00", "...Z", fractional seconds
// allowed and truncated, 't'/'z' and a space for 'T' accepted) into unix seconds. Returns
// nullopt for anything malformed or for an invalid date or time (30 February, 24:00,
// a leap second, an offset beyond ±23:59).
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// "2027-03-31" as days since 1970-01-01; nullopt for anything else or an invalid date.
std::optional<std::int64_t> parse_iso_date(std::string_view text);

}  // namespace hk::domain
