#pragma once

#include <cstdint>

#include "storage/database.hpp"

namespace hk::jobs {

// How far ahead the weekly rule makes shifts: far enough to plan, near enough that a changed
// rule does not leave months of stale shifts behind.
inline constexpr std::int64_t repetition_horizon_seconds = 8 * 7 * 24 * 3600;

// Makes the weekly repetitions of every original shift of the need (when it repeats and is
// published or pending review) whose start lies before now + the horizon. Repetitions made
// before are skipped (ON CONFLICT on (source_shift_id, week)), so calling it again, or from
// two servers at once, is harmless. Returns how many shifts were inserted.
int generate_repetitions(storage::Connection& c, std::int64_t need_id, std::int64_t now);

}  // namespace hk::jobs
