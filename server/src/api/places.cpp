#include "geo/places.hpp"

#include <optional>
#include <string>
#include <vector>

#include "api/json.hpp"
#include "api/query_params.hpp"
#include "api/routes.hpp"

namespace hk::api {

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

json::object encode(const geo::Place& p) {
  return {{"name", p.name},
          {"lat", p.point.lat},
          {"lon", p.point.lon},
          {"state", p.state.empty() ? json::value(nullptr) : json::value(p.state)},
          {"population", p.population}};
}

http::Response answer(const std::vector<geo::Place>& places) {
  json::array items;
  items.reserve(places.size());
  for (const auto& p : places) items.push_back(encode(p));
  return json_response(200, {{"items", std::move(items)}});
}

// The place field's suggestions. The answer names no one and changes only with a new release,
// so the browser may keep it a while.
http::Response search(const http::Request& request, std::string_view q) {
  QueryParams query(request);
  if (code_points(q) > 100) query.add("q", {"Höchstens 100 Zeichen.", "At most 100 characters."});
  auto limit = query.whole("limit", 1, 20);
  query.done();
  auto r = answer(geo::find_places(q, static_cast<std::size_t>(limit.value_or(8))));
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

// The outline of places the map draws without tiles. The position in the query stays out of
// every cache (the pipeline's default no-store) and out of the log (it logs the path only).
http::Response near(const http::Request& request) {
  QueryParams query(request);
  auto point = query.point(true);
  auto radius = query.number("radiusKm", 1, 100);
  auto min_population = query.whole("minPopulation", 0, 100'000'000);
  auto limit = query.whole("limit", 1, 500);
  query.done();
  return answer(geo::places_near(*point, radius.value_or(30), min_population.value_or(0),
                                 static_cast<std::size_t>(limit.value_or(200))));
}

http::Response places(http::Request& request) {
  QueryParams query(request);
  if (auto q = query.given("q")) {
    auto text = trimmed(*q);
    if (!text.empty()) return search(request, text);
  }
  if (query.given("lat") || query.given("lon")) return near(request);
  throw http::validation_failed(
      {{"q",
        {"Bitte geben Sie einen Ort ein oder eine Position (lat, lon) an.",
         "Please enter a place or give a position (lat, lon)."}}});
}

}  // namespace

void add_place_routes(http::Router& router, Services&) {
  router.add("GET", "/api/v1/places", places, http::Execution::pool, http::Caching::anonymous);
}

}  // namespace hk::api
