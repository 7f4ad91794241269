#include "api/routes.hpp"
#include "util/embedded.hpp"

namespace hk::api {

namespace {

http::Response openapi(http::Request&) {
  auto r = http::Response::json(200, std::string(embedded::embedded_file("openapi.json")));
  r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_openapi_routes(http::Router& router, Services&) {
  router.add("GET", "/api/v1/openapi.json", openapi, http::Execution::inline_io);
}

}  // namespace hk::api
