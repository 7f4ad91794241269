#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "auth/password.hpp"
#include "storage/accounts.hpp"

namespace hk::api {

namespace {

// Verifying against this when the address is unknown keeps both answers equally slow, so
// timing does not tell which addresses have accounts.
const std::string& dummy_hash() {
  static const std::string hash = auth::hash_password("helferkarte-timing-equaliser");
  return hash;
}

http::Response login(Services& services, http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  auto password = fields.string("password", {.required = true, .max_length = 1024, .trim = false});
  fields.done();

  std::optional<storage::UserCredentials> found;
  services.db.read([&](storage::Connection& c) { found = storage::find_user_by_email(c, *email); });
  bool ok = auth::verify_password(*password, found ? found->password_hash : dummy_hash());
  if (!found || !ok) {
    throw http::ApiError(401, "invalid-credentials", {"Anmeldung fehlgeschlagen", "Login failed"},
                         {"E-Mail-Adresse oder Passwort ist falsch.",
                          "The e-mail address or the password is wrong."});
  }
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

}  // namespace

void add_auth_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/auth/login",
             [&services](http::Request& r) { return login(services, r); });
  router.add("POST", "/api/v1/auth/logout",
             [&services](http::Request& r) { return logout(services, r); });
}

}  // namespace hk::api
