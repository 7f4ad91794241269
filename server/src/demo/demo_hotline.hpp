#pragma once

#include <cstdint>

#include "storage/database.hpp"

namespace hk::demo {

// Calls to the hotline of Gütersloh, with invented callers: one just taken (new), one
// published with offers to help (one from the demo volunteer), one weekly shopping matched
// with the demo volunteer, and one done a few days ago; each with its dated notes. Made
// through the storage and domain rules of the hotline, dated relative to `now`. Called inside
// the demo's write transaction, after the organisations, the logins and the fictional helpers
// exist.
void load_hotline(storage::Connection& c, std::int64_t now, std::int64_t municipality_id,
                  std::int64_t coordinator_id, std::int64_t volunteer_id);

}  // namespace hk::demo
