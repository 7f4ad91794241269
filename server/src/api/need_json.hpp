#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>

#include "domain/account.hpp"
#include "domain/need.hpp"
#include "domain/signup.hpp"
#include "storage/database.hpp"

namespace hk::api {

// A need as the API answers it (openapi.json, schema Need). Counts are public; names of
// volunteers never appear. `mine` holds the caller's sign-ups by shift id, for `mySignup`.
boost::json::object encode_need(const domain::Need& need,
                                const std::map<std::int64_t, domain::Signup>& mine,
                                std::int64_t now);

// The same for `user` (null for a visitor), reading the user's sign-ups inside the caller's
// transaction.
boost::json::object need_json(storage::Connection& c, const domain::Need& need,
                              const domain::User* user, std::int64_t now);

// One shift as the Need JSON lists it; `mine` is the caller's sign-up, if any.
boost::json::object encode_shift(const domain::Shift& shift, const domain::Signup* mine,
                                 std::int64_t now);

// {lat, lon, address, placeName}, or null for a remote need.
boost::json::value encode_need_location(const domain::Need& need);

}  // namespace hk::api
