#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"

namespace hk::api {

namespace {

http::Response me(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  return json_response(200, encode_me(current.user, current.session.csrf_token));
}

}  // namespace

void add_me_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/me", [&services](http::Request& r) { return me(services, r); });
}

}  // namespace hk::api
