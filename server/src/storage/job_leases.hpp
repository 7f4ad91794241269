#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace hk::storage {

// Takes the lease `name` for `holder` until `until` when nobody holds it, its holder let it
// expire (expires_at <= now), or `holder` holds it already (then it is renewed). True when
// `holder` holds it afterwards.
bool take_job_lease(Connection& c, const std::string& name, const std::string& holder,
                    std::int64_t now, std::int64_t until);

// The current holder of the lease `name`, expired or not; nullopt when nobody ever took it.
std::optional<std::string> job_lease_holder(Connection& c, const std::string& name);

}  // namespace hk::storage
