#pragma once

#include <cstdint>
#include <vector>

#include "domain/municipality.hpp"

namespace hk::geo {

// S2 cell ids (libs2) as the database stores them. An S2 id is an unsigned 64-bit number
// whose order follows the Hilbert curve; databases have only signed 64-bit integers, so the
// top bit is flipped (id XOR 2^63, read as signed): that keeps the order, and a range of ids
// stays one range of signed numbers.
std::int64_t to_db(std::uint64_t s2_id);
std::uint64_t from_db(std::int64_t db_id);

// The leaf cell (level 30, about 1 cm) of a point, in database order.
std::int64_t cell_of(domain::GeoPoint point);

// A closed range [min, max] of database-ordered cell ids.
struct CellRange {
  std::int64_t min = 0;
  std::int64_t max = 0;
};

// Ranges whose union contains every leaf cell within `radius_km` of `center` (a covering of
// the spherical cap by at most `max_cells` S2 cells, adjacent ranges merged), sorted by min.
// Callers filter the candidates by exact distance.
std::vector<CellRange> covering(domain::GeoPoint center, double radius_km, int max_cells = 12);

// A cheaper covering for a search that computes one per ring: the four cells around the
// centre that S2Cap::GetCellUnionBound picks (at the finest level where they still hold the
// circle), each split once into the children that may reach the circle. Typically four
// cells, at most 16 (24 for a circle larger than a cube face), in constant time — the
// region coverer costs tens of microseconds per call. They cover about five times the
// circle's area (the coverer's twelve cells: about twice), so a caller that reads many rows
// per cell filters by bounding_box as well. Same guarantee as covering().
std::vector<CellRange> quick_covering(domain::GeoPoint center, double radius_km);

// Bounds in degrees that hold every point within `radius_km` of `center` (the same widened
// cap as the coverings). Longitude is -180 … 180 when the circle reaches over the
// antimeridian or a pole, so a plain BETWEEN on both columns never cuts a point away.
struct LatLonBox {
  double lat_lo = 0;
  double lat_hi = 0;
  double lon_lo = 0;
  double lon_hi = 0;
};
LatLonBox bounding_box(domain::GeoPoint center, double radius_km);

// Ranges whose cells lie wholly within `radius_km` of `center` (every leaf in them is nearer):
// a search that resumes at a distance skips them. May be empty for small circles.
std::vector<CellRange> interior_covering(domain::GeoPoint center, double radius_km,
                                         int max_cells = 12);

// Great-circle distance in kilometres (S2Earth's mean Earth radius, 6371.01 km, the one
// the covering uses).
double distance_km(domain::GeoPoint a, domain::GeoPoint b);

// A valid WGS 84 point: latitude in [-90, 90], longitude in [-180, 180], both finite.
bool valid_point(domain::GeoPoint p);

}  // namespace hk::geo
