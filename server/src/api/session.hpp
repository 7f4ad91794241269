#pragma once

#include <optional>

#include "api/services.hpp"
#include "domain/account.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace hk::api {

inline constexpr const char* session_cookie = "hk_session";

struct CurrentUser {
  domain::User user;
  domain::Session session;
};

// The signed-in user, or nullopt. A state-changing request (POST, PUT, PATCH, DELETE) that
// carries a session must also carry its CSRF token in X-CSRF-Token, else 403.
std::optional<CurrentUser> current_user(Services& services, const http::Request& request);
CurrentUser require_user(Services& services, const http::Request& request);

// Starts a session for `user_id` and sets its cookie on `response`; returns the CSRF token.
std::string start_session(Services& services, const http::Request& request,
                          http::Response& response, std::int64_t user_id);
void end_session(Services& services, const CurrentUser& current, const http::Request& request,
                 http::Response& response);

}  // namespace hk::api
