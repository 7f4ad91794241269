#include "api/account_rules.hpp"
#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "mail/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/invitations.hpp"

namespace hk::api {

namespace {

constexpr const char* verify_purpose = "verify_email";
constexpr const char* reset_purpose = "reset_password";
constexpr std::int64_t verify_token_seconds = 48 * 3600;
constexpr std::int64_t reset_token_seconds = 3600;

// Verifying against this when the address is unknown keeps both answers equally slow, so
// timing does not tell which addresses have accounts.
const std::string& dummy_hash() {
  static const std::string hash = auth::hash_password("helferkarte-timing-equaliser");
  return hash;
}

const http::Text invalid_link = {"Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.",
                                 "This link is invalid, has expired or has already been used."};

http::ApiError invalid_token() { return http::validation_failed({{"token", invalid_link}}); }

// Mail requests (registration, new verification link, password reset) per client address
// and per e-mail address, whether or not an account has that address, so the limit itself
// does not tell.
std::vector<std::pair<std::string, auth::Limit>> mail_limits(Services& services,
                                                             const http::Request& request,
                                                             const std::string& what,
                                                             const std::string& email, int per_ip) {
  return {
      {what + ":ip:" + request.client_address, {per_ip, hour_seconds}},
      {what + ":account:" + email, {services.config.mail_requests_per_account, hour_seconds}},
  };
}

// A fresh verification link for the user, mailed in the same transaction.
void send_verification(Services& services, storage::Connection& c, std::int64_t user_id,
                       const std::string& email, const std::string& name,
                       const std::string& language, std::int64_t now) {
  auto token = auth::random_token();
  storage::insert_account_token(c, user_id, verify_purpose, auth::token_hash(token), now,
                                now + verify_token_seconds);
  // Tokens are URL-safe base64, so they go into the query as they are.
  mail::enqueue(c,
                {.template_id = "verify_email",
                 .to = email,
                 .user_id = user_id,
                 .language = language,
                 .params = {{"name", name},
                            {"link", web_link(services, "/konto/bestaetigen?token=" + token)}}},
                now);
}

http::Response register_account(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  auto password = new_password_field(fields, "password", email.value_or(""));
  auto name = display_name_field(fields, "displayName", true);
  auto language = language_field(fields, "language").value_or(request.language);
  fields.done();

  take_limits(services, mail_limits(services, request, "register", *email,
                                    services.config.registrations_per_ip));
  // Hashed whether or not the address is taken, so both answers take equally long.
  auto hash = auth::hash_password(*password);
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    if (auto id = storage::create_unverified_user(c, *email, hash, *name, language, now)) {
      send_verification(services, c, *id, *email, *name, language, now);
      return;
    }
    // The address has an account: the answer stays the same, the mail tells the owner.
    auto existing = storage::find_user_by_email(c, *email);
    if (!existing) return;
    const auto& user = existing->user;
    if (!user.email_verified) {
      // Nobody has proven this address yet, so neither registration is more the owner's than
      // the other. The latest one wins and only its link stays valid: otherwise whoever
      // registered a stranger's address first would keep the password, and the owner's click
      // on the link would verify an account the stranger can log in to.
      storage::set_password(c, user.id, hash, now);
      storage::update_profile(c, user.id, *name, language, now);
      storage::retire_account_tokens(c, user.id, verify_purpose, now);
      end_all_sessions(c, user.id);
      send_verification(services, c, user.id, user.email, *name, language, now);
      return;
    }
    mail::enqueue(c,
                  {.template_id = "already_registered",
                   .to = user.email,
                   .user_id = user.id,
                   .language = user.language,
                   .params = {{"name", user.display_name},
                              {"login_link", web_link(services, "/anmelden")},
                              {"reset_link", web_link(services, "/passwort-vergessen")}}},
                  now);
  });
  return json_response(201, json::object{{"email", *email}, {"verificationSent", true}});
}

http::Response verify(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto token = fields.string("token", {.required = true, .max_length = 256});
  fields.done();

  auto now = services.now();
  std::string email;
  services.db.write([&](storage::Connection& c) {
    auto user_id = storage::use_account_token(c, verify_purpose, auth::token_hash(*token), now);
    if (!user_id) throw invalid_token();
    auto user = storage::find_user(c, *user_id);
    if (!user) throw invalid_token();  // deleted meanwhile; the token went with it
    storage::mark_email_verified(c, user->id, now);
    storage::retire_account_tokens(c, user->id, verify_purpose, now);
    storage::accept_invitations(c, user->id, user->email, now);
    email = user->email;
  });
  return json_response(200, json::object{{"email", email}, {"emailVerified", true}});
}

http::Response resend_verification(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  fields.done();

  take_limits(services, mail_limits(services, request, "resend", *email,
                                    services.config.mail_requests_per_ip));
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto found = storage::find_user_by_email(c, *email);
    if (!found || found->user.email_verified) return;
    const auto& user = found->user;
    send_verification(services, c, user.id, user.email, user.display_name, user.language, now);
  });
  return json_response(202, json::object{});
}

