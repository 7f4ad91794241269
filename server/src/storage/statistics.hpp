#pragma once

// Counts for the coordinators' dashboard of one municipality. Read-only and aggregated in
// SQL, so the work stays proportional to the municipality's own rows.

#include <cstdint>
#include <optional>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// Help requests still open, by status, and when the oldest of them came in.
struct OpenHelpRequests {
  int new_count = 0;
  int published = 0;
  int matched = 0;
  std::optional<std::int64_t> oldest_created_at;
};
OpenHelpRequests count_open_help_requests(Connection& c, std::int64_t municipality_id);

// Published needs of approved groups with at least one shift starting after `now`, by how
// their shifts to come are filled: open = no confirmed place taken in any of them, covered =
// every one full, partial = the rest.
struct NeedFill {
  int open = 0;
  int partial = 0;
  int covered = 0;
};
NeedFill count_need_fill(Connection& c, std::int64_t municipality_id, std::int64_t now);

// What waits for a coordinator's decision: organisations applying, needs in pre-moderation.
struct PendingApprovals {
  int organizations = 0;
  int needs = 0;
};
PendingApprovals count_pending_approvals(Connection& c, std::int64_t municipality_id);

// Activity per period. `boundaries` are ascending instants; period i is
// [boundaries[i], boundaries[i + 1]), so n + 1 boundaries give n periods (the Berlin weeks
// of domain/weeks.hpp; they are computed there because SQL cannot portably tell Berlin time).
struct PeriodActivity {
  int needs = 0;                      // needs of the municipality created in the period
  int signups = 0;                    // sign-ups made for them in the period, except declined ones
  std::int64_t attended_minutes = 0;  // attended time of shifts starting in the period
};
std::vector<PeriodActivity> activity_by_period(Connection& c, std::int64_t municipality_id,
                                               const std::vector<std::int64_t>& boundaries);

}  // namespace hk::storage
