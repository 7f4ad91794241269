#pragma once

#include <boost/json.hpp>

#include "domain/account.hpp"
#include "domain/municipality.hpp"

namespace hk::api {

// The JSON shapes of ../shared/API.md, shared by every handler that returns them.
boost::json::object encode(const domain::Municipality& m);
// The user as GET /api/v1/me shows it, with the session's CSRF token.
boost::json::object encode_me(const domain::User& u, const std::string& csrf_token);

}  // namespace hk::api
