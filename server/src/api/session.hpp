#pragma once

#include <optional>

#include "api/services.hpp"
#include "domain/account.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "storage/database.hpp"

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
// The user for permission checks, which take nullptr for an anonymous caller.
inline const domain::User* user_of(const std::optional<CurrentUser>& current) {
  return current ? &current->user : nullptr;
}

// Starts a session for `user_id` and sets its cookie on `response`; returns the CSRF token.
std::string start_session(Services& services, const http::Request& request,
                          http::Response& response, std::int64_t user_id);
void end_session(Services& services, const CurrentUser& current, const http::Request& request,
                 http::Response& response);

// The same in steps, for handlers that replace sessions inside their own transaction: ends
// every session of the user (e.g. after a password change) ...
void end_all_sessions(storage::Connection& c, std::int64_t user_id);
// ... stores a new one ...
struct NewSession {
  std::string token;  // goes into the cookie only; the database keeps its hash
  std::string csrf_token;
};
NewSession create_session(storage::Connection& c, std::int64_t user_id, std::int64_t now);
// ... and, once committed, hands it to the client (or tells the client to drop its cookie).
void set_session_cookie(const Services& services, const http::Request& request,
                        http::Response& response, const NewSession& session);
void clear_session_cookie(const Services& services, const http::Request& request,
                          http::Response& response);

}  // namespace hk::api
