#include "api/session.hpp"

#include <fmt/format.h>

#include "auth/tokens.hpp"
#include "http/problem.hpp"
#include "storage/accounts.hpp"

namespace hk::api {

namespace {

bool state_changing(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string cookie_header(const Services& services, const http::Request& request,
                          const std::string& value, std::int64_t max_age) {
  bool secure = request.secure || services.config.effective_base_url().starts_with("https://");
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", session_cookie, value,
                     max_age, secure ? "; Secure" : "");
}

}  // namespace

std::optional<CurrentUser> current_user(Services& services, const http::Request& request) {
  auto token = request.cookie(session_cookie);
  if (!token || token->empty()) return std::nullopt;
  auto hash = auth::token_hash(*token);
  auto now = services.now();
  std::optional<CurrentUser> found;
  services.db.read([&](storage::Connection& c) {
    auto session = storage::find_session(c, hash);
    if (!session || !domain::session_valid(*session, now)) return;
    auto user = storage::find_user(c, session->user_id);
    if (user) found = CurrentUser{std::move(*user), *session};
  });
  if (!found) return std::nullopt;
  if (state_changing(request.method)) {
    auto sent = request.header("X-CSRF-Token");
    if (!sent || !auth::constant_time_equals(*sent, found->session.csrf_token)) {
      throw http::ApiError(403, "csrf", {"Sicherheitsmerkmal fehlt", "CSRF token missing"},
                           {"Die Anfrage enthält kein gültiges X-CSRF-Token. Bitte laden Sie "
                            "die Seite neu.",
                            "The request lacks a valid X-CSRF-Token. Please reload the page."});
    }
  }
  if (now - found->session.last_seen_at >= domain::session_touch_seconds) {
    services.db.write(
        [&](storage::Connection& c) { storage::touch_session(c, found->session.id, now); });
  }
  return found;
}

CurrentUser require_user(Services& services, const http::Request& request) {
  auto current = current_user(services, request);
  if (!current) throw http::unauthorized();
  return std::move(*current);
}

void end_all_sessions(storage::Connection& c, std::int64_t user_id) {
  storage::delete_user_sessions(c, user_id);
}

NewSession create_session(storage::Connection& c, std::int64_t user_id, std::int64_t now) {
  NewSession session{auth::random_token(), auth::random_token()};
  storage::insert_session(c, user_id, auth::token_hash(session.token), session.csrf_token, now,
                          now + domain::session_absolute_seconds);
  return session;
}

void set_session_cookie(const Services& services, const http::Request& request,
                        http::Response& response, const NewSession& session) {
  response.set_header("Set-Cookie", cookie_header(services, request, session.token,
                                                  domain::session_absolute_seconds));
}

void clear_session_cookie(const Services& services, const http::Request& request,
                          http::Response& response) {
  response.set_header("Set-Cookie", cookie_header(services, request, "", 0));
}

std::string start_session(Services& services, const http::Request& request,
                          http::Response& response, std::int64_t user_id) {
  NewSession session;
  auto now = services.now();
  services.db.write([&](storage::Connection& c) { session = create_session(c, user_id, now); });
  set_session_cookie(services, request, response, session);
  return session.csrf_token;
}

void end_session(Services& services, const CurrentUser& current, const http::Request& request,
                 http::Response& response) {
  services.db.write(
      [&](storage::Connection& c) { storage::delete_session(c, current.session.id); });
  clear_session_cookie(services, request, response);
}

}  // namespace hk::api
