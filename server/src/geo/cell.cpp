#include "geo/cell.hpp"

#include <s2/s1angle.h>
#include <s2/s2cap.h>
#include <s2/s2cell.h>
#include <s2/s2cell_id.h>
#include <s2/s2earth.h>
#include <s2/s2latlng.h>
#include <s2/s2latlng_rect.h>
#include <s2/s2region_coverer.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hk::geo {

namespace {

constexpr std::uint64_t top_bit = std::uint64_t{1} << 63;

// The cap is widened by one metre: the covering is computed in S2's chord arithmetic, the
// callers' filter in haversine distances, and their rounding must never cost a need at the
// edge of the circle. One metre more costs nothing measurable in rows read.
constexpr double margin_km = 0.001;

S2Point point_of(domain::GeoPoint p) { return S2LatLng::FromDegrees(p.lat, p.lon).ToPoint(); }

std::vector<CellRange> ranges_of(const std::vector<S2CellId>& cells) {
  std::vector<CellRange> ranges;
  ranges.reserve(cells.size());
  for (const auto& cell : cells) {
    ranges.push_back({to_db(cell.range_min().id()), to_db(cell.range_max().id())});
  }
  std::sort(ranges.begin(), ranges.end(), [](auto& a, auto& b) { return a.min < b.min; });
  // Neighbours along the Hilbert curve become one range: fewer statements per search.
  std::vector<CellRange> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && (merged.back().max == std::numeric_limits<std::int64_t>::max() ||
                            r.min <= merged.back().max + 1)) {
      merged.back().max = std::max(merged.back().max, r.max);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

S2Cap cap_of(domain::GeoPoint center, double radius_km) {
  return S2Cap(point_of(center), S2Earth::KmToAngle(std::max(0.0, radius_km) + margin_km));
}

S2RegionCoverer coverer(int max_cells) {
  S2RegionCoverer::Options options;
  options.set_max_cells(std::max(1, max_cells));
  return S2RegionCoverer(options);
}

}  // namespace

std::int64_t to_db(std::uint64_t s2_id) { return static_cast<std::int64_t>(s2_id ^ top_bit); }

std::uint64_t from_db(std::int64_t db_id) { return static_cast<std::uint64_t>(db_id) ^ top_bit; }

std::int64_t cell_of(domain::GeoPoint point) { return to_db(S2CellId(point_of(point)).id()); }

std::vector<CellRange> covering(domain::GeoPoint center, double radius_km, int max_cells) {
  auto cap = cap_of(center, radius_km);
  std::vector<S2CellId> cells;
  coverer(max_cells).GetCovering(cap, &cells);
  return ranges_of(cells);
}

std::vector<CellRange> quick_covering(domain::GeoPoint center, double radius_km) {
  auto cap = cap_of(center, radius_km);
  std::vector<S2CellId> bound;
  cap.GetCellUnionBound(&bound);
  std::vector<S2CellId> cells;
  cells.reserve(4 * bound.size());
  for (auto id : bound) {
    if (id.is_leaf()) {
      cells.push_back(id);
      continue;
    }
    for (auto child = id.child_begin(); child != id.child_end(); child = child.next()) {
      if (cap.MayIntersect(S2Cell(child))) cells.push_back(child);
    }
  }
  return ranges_of(cells);
}

LatLonBox bounding_box(domain::GeoPoint center, double radius_km) {
  auto rect = cap_of(center, radius_km).GetRectBound();
  LatLonBox box{rect.lat_lo().degrees(), rect.lat_hi().degrees(), rect.lng_lo().degrees(),
                rect.lng_hi().degrees()};
  // An inverted interval wraps over the antimeridian; BETWEEN cannot say that.
  if (rect.lng().is_inverted() || rect.lng().is_full()) {
    box.lon_lo = -180;
    box.lon_hi = 180;
  }
  return box;
}

std::vector<CellRange> interior_covering(domain::GeoPoint center, double radius_km, int max_cells) {
  if (radius_km <= margin_km) return {};
  auto angle = S2Earth::KmToAngle(radius_km - margin_km);
  S2Cap cap(point_of(center), angle);
  std::vector<S2CellId> cells;
  coverer(max_cells).GetInteriorCovering(cap, &cells);
  return ranges_of(cells);
}

double distance_km(domain::GeoPoint a, domain::GeoPoint b) {
  auto la = S2LatLng::FromDegrees(a.lat, a.lon);
  auto lb = S2LatLng::FromDegrees(b.lat, b.lon);
  return S2Earth::ToKm(la.GetDistance(lb));
}

bool valid_point(domain::GeoPoint p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 &&
         p.lon >= -180 && p.lon <= 180;
}

}  // namespace hk::geo
