#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/need.hpp"
#include "storage/database.hpp"

namespace hk::storage {

// The rows the background jobs read and claim. Every claim is a conditional UPDATE ...
// RETURNING, so with several servers on one database each row is handled by one of them.

// Weekly repetitions.
struct RepetitionRule {
  bool repeat_weekly = false;
  std::optional<std::int64_t> repeat_until;  // Berlin date, days since the epoch
  std::string status;
};
std::optional<RepetitionRule> find_repetition_rule(Connection& c, std::int64_t need_id);
// Needs whose weekly rule is running: repeating, published or waiting for review.
std::vector<std::int64_t> repeating_need_ids(Connection& c);

// A shift entered by hand (week 0) and the highest week generated from it so far.
struct RepetitionSource {
  domain::Shift shift;
  int last_week = 0;
};
std::vector<RepetitionSource> repetition_sources(Connection& c, std::int64_t need_id);
// False when that week of the source exists already.
bool insert_repetition(Connection& c, const domain::Shift& source,
                       const domain::Occurrence& occurrence, std::int64_t now);
// The shift made for `week` of `source_shift_id`, if there is one.
std::optional<std::int64_t> find_repetition(Connection& c, std::int64_t source_shift_id, int week);

// Reminders: confirmed sign-ups, not reminded yet, whose shift of a published need starts in
// (from, to].
std::vector<std::int64_t> due_reminder_ids(Connection& c, std::int64_t from, std::int64_t to,
                                           int limit);
struct ClaimedReminder {
  std::int64_t signup_id = 0;
  std::int64_t shift_id = 0;
  std::int64_t user_id = 0;
};
// Marks the reminder as sent and stores the hash of its link token, unless another server did
// so first or the sign-up no longer qualifies.
std::optional<ClaimedReminder> claim_reminder(Connection& c, std::int64_t signup_id,
                                              std::int64_t from, std::int64_t to,
                                              const std::string& link_token_hash);

// Expiry warnings: published needs not warned yet, with a shift to come, no confirmed place
// in any shift to come, and the last shift starting by `last_start_by`. Marks them warned
// and returns their ids.
std::vector<std::int64_t> claim_expiring_needs(Connection& c, std::int64_t now,
                                               std::int64_t last_start_by);

// Completion: published needs whose shifts have all ended and which do not repeat any more
// (no weekly rule, or its last day is before `today`). Sets them completed; returns their ids.
std::vector<std::int64_t> complete_finished_needs(Connection& c, std::int64_t now,
                                                  std::int64_t today);

}  // namespace hk::storage
