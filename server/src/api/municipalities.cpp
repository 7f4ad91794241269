#include "storage/municipalities.hpp"

#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"

namespace hk::api {

namespace {

http::Response list(Services& services, http::Request& request) {
  auto page = parse_page(request);
  std::vector<domain::Municipality> found;
  services.db.read([&](storage::Connection& c) {
    found = storage::list_municipalities(c, page.after_id, page.limit);
  });
  json::array items;
  for (const auto& m : found) items.push_back(encode(m));
  auto last = found.empty() ? 0 : found.back().id;
  return json_response(200, {{"items", std::move(items)},
                             {"nextCursor", next_cursor(found.size(), page.limit, last)}});
}

http::Response get(Services& services, http::Request& request) {
  auto id = parse_id(request.param("id"));
  std::optional<domain::Municipality> found;
  services.db.read([&](storage::Connection& c) { found = storage::find_municipality(c, id); });
  if (!found) throw http::not_found();
  return json_response(200, encode(*found));
}

}  // namespace

void add_municipality_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/municipalities",
             [&services](http::Request& r) { return list(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}",
             [&services](http::Request& r) { return get(services, r); });
}

}  // namespace hk::api
