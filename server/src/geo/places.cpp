#include "geo/places.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "domain/text_fold.hpp"
#include "geo/cell.hpp"
#include "geo/places_data.hpp"

namespace hk::geo {

namespace {

// A name folded one way, its words joined by single spaces: "Rheda-Wiedenbrück" becomes
// "rheda wiedenbrueck", so punctuation and spacing never decide a match.
std::string normalized(std::string_view folded) {
  std::string out;
  for (const auto& w : domain::words_of(folded)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

struct Index {
  std::vector<Place> places;
  // Both foldings of each name, whole: an exact match ranks first.
  std::vector<std::pair<std::string, std::string>> full;
  // (tail of a folded name from one of its word starts, place): every key a prefix search
  // can hit, sorted for lower_bound.
  std::vector<std::pair<std::string, std::uint32_t>> keys;
};

std::string_view field(std::string_view& line) {
  auto tab = line.find('\t');
  auto f = line.substr(0, tab);
  line = tab == std::string_view::npos ? std::string_view{} : line.substr(tab + 1);
  return f;
}

template <typename T>
T number(std::string_view text) {
  T value{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || p != text.data() + text.size()) {
    throw std::runtime_error("places data: bad number '" + std::string(text) + "'");
  }
  return value;
}

void add_keys(Index& index, const std::string& name, std::uint32_t at) {
  for (std::size_t start = 0; start < name.size();) {
    index.keys.emplace_back(name.substr(start), at);
    auto space = name.find(' ', start);
    if (space == std::string::npos) break;
    start = space + 1;
  }
}

Index build() {
  Index index;
  auto data = places_tsv();
  while (!data.empty()) {
    auto end = data.find('\n');
    auto line = data.substr(0, end);
    data = end == std::string_view::npos ? std::string_view{} : data.substr(end + 1);
    if (line.empty()) continue;
    Place p;
    p.name = std::string(field(line));
    p.point.lat = number<double>(field(line));
    p.point.lon = number<double>(field(line));
    p.state = std::string(field(line));
    p.population = number<std::int64_t>(field(line));
    index.places.push_back(std::move(p));
  }
  index.full.reserve(index.places.size());
  index.keys.reserve(index.places.size() * 3);
  for (std::uint32_t i = 0; i < index.places.size(); ++i) {
    auto german = normalized(domain::fold_german(index.places[i].name));
    auto plain = normalized(domain::fold_plain(index.places[i].name));
    add_keys(index, german, i);
    if (plain != german) add_keys(index, plain, i);
    index.full.emplace_back(std::move(german), std::move(plain));
  }
  std::sort(index.keys.begin(), index.keys.end());
  return index;
}

const Index& index() {
  static const Index built = build();
  return built;
}

// Adds every place with a key starting with `prefix`.
void collect(const Index& index, const std::string& prefix, std::vector<std::uint32_t>& out) {
  auto it = std::lower_bound(index.keys.begin(), index.keys.end(), prefix,
                             [](const auto& key, const std::string& p) { return key.first < p; });
  for (; it != index.keys.end() && it->first.starts_with(prefix); ++it) out.push_back(it->second);
}

}  // namespace

const PlaceAttribution& places_attribution() {
  static const PlaceAttribution attribution{"GeoNames", "https://www.geonames.org/", "CC BY 4.0",
                                            "https://creativecommons.org/licenses/by/4.0/"};
  return attribution;
}

const std::vector<Place>& all_places() { return index().places; }

std::vector<Place> find_places(std::string_view query, std::size_t limit) {
  const auto& idx = index();
  auto german = normalized(domain::fold_german(query));
  auto plain = normalized(domain::fold_plain(query));
  if (german.empty() || limit == 0) return {};
  std::vector<std::uint32_t> hits;
  collect(idx, german, hits);
  if (plain != german) collect(idx, plain, hits);
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());

  auto exact = [&](std::uint32_t i) {
    const auto& [g, p] = idx.full[i];
    return g == german || p == plain || p == german;
  };
  // The vector holds indexes in data order (by name), so the last tie-break is the name.
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    bool ea = exact(a), eb = exact(b);
    if (ea != eb) return ea;
    if (idx.places[a].population != idx.places[b].population) {
      return idx.places[a].population > idx.places[b].population;
    }
    return a < b;
  };
  auto n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    before);
  std::vector<Place> found;
  found.reserve(n);
  for (std::size_t k = 0; k < n; ++k) found.push_back(idx.places[hits[k]]);
  return found;
}

std::vector<Place> places_near(domain::GeoPoint center, double radius_km,
                               std::int64_t min_population, std::size_t limit) {
  const auto& places = index().places;
  // A box around the circle skips the trigonometry for nearly every place; it is generous
  // (111 km per degree of latitude is a lower bound) and the exact distance decides.
  double dlat = radius_km / 110.0;
  double cos_lat = std::cos(std::min(std::abs(center.lat) + dlat, 89.9) * std::numbers::pi / 180.0);
  double dlon = radius_km / (110.0 * cos_lat);
  struct Hit {
    std::uint32_t at;
    double km;
  };
  std::vector<Hit> hits;
  for (std::uint32_t i = 0; i < places.size(); ++i) {
    const auto& p = places[i];
    if (p.population < min_population) continue;
    if (std::abs(p.point.lat - center.lat) > dlat) continue;
    double lon_gap = std::abs(p.point.lon - center.lon);
    if (std::min(lon_gap, 360.0 - lon_gap) > dlon) continue;
    double km = distance_km(center, p.point);
    if (km <= radius_km) hits.push_back({i, km});
  }
  auto n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&](const Hit& a, const Hit& b) {
                      if (places[a.at].population != places[b.at].population) {
                        return places[a.at].population > places[b.at].population;
                      }
                      if (a.km != b.km) return a.km < b.km;
                      return a.at < b.at;
                    });
  std::vector<Place> found;
  found.reserve(n);
  for (std::size_t k = 0; k < n; ++k) found.push_back(places[hits[k].at]);
  return found;
}

}  // namespace hk::geo
