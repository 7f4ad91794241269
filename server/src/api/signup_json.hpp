#pragma once

#include <boost/json.hpp>
#include <optional>

#include "domain/need.hpp"
#include "domain/signup.hpp"
#include "storage/signups.hpp"

namespace hk::api {

// Hours as the API writes them (minutes are stored): 2 or 1.75; null for none.
boost::json::value hours_json(std::optional<int> minutes);

// One item of GET /api/v1/me/signups: the sign-up, its shift and a summary of the need.
boost::json::object encode_engagement(const storage::Engagement& e);

// A participant as the group sees them; with "shiftId" when given.
boost::json::object encode_participant(const storage::Participant& p,
                                       std::optional<std::int64_t> shift_id = std::nullopt);

}  // namespace hk::api
