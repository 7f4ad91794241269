#include "storage/signup_links.hpp"

#include "api/help_request_actions.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/signup_actions.hpp"
#include "api/signup_json.hpp"
#include "auth/tokens.hpp"
#include "domain/berlin_time.hpp"
#include "storage/accounts.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

// The links of the reminder mail stand for the sign-up: whoever holds the mail may confirm or
// cancel, without an account session (and so without CSRF token) — like the mail itself.

storage::Engagement engagement_of(storage::Connection& c, const http::Request& request) {
  auto id = storage::find_signup_by_link(c, auth::token_hash(request.param("token")));
  if (!id) throw http::not_found();
  auto engagement = storage::find_engagement(c, *id);
  if (!engagement) throw http::not_found();
  return *engagement;
}

json::object encode_link(const storage::Engagement& e) {
  const auto& at = e.signup.reconfirmed_at;
  return {
      {"signup", encode_engagement(e)},
      {"reconfirmedAt", at ? json::value(domain::format_rfc3339_utc(*at)) : json::value(nullptr)}};
}

http::Response show(Services& services, http::Request& request) {
  auto now = services.now();
  json::object body;
  services.db.read([&](storage::Connection& c) {
    auto e = engagement_of(c, request);
    // The link is good until the shift begins.
    if (domain::has_started(e.shift, now)) throw http::not_found();
    body = encode_link(e);
  });
  return json_response(200, body);
}

http::Response confirm(Services& services, http::Request& request) {
  auto now = services.now();
  json::object body;
  services.db.write([&](storage::Connection& c) {
    auto e = engagement_of(c, request);
    if (domain::has_started(e.shift, now)) throw shift_started_error();
    storage::set_reconfirmed(c, e.signup.id, now);
    body = encode_link(engagement_of(c, request));
  });
  return json_response(200, body);
}

http::Response cancel(Services& services, http::Request& request) {
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto e = engagement_of(c, request);
    leave_shift(c, services, e.signup, now);
    // The matched helper of a hotline request who cancels here is let go as by the app.
    if (auto helper = e.signup.user_id ? storage::find_user(c, *e.signup.user_id) : std::nullopt) {
      unmatch_if_helper_left(c, services, *helper, e.shift.need_id, now);
    }
  });
  return http::Response::no_content();
}

}  // namespace

void add_signup_link_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/signup-links/{token}",
             [&services](http::Request& r) { return show(services, r); });
  router.add("POST", "/api/v1/signup-links/{token}/confirm",
             [&services](http::Request& r) { return confirm(services, r); });
  router.add("POST", "/api/v1/signup-links/{token}/cancel",
             [&services](http::Request& r) { return cancel(services, r); });
}

}  // namespace hk::api
