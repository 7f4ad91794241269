// Open data for municipal websites: the findable needs of a municipality as GeoJSON and as an
// iCalendar feed, readable from any origin.

#include <vector>

#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/need_calendar.hpp"
#include "api/routes.hpp"
#include "domain/berlin_time.hpp"
#include "storage/municipalities.hpp"
#include "storage/search.hpp"

namespace hk::api {

namespace {

// More than a municipality's website lists; keeps the answer bounded.
constexpr int feed_limit = 1000;

// Public data, the same for everyone: shared caches may keep it a few minutes.
void open_data_headers(http::Response& response) {
  response.set_header("Access-Control-Allow-Origin", "*");
  response.set_header("Cache-Control", "public, max-age=300");
}

struct MunicipalityNeeds {
  domain::Municipality municipality;
  std::vector<domain::Need> needs;  // newest first
};

// A page on another origin may read why its request failed.
http::ApiError open_not_found() {
  auto e = http::not_found();
  e.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return e;
}

MunicipalityNeeds load(Services& services, const http::Request& request) {
  std::int64_t id = 0;
  try {
    id = parse_id(request.param("id"));
  } catch (const http::ApiError&) {
    throw open_not_found();
  }
  MunicipalityNeeds out;
  services.db.read([&](storage::Connection& c) {
    auto m = storage::find_municipality(c, id);
    if (!m) throw open_not_found();
    out.municipality = *m;
    storage::NeedSearch search;
    search.municipality_id = id;
    search.limit = feed_limit;
    search.now = services.now();
    std::vector<std::int64_t> ids;
    for (const auto& hit : storage::search_needs(c, search)) ids.push_back(hit.need_id);
    out.needs = storage::load_needs(c, ids);
  });
  return out;
}

json::object feature(Services& services, const domain::Need& need, std::int64_t now) {
  json::value geometry = nullptr;
  if (!need.remote && need.location) {
    const auto& p = need.location->point;
    geometry = json::object{{"type", "Point"}, {"coordinates", json::array{p.lon, p.lat}}};
  }
  auto next = domain::next_start(need, now);
  return {
      {"type", "Feature"},
      {"id", format_id(need.id)},
      {"geometry", std::move(geometry)},
      {"properties",
       {{"title", need.title},
        {"category", need.category},
        {"organization", need.organization_name},
        {"url", web_link(services, need_path(need.id))},
        {"remote", need.remote},
        {"nextStart", next ? json::value(domain::format_rfc3339_utc(*next)) : nullptr},
        {"placesLeft", domain::places_left(need, now)},
        {"covered", domain::is_covered(need, now)},
        {"updatedAt", domain::format_rfc3339_utc(need.updated_at)}}},
  };
}

http::Response geojson(Services& services, http::Request& request) {
  auto [municipality, needs] = load(services, request);
  auto now = services.now();
  json::array features;
  features.reserve(needs.size());
  for (const auto& need : needs) features.push_back(feature(services, need, now));
  auto response = http::Response::text(
      200, to_json_text(json::object{{"type", "FeatureCollection"}, {"features", features}}),
      "application/geo+json");
  open_data_headers(response);
  return response;
}

http::Response ics(Services& services, http::Request& request) {
  auto [municipality, needs] = load(services, request);
  auto now = services.now();
  std::vector<calendar::Event> events;
  for (const auto& need : needs) {
    for (const auto& shift : need.shifts) {
      if (!domain::has_started(shift, now)) events.push_back(shift_event(services, need, shift));
    }
  }
  auto response = http::Response::text(
      200, calendar::build_calendar(events, "Helferkarte: " + municipality.name, now),
      "text/calendar; charset=utf-8");
  open_data_headers(response);
  return response;
}

}  // namespace

void add_open_data_routes(http::Router& router, Services& services) {
  router.add(
      "GET", "/api/v1/municipalities/{id}/needs.geojson",
      [&services](http::Request& r) { return geojson(services, r); }, http::Execution::pool,
      http::Caching::anonymous);
  router.add(
      "GET", "/api/v1/municipalities/{id}/needs.ics",
      [&services](http::Request& r) { return ics(services, r); }, http::Execution::pool,
      http::Caching::anonymous);
}

}  // namespace hk::api
