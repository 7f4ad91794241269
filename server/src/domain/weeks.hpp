#pragma once

// Berlin calendar weeks (Monday to Sunday) for the coordinators' weekly charts. A week starts
// on Monday 00:00 Berlin time, so it lasts 167 or 169 hours when daylight saving time begins
// or ends in it: boundaries are computed as wall-clock midnights, never as multiples of 7 days.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/berlin_time.hpp"

namespace hk::domain {

struct BerlinWeek {
  CivilDate monday;            // the Berlin date the week starts on
  std::int64_t starts_at = 0;  // Monday 00:00 Berlin, included
  std::int64_t ends_at = 0;    // the next Monday 00:00 Berlin, excluded
};

// The start of the Berlin week containing `utc`; an instant exactly at Monday 00:00 Berlin
// starts its week.
std::int64_t berlin_week_start(std::int64_t utc);

// The `count` weeks ending with the one containing `now`, oldest first (empty for count <= 0).
std::vector<BerlinWeek> last_berlin_weeks(std::int64_t now, int count);

// "2026-09-07"
std::string format_civil_date(const CivilDate& date);

}  // namespace hk::domain
