#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/municipality.hpp"

namespace hk::domain {

// The fixed list of categories (ids as in the API).
const std::vector<std::string>& need_categories();
bool valid_need_category(std::string_view category);

struct NeedLocation {
  GeoPoint point;
  std::optional<std::string> address;
  std::optional<std::string> place_name;
};

struct NeedRequirements {
  std::optional<int> min_age;
  bool driving_licence = false;
  bool conduct_certificate = false;
};

struct NeedContact {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
};

struct Shift {
  std::int64_t id = 0;
  std::int64_t need_id = 0;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  int capacity = 1;
  int taken = 0;       // confirmed sign-ups
  int waitlisted = 0;  // counts read with the shift
  int requested = 0;
  std::optional<std::int64_t> source_shift_id;  // set on shifts made by the weekly rule
  int week = 0;
};

struct Need {
  std::int64_t id = 0;
  std::int64_t organization_id = 0;
  std::int64_t municipality_id = 0;
  std::string organization_name;  // read with the need, for display
  std::string organization_status;
  std::string organization_contact_email;  // the contact when the need names no address
  std::string title;
  std::string description;
  std::string category;
  bool remote = false;
  std::optional<NeedLocation> location;  // none when remote
  NeedRequirements requirements;
  std::string signup_mode = "open";  // open | approval
  bool waitlist = true;
  NeedContact contact;
  bool repeat_weekly = false;
  std::optional<std::int64_t> repeat_until;  // Berlin date, days since 1970-01-01
  std::string status;  // draft | pending_review | published | rejected | cancelled | completed
  std::optional<std::string> status_reason;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::vector<Shift> shifts;  // ordered by start
};

// Every status a need can have.
bool valid_need_status(std::string_view status);

// Limits of a shift as a group enters it.
inline constexpr std::int64_t max_shift_seconds = 7 * 24 * 3600;
inline constexpr std::int64_t max_shift_lead_seconds = 2 * 366 * 24 * 3600;  // about two years
inline constexpr int max_shift_capacity = 500;
inline constexpr int max_need_shifts = 50;  // entered by hand; repetitions do not count

// Places still free in a shift (never negative).
int places_left(const Shift& shift);
bool is_full(const Shift& shift);
// A shift counts as past once it has begun: nobody can join it any more.
bool has_started(const Shift& shift, std::int64_t now);

// Free places summed over the shifts that have not started.
int places_left(const Need& need, std::int64_t now);
// "gedeckt": there is at least one shift still to come and every such shift is full.
bool is_covered(const Need& need, std::int64_t now);
// The start of the first shift that has not begun; none when all have.
std::optional<std::int64_t> next_start(const Need& need, std::int64_t now);

// A need a citizen may see: published, completed or cancelled, of an approved group.
bool is_public(const Need& need);
// Members may still change it (not cancelled, completed or rejected).
bool is_open_for_changes(const Need& need);
// Volunteers may join its shifts.
bool accepts_signups(const Need& need);

// The status a new need starts in: the queue when the municipality pre-moderates and the
// group is not trusted.
std::string initial_need_status(const Municipality& municipality, bool organization_trusted);

// A coordinator's decision on a need in the queue.
enum class NeedDecision { approve, reject };
std::optional<std::string> need_status_after(std::string_view current, NeedDecision decision);

// The age a person born in `birth_year` reaches in the year of `shift_start` (Berlin time).
// Only the year is asked for, so this is the age at the end of that year; the group checks
// on site.
int age_in_year_of(int birth_year, std::int64_t shift_start);

// The Berlin date of an instant, as days since 1970-01-01 (the unit of Need::repeat_until).
std::int64_t berlin_day(std::int64_t utc);
// The end of a weekly rule must lie after the Berlin date of the first shift and at most a
// year after today (Berlin), so no series runs on unattended.
bool valid_repeat_until(std::int64_t until_day, std::int64_t first_shift_start, std::int64_t now);

// The weekly repetitions of a shift: week numbers 1, 2, ... whose start lies in
// (`after`, `horizon`] and whose Berlin date is on or before `until_day` (when given). The
// local wall-clock time stays the same across daylight saving changes.
struct Occurrence {
  int week = 0;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
};
std::vector<Occurrence> weekly_occurrences(const Shift& pattern, std::int64_t after,
                                           std::int64_t horizon,
                                           std::optional<std::int64_t> until_day);

}  // namespace hk::domain
