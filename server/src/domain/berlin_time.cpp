#include "domain/berlin_time.hpp"

#include <cstdio>
#include <stdexcept>

namespace hk::domain {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

// The UTC instant (01:00 UTC) of the last Sunday of `month` in `year`.
std::int64_t last_sunday_0100_utc(std::int64_t year, int month) {
  std::int64_t last = days_from_civil(year, month, days_in_month(year, month));
  last -= weekday_from_days(last) % 7;  // Sunday (7) stays, Monday (1) goes back one day, ...
  return last * kSecondsPerDay + 3600;
}

// Parses exactly `n` decimal digits at `pos`; advances `pos` on success.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days, on 400-year eras.
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = (month + 9) % 12;                        // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  CivilDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = yoe + era * 400 + (d.month <= 2 ? 1 : 0);
  return d;
}

bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

bool is_valid_date(std::int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

int weekday_from_days(std::int64_t days) {
  // 1970-01-01 was a Thursday (ISO 4).
  return static_cast<int>(floor_mod(days + 3, 7)) + 1;
}

int berlin_offset_seconds(std::int64_t utc) {
  const std::int64_t year = civil_from_days(floor_div(utc, kSecondsPerDay)).year;
  const std::int64_t summer_start = last_sunday_0100_utc(year, 3);
  const std::int64_t summer_end = last_sunday_0100_utc(year, 10);
  return (utc >= summer_start && utc < summer_end) ? 7200 : 3600;
}

LocalTime utc_to_berlin(std::int64_t utc) {
  LocalTime t;
  t.offset_seconds = berlin_offset_seconds(utc);
  const std::int64_t local = utc + t.offset_seconds;
  const std::int64_t days = floor_div(local, kSecondsPerDay);
  const std::int64_t secs = local - days * kSecondsPerDay;
  const CivilDate d = civil_from_days(days);
  t.year = static_cast<int>(d.year);
  t.month = d.month;
  t.day = d.day;
  t.hour = static_cast<int>(secs / 3600);
  t.minute = static_cast<int>(secs / 60 % 60);
  t.second = static_cast<int>(secs % 60);
  t.weekday = weekday_from_days(days);
  return t;
}

std::int64_t berlin_local_to_utc(int year, int month, int day, int hour, int minute, int second) {
  if (!is_valid_date(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59) {
    throw std::invalid_argument("invalid Berlin local date or time");
  }
  const std::int64_t local =
      days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  const std::int64_t as_summer = local - 7200;
  if (berlin_offset_seconds(as_summer) == 7200) return as_summer;  // also the earlier of two
  const std::int64_t as_winter = local - 3600;
  if (berlin_offset_seconds(as_winter) == 3600) return as_winter;
  // In the spring-forward gap: read with the winter offset that applied before it.
  return as_winter;
}

CivilDate berlin_date_plus_days(std::int64_t utc, int days) {
  const LocalTime t = utc_to_berlin(utc);
  return civil_from_days(days_from_civil(t.year, t.month, t.day) + days);
}

std::string format_rfc3339_utc(std::int64_t utc) {
  const std::int64_t days = floor_div(utc, kSecondsPerDay);
  const std::int64_t secs = utc - days * kSecondsPerDay;
  const CivilDate d = civil_from_days(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(d.year),
                d.month, d.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string format_rfc3339_berlin(std::int64_t utc) {
  const LocalTime t = utc_to_berlin(utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00", t.year, t.month, t.day,
                t.hour, t.minute, t.second, t.offset_seconds / 3600);
  return buf;
}

std::string format_german_berlin(std::int64_t utc) {
  const LocalTime t = utc_to_berlin(utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d, %02d:%02d", t.day, t.month, t.year, t.hour,
                t.minute);
  return buf;
}

std::optional<std::int64_t> parse_rfc3339(std::string_view s) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, day)) {
    return std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, second)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t first = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == first) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om)) {
      return std::nullopt;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (!is_valid_date(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second -
         offset;
}

std::optional<std::int64_t> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < lengths[i]; ++k) {
      char ch = s[starts[i] + k];
      if (ch < '0' || ch > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (ch - '0');
    }
  }
  if (!is_valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
  return days_from_civil(parts[0], parts[1], parts[2]);
}

}  // namespace hk::domain
