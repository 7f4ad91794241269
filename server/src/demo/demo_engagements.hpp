#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "storage/database.hpp"

namespace hk::demo {

// Sign-ups for the demo needs, so that the demo shows needs at every fill state ("gedeckt",
// half full, empty), a waitlist, and the demo volunteer's engagements: upcoming ones, one on
// a waitlist, and past ones with confirmed hours for the certificate. Past engagements belong
// to two completed needs dated before `now`. Called inside the demo's write transaction.
void load_engagements(storage::Connection& c, std::int64_t now, std::int64_t municipality_id,
                      const std::map<std::string, std::int64_t>& org_ids,
                      std::int64_t volunteer_id);

}  // namespace hk::demo
