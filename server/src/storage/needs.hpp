#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/need.hpp"
#include "storage/database.hpp"

namespace hk::storage {

// Inserts the need and its shifts (need.shifts); returns the new need's id.
std::int64_t insert_need(Connection& c, const domain::Need& need, std::int64_t now);

// The need with its shifts ordered by start, each with its counts, and the name and status of
// its organisation; nullopt when there is none.
std::optional<domain::Need> find_need(Connection& c, std::int64_t id);

// Title, description, category, place, requirements, sign-up mode, waitlist, contact and the
// weekly rule of `need` (found by its id).
void update_need(Connection& c, const domain::Need& need, std::int64_t now);
void set_need_status(Connection& c, std::int64_t id, const std::string& status,
                     const std::optional<std::string>& reason, std::int64_t now);

struct NeedFilter {
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> municipality_id;
  std::vector<std::string> statuses;  // empty: every status
  bool approved_organizations_only = false;
  std::int64_t before_id = 0;  // paging, newest first; 0: from the newest
  int limit = 50;
};
// Newest first, each with its shifts.
std::vector<domain::Need> list_needs(Connection& c, const NeedFilter& filter);

// The shift with its counts; nullopt when there is none.
std::optional<domain::Shift> find_shift(Connection& c, std::int64_t id);

// Marks the need as changed when one of its shifts changed: calendars number the versions of
// an event by the need's updated_at and ignore a change that keeps it.
void touch_need(Connection& c, std::int64_t need_id, std::int64_t now);
std::int64_t insert_shift(Connection& c, std::int64_t need_id, const domain::Shift& shift,
                          std::int64_t now);
// New times and capacity of `shift` (found by its id). The capacity is only lowered as far as
// the confirmed sign-ups allow, checked by the UPDATE itself: false when `taken` exceeds it.
bool update_shift(Connection& c, const domain::Shift& shift);
// Its sign-ups go with it.
void delete_shift(Connection& c, std::int64_t id);
// Removes the repetitions made by the weekly rule (week > 0) that start after `after` and
// nobody has signed up for, when the rule ends earlier or stops; returns how many went.
int delete_unused_repetitions(Connection& c, std::int64_t need_id, std::int64_t after);

}  // namespace hk::storage
