#include "api/query_params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace hk::api {

std::optional<std::string_view> QueryParams::given(std::string_view name) const {
  auto v = request_.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::optional<double> QueryParams::number(const char* name, double min, double max) {
  auto v = given(name);
  if (!v) return std::nullopt;
  double d = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (ec != std::errc{} || p != v->data() + v->size() || !std::isfinite(d) || d < min || d > max) {
    auto en = fmt::format("{} to {}", min, max);
    auto de = fmt::format("{} bis {}", min, max);
    std::replace(de.begin(), de.end(), '.', ',');
    add(name, {"Eine Zahl von " + de + ".", "A number from " + en + "."});
    return std::nullopt;
  }
  return d;
}

std::optional<long long> QueryParams::whole(const char* name, long long min, long long max) {
  auto v = given(name);
  if (!v) return std::nullopt;
  long long n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < min || n > max) {
    add(name, {fmt::format("Eine ganze Zahl von {} bis {}.", min, max),
               fmt::format("A whole number from {} to {}.", min, max)});
    return std::nullopt;
  }
  return n;
}

std::optional<domain::GeoPoint> QueryParams::point(bool required) {
  auto lat = number("lat", -90, 90);
  auto lon = number("lon", -180, 180);
  bool has_lat = given("lat").has_value();
  bool has_lon = given("lon").has_value();
  if (!has_lat && (has_lon || required)) {
    add("lat", {"Breitengrad (lat) fehlt.", "Latitude (lat) is missing."});
  }
  if (!has_lon && (has_lat || required)) {
    add("lon", {"Längengrad (lon) fehlt.", "Longitude (lon) is missing."});
  }
  if (!lat || !lon) return std::nullopt;
  return domain::GeoPoint{*lat, *lon};
}

void QueryParams::add(std::string field, http::Text message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void QueryParams::done() {
  if (!errors_.empty()) throw http::validation_failed(std::move(errors_));
}

}  // namespace hk::api
