#include "domain/weeks.hpp"

#include <cstdio>

namespace hk::domain {

namespace {

// Days since the epoch of the Monday of the Berlin week containing `utc`.
std::int64_t berlin_monday(std::int64_t utc) {
  const LocalTime t = utc_to_berlin(utc);
  return days_from_civil(t.year, t.month, t.day) - (t.weekday - 1);
}

// Midnight never falls into a daylight saving gap or overlap in Berlin (the clocks change at
// 02:00 and 03:00), so it is always one unambiguous instant.
std::int64_t berlin_midnight(std::int64_t days) {
  const CivilDate d = civil_from_days(days);
  return berlin_local_to_utc(static_cast<int>(d.year), d.month, d.day, 0, 0);
}

}  // namespace

std::int64_t berlin_week_start(std::int64_t utc) { return berlin_midnight(berlin_monday(utc)); }

std::vector<BerlinWeek> last_berlin_weeks(std::int64_t now, int count) {
  std::vector<BerlinWeek> out;
  if (count <= 0) return out;
  out.reserve(static_cast<std::size_t>(count));
  const std::int64_t current = berlin_monday(now);
  std::int64_t start = berlin_midnight(current - 7 * std::int64_t{count - 1});
  for (int i = count - 1; i >= 0; --i) {
    const std::int64_t monday = current - 7 * std::int64_t{i};
    const std::int64_t end = berlin_midnight(monday + 7);
    out.push_back({civil_from_days(monday), start, end});
    start = end;
  }
  return out;
}

std::string format_civil_date(const CivilDate& date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(date.year), date.month,
                date.day);
  return buf;
}

}  // namespace hk::domain
