#include "api/account_rules.hpp"
#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "auth/password.hpp"
#include "mail/outbox.hpp"
#include "storage/accounts.hpp"

namespace hk::api {

namespace {

http::Response me(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  return json_response(200, encode_me(current.user, current.session.csrf_token));
}

http::Response update_me(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto name = display_name_field(fields, "displayName", false);
  auto language = language_field(fields, "language");
  fields.done();

  auto now = services.now();
  std::optional<domain::User> user;
  services.db.write([&](storage::Connection& c) {
    if (name || language) storage::update_profile(c, current.user.id, name, language, now);
    user = storage::find_user(c, current.user.id);
  });
  if (!user) throw http::unauthorized();  // the account was deleted meanwhile
  return json_response(200, encode_me(*user, current.session.csrf_token));
}

http::Response change_password(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto old_password = password_field(fields, "currentPassword");
  auto new_password = new_password_field(fields, "newPassword", current.user.email);
  fields.done();

  if (!own_password_confirmed(services, request, current.user, *old_password)) {
    throw http::validation_failed(
        {{"currentPassword",
          {"Das bisherige Passwort ist nicht richtig.", "The current password is not correct."}}});
  }

  auto hash = auth::hash_password(*new_password);
  auto now = services.now();
  NewSession session;
  services.db.write([&](storage::Connection& c) {
    storage::set_password(c, current.user.id, hash, now);
    storage::retire_account_tokens(c, current.user.id, "reset_password", now);
    // Every other device signs in again; this one gets a fresh session, since the old one
    // may be what an intruder holds too.
    end_all_sessions(c, current.user.id);
    session = create_session(c, current.user.id, now);
    mail::enqueue(c,
                  {.template_id = "password_changed",
                   .to = current.user.email,
                   .user_id = current.user.id,
                   .language = current.user.language,
                   .params = {{"name", current.user.display_name},
                              {"reset_link", web_link(services, "/passwort-vergessen")}}},
                  now);
  });
  auto response = json_response(200, encode_me(current.user, session.csrf_token));
  set_session_cookie(services, request, response, session);
  return response;
}

}  // namespace

void add_me_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/me", [&services](http::Request& r) { return me(services, r); });
  router.add("PATCH", "/api/v1/me",
             [&services](http::Request& r) { return update_me(services, r); });
  router.add("PUT", "/api/v1/me/password",
             [&services](http::Request& r) { return change_password(services, r); });
}

}  // namespace hk::api
