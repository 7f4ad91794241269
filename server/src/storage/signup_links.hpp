#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace hk::storage {

// The links of the reminder mail: the sign-up stands behind the hash of their token (set
// when the reminder is claimed, see storage/housekeeping.hpp).

// The sign-up whose link token has this hash.
std::optional<std::int64_t> find_signup_by_link(Connection& c, const std::string& token_hash);
// "Ich komme": the first confirmation counts.
void set_reconfirmed(Connection& c, std::int64_t signup_id, std::int64_t now);

}  // namespace hk::storage