http::Response login(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  auto password = password_field(fields, "password");
  fields.done();

  // Refused before the password is checked, so guessing on cannot tell right from wrong.
  check_password_limits(services, request, *email);
  std::optional<storage::UserCredentials> found;
  services.db.read([&](storage::Connection& c) { found = storage::find_user_by_email(c, *email); });
  bool ok = auth::verify_password(*password, found ? found->password_hash : dummy_hash());
  if (!found || !ok) {
    record_password_failure(services, request, *email);
    throw http::ApiError(401, "invalid-credentials", {"Anmeldung fehlgeschlagen", "Login failed"},
                         {"E-Mail-Adresse oder Passwort ist falsch.",
                          "The e-mail address or the password is wrong."});
  }
  clear_password_failures(services, *email);
  http::Response response;
  auto csrf = start_session(services, request, response, found->user.id);
  response.status = 200;
  response.set_header("Content-Type", "application/json");
  response.body =
      json::serialize(json::object{{"user", encode_me(found->user, csrf)}, {"csrfToken", csrf}});
  return response;
}

http::Response logout(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto response = http::Response::no_content();
  end_session(services, current, request, response);
  return response;
}

http::Response request_password_reset(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  fields.done();

  take_limits(services, mail_limits(services, request, "reset", *email,
                                    services.config.mail_requests_per_ip));
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto found = storage::find_user_by_email(c, *email);
    if (!found) return;
    const auto& user = found->user;
    auto token = auth::random_token();
    storage::insert_account_token(c, user.id, reset_purpose, auth::token_hash(token), now,
                                  now + reset_token_seconds);
    mail::enqueue(c,
                  {.template_id = "password_reset",
                   .to = user.email,
                   .user_id = user.id,
                   .language = user.language,
                   .params = {{"name", user.display_name},
                              {"link", web_link(services, "/passwort-neu?token=" + token)}}},
                  now);
  });
  return json_response(202, json::object{});
}

http::Response confirm_password_reset(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto token = fields.string("token", {.required = true, .max_length = 256});
  // The address is known only from the token; the rule "not the e-mail address" follows.
  auto password = new_password_field(fields, "password", "");
  auto now = services.now();
  std::optional<domain::User> user;
  if (token) {
    services.db.read([&](storage::Connection& c) {
      auto user_id = storage::find_account_token(c, reset_purpose, auth::token_hash(*token), now);
      if (user_id) user = storage::find_user(c, *user_id);
    });
    if (!user) {
      fields.add("token", invalid_link);
    } else if (password && domain::check_password(*password, user->email) ==
                               domain::PasswordIssue::equals_email) {
      fields.add("password", password_issue_text(domain::PasswordIssue::equals_email));
    }
  }
  fields.done();

  auto hash = auth::hash_password(*password);
  services.db.write([&](storage::Connection& c) {
    // Used up only now, in the transaction that changes the password: of two requests with
    // the same token only one gets here.
    auto user_id = storage::use_account_token(c, reset_purpose, auth::token_hash(*token), now);
    if (!user_id || *user_id != user->id) throw invalid_token();
    storage::set_password(c, user->id, hash, now);
    // The link reached the mailbox, so the address is proven as well.
    storage::mark_email_verified(c, user->id, now);
    storage::retire_account_tokens(c, user->id, reset_purpose, now);
    storage::retire_account_tokens(c, user->id, verify_purpose, now);
    storage::accept_invitations(c, user->id, user->email, now);
    // Whoever knew the old password is signed out everywhere.
    end_all_sessions(c, user->id);
    mail::enqueue(c,
                  {.template_id = "password_changed",
                   .to = user->email,
                   .user_id = user->id,
                   .language = user->language,
                   .params = {{"name", user->display_name},
                              {"reset_link", web_link(services, "/passwort-vergessen")}}},
                  now);
  });
  clear_password_failures(services, user->email);
  auto response = json_response(200, json::object{{"email", user->email}});
  if (request.cookie(session_cookie)) clear_session_cookie(services, request, response);
  return response;
}

}  // namespace

void add_auth_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/auth/register",
             [&services](http::Request& r) { return register_account(services, r); });
  router.add("POST", "/api/v1/auth/verify",
             [&services](http::Request& r) { return verify(services, r); });
  router.add("POST", "/api/v1/auth/verify/resend",
             [&services](http::Request& r) { return resend_verification(services, r); });
  router.add("POST", "/api/v1/auth/login",
             [&services](http::Request& r) { return login(services, r); });
  router.add("POST", "/api/v1/auth/logout",
             [&services](http::Request& r) { return logout(services, r); });
  router.add("POST", "/api/v1/auth/password-reset",
             [&services](http::Request& r) { return request_password_reset(services, r); });
  router.add("POST", "/api/v1/auth/password-reset/confirm",
             [&services](http::Request& r) { return confirm_password_reset(services, r); });
}

}  // namespace hk::api
