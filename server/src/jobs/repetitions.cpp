#include "jobs/repetitions.hpp"

#include <optional>

#include "storage/help_requests.hpp"
#include "storage/housekeeping.hpp"
#include "storage/signups.hpp"

namespace hk::jobs {

int generate_repetitions(storage::Connection& c, std::int64_t need_id, std::int64_t now) {
  auto rule = storage::find_repetition_rule(c, need_id);
  if (!rule || !rule->repeat_weekly) return 0;
  if (rule->status != "published" && rule->status != "pending_review") return 0;
  const std::optional<std::int64_t> helper = storage::matched_helper_of_need(c, need_id);
  int inserted = 0;
  for (const auto& source : storage::repetition_sources(c, need_id)) {
    // Weeks already past are not made up for: nobody could join them.
    for (const auto& occurrence : domain::weekly_occurrences(
             source.shift, now, now + repetition_horizon_seconds, rule->repeat_until)) {
      if (occurrence.week <= source.last_week) continue;
      if (!storage::insert_repetition(c, source.shift, occurrence, now)) continue;
      ++inserted;
      if (!helper) continue;
      // A recurring hotline request keeps its helper from week to week: the new shift's
      // place is theirs, in the transaction that made the shift.
      if (auto shift_id = storage::find_repetition(c, source.shift.id, occurrence.week)) {
        storage::confirm_place(c, *shift_id, *helper, now);
      }
    }
  }
  return inserted;
}

}  // namespace hk::jobs
