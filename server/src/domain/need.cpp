#include "domain/need.hpp"

#include <algorithm>
#include <array>

#include "domain/berlin_time.hpp"

namespace hk::domain {

namespace {

constexpr std::int64_t week_seconds = 7 * 24 * 3600;

// The same Berlin wall-clock time as `utc`, `days` days later.
std::int64_t same_local_time_later(std::int64_t utc, std::int64_t days) {
  const LocalTime t = utc_to_berlin(utc);
  const CivilDate d = civil_from_days(days_from_civil(t.year, t.month, t.day) + days);
  return berlin_local_to_utc(static_cast<int>(d.year), d.month, d.day, t.hour, t.minute, t.second);
}

}  // namespace

const std::vector<std::string>& need_categories() {
  static const std::vector<std::string> categories = {
      "shopping",       "reading",         "phone",       "transport", "seniors",
      "children_youth", "sport",           "environment", "animals",   "culture",
      "refugees",       "disaster_relief", "events",      "tutoring",  "other"};
  return categories;
}

bool valid_need_category(std::string_view category) {
  const auto& all = need_categories();
  return std::find(all.begin(), all.end(), category) != all.end();
}

bool valid_need_status(std::string_view status) {
  static constexpr std::array<std::string_view, 6> statuses = {
      "draft", "pending_review", "published", "rejected", "cancelled", "completed"};
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

int places_left(const Shift& shift) { return std::max(0, shift.capacity - shift.taken); }

bool is_full(const Shift& shift) { return shift.taken >= shift.capacity; }

bool has_started(const Shift& shift, std::int64_t now) { return now >= shift.starts_at; }

int places_left(const Need& need, std::int64_t now) {
  int sum = 0;
  for (const auto& s : need.shifts) {
    if (!has_started(s, now)) sum += places_left(s);
  }
  return sum;
}

bool is_covered(const Need& need, std::int64_t now) {
  bool any_to_come = false;
  for (const auto& s : need.shifts) {
    if (has_started(s, now)) continue;
    any_to_come = true;
    if (!is_full(s)) return false;
  }
  return any_to_come;
}

std::optional<std::int64_t> next_start(const Need& need, std::int64_t now) {
  for (const auto& shift : need.shifts) {
    if (!has_started(shift, now)) return shift.starts_at;
  }
  return std::nullopt;
}

bool is_public(const Need& need) {
  bool shown =
      need.status == "published" || need.status == "completed" || need.status == "cancelled";
  return shown && need.organization_status == "approved";
}

bool is_open_for_changes(const Need& need) {
  return need.status != "cancelled" && need.status != "completed" && need.status != "rejected";
}

bool accepts_signups(const Need& need) {
  return need.status == "published" && need.organization_status == "approved";
}

std::string initial_need_status(const Municipality& municipality, bool organization_trusted) {
  return municipality.moderation == "pre" && !organization_trusted ? "pending_review" : "published";
}

std::optional<std::string> need_status_after(std::string_view current, NeedDecision decision) {
  if (current != "pending_review") return std::nullopt;
  return decision == NeedDecision::approve ? "published" : "rejected";
}

int age_in_year_of(int birth_year, std::int64_t shift_start) {
  return utc_to_berlin(shift_start).year - birth_year;
}

std::int64_t berlin_day(std::int64_t utc) {
  const LocalTime t = utc_to_berlin(utc);
  return days_from_civil(t.year, t.month, t.day);
}

bool valid_repeat_until(std::int64_t until_day, std::int64_t first_shift_start, std::int64_t now) {
  const LocalTime today = utc_to_berlin(now);
  // 29 February has no twin next year; the year then ends on 28 February.
  const int day = std::min(today.day, days_in_month(today.year + 1, today.month));
  const std::int64_t latest = days_from_civil(today.year + 1, today.month, day);
  return until_day > berlin_day(first_shift_start) && until_day <= latest;
}

std::vector<Occurrence> weekly_occurrences(const Shift& pattern, std::int64_t after,
                                           std::int64_t horizon,
                                           std::optional<std::int64_t> until_day) {
  std::vector<Occurrence> out;
  // Skip the weeks that surely lie before `after`; a daylight saving change moves an instant
  // by an hour at most, so one week of margin is plenty.
  std::int64_t week = 1;
  if (after > pattern.starts_at) {
    week = std::max<std::int64_t>(1, (after - pattern.starts_at) / week_seconds - 1);
  }
  const std::int64_t duration = pattern.ends_at - pattern.starts_at;
  for (;; ++week) {
    const std::int64_t start = same_local_time_later(pattern.starts_at, 7 * week);
    if (start > horizon) break;
    if (until_day && berlin_day(start) > *until_day) break;
    if (start <= after) continue;
    std::int64_t end = same_local_time_later(pattern.ends_at, 7 * week);
    // An end in the hour skipped in spring can land on the start; keep the length instead.
    if (end <= start) end = start + duration;
    out.push_back({static_cast<int>(week), start, end});
  }
  return out;
}

}  // namespace hk::domain
