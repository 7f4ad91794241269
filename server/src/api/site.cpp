#include "api/json.hpp"
#include "api/routes.hpp"
#include "geo/places.hpp"

namespace hk::api {

namespace {

json::value text_or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

// What the web app needs to know about this installation: the map tiles the operator
// configured (none: the app draws no tiles and asks no third party) and the attribution the
// places' licence asks for.
http::Response site(Services& services, http::Request&) {
  const auto& a = geo::places_attribution();
  auto r = json_response(200, {{"map",
                                {{"tileUrl", text_or_null(services.config.map_tile_url)},
                                 {"attribution", text_or_null(services.config.map_attribution)}}},
                               {"places",
                                {{"source", a.source},
                                 {"sourceUrl", a.source_url},
                                 {"license", a.license},
                                 {"licenseUrl", a.license_url}}}});
  r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_site_routes(http::Router& router, Services& services) {
  router.add(
      "GET", "/api/v1/site", [&services](http::Request& r) { return site(services, r); },
      http::Execution::inline_io);
}

}  // namespace hk::api
