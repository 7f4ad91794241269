#include "geo/places.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "api/json.hpp"
#include "api/routes.hpp"

namespace hk::api {

namespace {

std::optional<std::string_view> given(const http::Request& request, std::string_view name) {
  auto v = request.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

// A decimal number from the query in [min, max]; records a 422 error otherwise.
std::optional<double> decimal(const http::Request& request, const char* name, double min,
                              double max, std::vector<http::FieldError>& errors) {
  auto v = given(request, name);
  if (!v) return std::nullopt;
  double d = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (ec != std::errc{} || p != v->data() + v->size() || !std::isfinite(d) || d < min || d > max) {
    auto lo = std::to_string(static_cast<long long>(min));
    auto hi = std::to_string(static_cast<long long>(max));
    errors.push_back(
        {name,
         {"Eine Zahl von " + lo + " bis " + hi + ".", "A number from " + lo + " to " + hi + "."}});
    return std::nullopt;
  }
  return d;
}

// A whole number from the query in [min, max]; records a 422 error otherwise.
std::optional<std::int64_t> whole(const http::Request& request, const char* name, std::int64_t min,
                                  std::int64_t max, std::vector<http::FieldError>& errors) {
  auto v = given(request, name);
  if (!v) return std::nullopt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < min || n > max) {
    auto lo = std::to_string(min);
    auto hi = std::to_string(max);
    errors.push_back({name,
                      {"Eine ganze Zahl von " + lo + " bis " + hi + ".",
                       "A whole number from " + lo + " to " + hi + "."}});
    return std::nullopt;
  }
  return n;
}

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
  std::vector<http::FieldError> errors;
  if (code_points(q) > 100) {
    errors.push_back({"q", {"Höchstens 100 Zeichen.", "At most 100 characters."}});
  }
  auto limit = whole(request, "limit", 1, 20, errors);
  if (!errors.empty()) throw http::validation_failed(std::move(errors));
  auto r = answer(geo::find_places(q, static_cast<std::size_t>(limit.value_or(8))));
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

// The outline of places the map draws without tiles. The position in the query stays out of
// every cache (the pipeline's default no-store) and out of the log (it logs the path only).
http::Response near(const http::Request& request) {
  std::vector<http::FieldError> errors;
  auto lat = decimal(request, "lat", -90, 90, errors);
  auto lon = decimal(request, "lon", -180, 180, errors);
  bool has_lat = given(request, "lat").has_value();
  bool has_lon = given(request, "lon").has_value();
  if (!has_lat) {
    errors.push_back({"lat", {"Breitengrad fehlt.", "Latitude is missing."}});
  }
  if (!has_lon) {
    errors.push_back({"lon", {"Längengrad fehlt.", "Longitude is missing."}});
  }
  auto radius = decimal(request, "radiusKm", 1, 100, errors);
  auto min_population = whole(request, "minPopulation", 0, 100'000'000, errors);
  auto limit = whole(request, "limit", 1, 500, errors);
  if (!errors.empty()) throw http::validation_failed(std::move(errors));
  return answer(geo::places_near({*lat, *lon}, radius.value_or(30), min_population.value_or(0),
                                 static_cast<std::size_t>(limit.value_or(200))));
}

http::Response places(http::Request& request) {
  if (auto q = request.query_param("q")) {
    auto text = trimmed(*q);
    if (!text.empty()) return search(request, text);
  }
  if (given(request, "lat") || given(request, "lon")) return near(request);
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
