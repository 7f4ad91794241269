#include "storage/search.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "domain/text_fold.hpp"
#include "geo/cell.hpp"
#include "storage/dialect.hpp"

namespace hk::storage {

namespace {

// The first ring: a sixteenth of the radius, but no less than a few hundred metres (a smaller
// ring holds too few needs to be worth a round of statements) and no more than a kilometre
// (a town centre holds hundreds of needs within one; the density then sizes the next ring).
constexpr double min_ring_km = 0.3;
constexpr double max_first_ring_km = 1.0;

std::string param(SearchStatement& s, Value v) {
  s.params.push_back(std::move(v));
  return "$" + std::to_string(s.params.size());
}

// A keyword search whose words match at most this many needs reads those needs by id and
// measures each; beyond, the rings of the geo index find the candidates and the matching ids,
// read once, sort them out. (FTS5 builds the whole list of a prefix query anew for every
// MATCH, so checking each candidate against it in SQL would cost that list per row.)
constexpr std::int64_t few_keyword_matches = 1000;

// A ring's statement reads up to this many ranges of cell ids at once; a ring with more
// (the ranges of the earlier rings count too) runs it again for the rest. More slots cost
// an empty seek each on every statement: 8 measured best (bench/radius_query).
constexpr int range_slots = 8;
// Its placeholders: $1 … $24 the slots (first id, last id, 1 if the range was read by an
// earlier ring), $25 … $28 the ring's box, $29 … $32 the box of the rings before (see
// nearest_needs); the filters follow from $33.
constexpr std::size_t box_param = 3 * range_slots;
constexpr std::size_t inner_box_param = box_param + 4;
constexpr std::size_t ring_params = inner_box_param + 4;

// FROM and the conditions on the geo index that every ring statement shares: the ranges are
// the rows of a constant subquery, so one statement reads them all (SQLite loops over them
// and seeks needs_geo once per range; CROSS JOIN keeps that order). Built once per process
// and dialect.
const std::string& ring_head(Dialect dialect) {
  auto build = [](Dialect d) {
    std::string sql = " FROM (";
    auto placeholder = [](std::size_t n) { return "CAST($" + std::to_string(n) + " AS BIGINT)"; };
    for (std::size_t k = 0; k < range_slots; ++k) {
      sql += k == 0 ? "SELECT " : " UNION ALL SELECT ";
      sql += placeholder(3 * k + 1) + (k == 0 ? " AS lo, " : ", ");
      sql += placeholder(3 * k + 2) + (k == 0 ? " AS hi, " : ", ");
      sql += placeholder(3 * k + 3) + (k == 0 ? " AS seen" : "");
    }
    auto box = [](std::size_t at) {
      return "n.geo_lat BETWEEN $" + std::to_string(at + 1) + " AND $" + std::to_string(at + 2) +
             " AND n.geo_lon BETWEEN $" + std::to_string(at + 3) + " AND $" +
             std::to_string(at + 4);
    };
    // The box conditions come right after the range: SQLite tests them on the index entry,
    // before anything that costs a row or a join.
    sql += ") r CROSS JOIN " + needs_table(d, NeedsAccess::geo_index) +
           " CROSS JOIN organizations o WHERE n.status = 'published'"
           " AND n.geo_cell BETWEEN r.lo AND r.hi AND " +
           box(box_param) + " AND NOT (r.seen = 1 AND " + box(inner_box_param) + ")";
    return sql;
  };
  static const std::string sqlite = build(Dialect::sqlite);
  static const std::string postgres = build(Dialect::postgres);
  return dialect == Dialect::sqlite ? sqlite : postgres;
}

// The conditions every search shares: what is findable, then the filters. With
// NeedsAccess::geo_index the caller binds the ring placeholders (ring_head) itself.
void add_conditions(SearchStatement& s, const NeedSearch& search, Dialect dialect,
                    NeedsAccess access) {
  if (access == NeedsAccess::geo_index) {
    s.sql += ring_head(dialect);
  } else {
    // CROSS JOIN keeps SQLite from starting at organizations (a few rows, tempting) and
    // reaching needs through needs_organization; PostgreSQL reads it as the inner join it is.
    s.sql += " FROM " + needs_table(dialect, access) +
             " CROSS JOIN organizations o WHERE n.status = 'published'";
  }
  s.sql += " AND n.last_start > " + param(s, search.now);
  s.sql += " AND o.id = n.organization_id AND o.status = 'approved'";
  if (!search.categories.empty()) {
    s.sql += " AND n.category IN (";
    for (std::size_t i = 0; i < search.categories.size(); ++i) {
      s.sql += (i ? ", " : "") + param(s, search.categories[i]);
    }
    s.sql += ")";
  }
  if (search.remote) s.sql += " AND n.remote = " + param(s, std::int64_t{*search.remote ? 1 : 0});
  if (search.municipality_id) {
    s.sql += " AND n.municipality_id = " + param(s, *search.municipality_id);
  }
  if (search.from || search.to) {
    s.sql += " AND EXISTS (SELECT 1 FROM shifts s WHERE s.need_id = n.id";
    if (search.from) s.sql += " AND s.ends_at > " + param(s, *search.from);
    if (search.to) s.sql += " AND s.starts_at < " + param(s, *search.to);
    s.sql += ")";
  }
  // The rings leave the keywords to the caller (see few_keyword_matches).
  if (!search.keywords.empty() && access != NeedsAccess::geo_index) {
    auto placeholder = param(s, keyword_query(dialect, search.keywords));
    s.sql += " AND " + keyword_condition(dialect, placeholder);
  }
}

// Newest first: without a centre there is no distance to order by.
std::vector<SearchHit> newest_needs(Connection& c, const NeedSearch& search) {
  SearchStatement s;
  s.sql = "SELECT n.id";
  add_conditions(s, search, c.dialect(), NeedsAccess::any);
  if (search.after) s.sql += " AND n.id < " + param(s, search.after->id);
  s.sql += " ORDER BY n.id DESC LIMIT " + param(s, std::int64_t{search.limit});
  std::vector<SearchHit> hits;
  for (const auto& r : c.query(s.sql, s.params).rows) hits.push_back({r.int64(0), std::nullopt});
  return hits;
}

// The parts of `ranges` outside `done` (both sorted and disjoint): what a wider ring adds.
std::vector<geo::CellRange> minus(const std::vector<geo::CellRange>& ranges,
                                  const std::vector<geo::CellRange>& done) {
  std::vector<geo::CellRange> out;
  std::size_t j = 0;
  for (auto r : ranges) {
    while (j < done.size() && done[j].max < r.min) ++j;
    for (std::size_t k = j; k < done.size() && done[k].min <= r.max; ++k) {
      if (done[k].min > r.min) out.push_back({r.min, done[k].min - 1});
      if (done[k].max >= r.max) {
        r.min = r.max + 1;  // nothing left of r
        break;
      }
      r.min = std::max(r.min, done[k].max + 1);
    }
    if (r.min <= r.max) out.push_back(r);
  }
  return out;
}

// The union of two sorted, disjoint lists of ranges, again sorted and disjoint.
std::vector<geo::CellRange> joined(const std::vector<geo::CellRange>& a,
                                   const std::vector<geo::CellRange>& b) {
  std::vector<geo::CellRange> all(a);
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end(), [](auto& x, auto& y) { return x.min < y.min; });
  std::vector<geo::CellRange> out;
  for (const auto& r : all) {
    if (!out.empty() && r.min <= out.back().max) {
      out.back().max = std::max(out.back().max, r.max);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

struct Candidate {
  double distance_km;
  std::int64_t id;
  bool operator<(const Candidate& o) const {
    return std::tie(distance_km, id) < std::tie(o.distance_km, o.id);
  }
};

// Keeps the rows (id, geo_lat, geo_lon) within the radius, after the cursor and, when
// `only` is given, among those sorted ids.
void add_candidates(const Result& rows, const NeedSearch& search, std::vector<Candidate>& found,
                    const std::vector<std::int64_t>* only = nullptr) {
  // Needs at one point come one after another (one cell id): the remote needs of a town
  // share its centre, hundreds in a city. Their distance is measured once.
  domain::GeoPoint last{std::nan(""), std::nan("")};
  double last_km = 0;
  for (const auto& r : rows.rows) {
    if (only && !std::binary_search(only->begin(), only->end(), r.int64(0))) continue;
    domain::GeoPoint point{r.real(1), r.real(2)};
    if (point.lat != last.lat || point.lon != last.lon) {
      last = point;
      last_km = geo::distance_km(*search.center, point);
    }
    Candidate candidate{last_km, r.int64(0)};
    if (candidate.distance_km > search.radius_km) continue;
    if (search.after && !(Candidate{search.after->distance_km, search.after->id} < candidate)) {
      continue;
    }
    found.push_back(candidate);
  }
}

std::vector<SearchHit> nearest_of(std::vector<Candidate>& found, std::size_t limit) {
  auto end = found.begin() + static_cast<std::ptrdiff_t>(std::min(limit, found.size()));
  std::partial_sort(found.begin(), end, found.end());
  std::vector<SearchHit> hits;
  for (auto it = found.begin(); it != end; ++it) hits.push_back({it->id, it->distance_km});
  return hits;
}

// Keywords that few needs match: those needs, measured one by one.
std::vector<SearchHit> nearest_with_rare_keywords(Connection& c, const NeedSearch& search) {
  SearchStatement s;
  s.sql = "SELECT n.id, n.geo_lat, n.geo_lon";
  add_conditions(s, search, c.dialect(), NeedsAccess::by_id);
  s.sql += " AND n.geo_cell IS NOT NULL";
  std::vector<Candidate> found;
  add_candidates(c.query(s.sql, s.params), search, found);
  return nearest_of(found, static_cast<std::size_t>(search.limit));
}

void set_box(SearchStatement& s, std::size_t at, const geo::LatLonBox& box) {
  s.params[at] = box.lat_lo;
  s.params[at + 1] = box.lat_hi;
  s.params[at + 2] = box.lon_lo;
  s.params[at + 3] = box.lon_hi;
}

// Nearest first. The circle is read in growing rings: the first small, each next one sized
// by the density the previous one showed, but no wider than the distance of the limit-th
// need found so far (the answer cannot reach beyond it). A search in a dense town stops after a few
// hundred metres and a few dozen rows; one in the countryside grows to the full radius in
// three or four steps. Every need within a ring has been read once the ring is done, so as
// soon as `limit` of them lie within it the nearest `limit` are known.
//
// What a ring reads, and why each need is read once: a ring covers its circle with a few
// cells (geo::quick_covering, cheap but about five times the circle’s area) and keeps only
// the rows inside the circle's bounding box, on the index entry. So after a ring, exactly
// the needs in (cells covered so far) ∩ (its box) have been read. The next, larger ring
// reads its new cells within its box, and the cells covered before only where its box
// leaves the previous one (the boxes are nested) — which restores that invariant.
std::vector<SearchHit> nearest_needs(Connection& c, const NeedSearch& search,
                                     const std::vector<std::int64_t>* only = nullptr) {
  const auto center = *search.center;
  const double radius = search.radius_km;
  const auto limit = static_cast<std::size_t>(search.limit);
  auto s = range_statement(search, c.dialect());

  // A later page never reads the cells wholly nearer than the last distance it showed.
  std::vector<geo::CellRange> skip;
  double ring = std::clamp(radius / 16, min_ring_km, max_first_ring_km);
  if (search.after) {
    skip = geo::interior_covering(center, std::min(search.after->distance_km, radius), 24);
    ring += search.after->distance_km * 1.1;
  }
  std::vector<geo::CellRange> done;  // covered by the rings so far, read within `inner`
  geo::LatLonBox inner{1, 0, 1, 0};  // empty: BETWEEN 1 AND 0 holds for nothing
  struct Piece {
    geo::CellRange range;
    bool seen;
  };
  std::vector<Piece> pieces;
  std::vector<Candidate> found;
  found.reserve(4 * limit);
  for (bool first = true;; first = false) {
    ring = std::min(ring, radius);
    auto outer = geo::bounding_box(center, ring);
    if (!first) {
      outer = {std::min(outer.lat_lo, inner.lat_lo), std::max(outer.lat_hi, inner.lat_hi),
               std::min(outer.lon_lo, inner.lon_lo), std::max(outer.lon_hi, inner.lon_hi)};
    }
    set_box(s, box_param, outer);
    set_box(s, inner_box_param, inner);
    auto cover = minus(geo::quick_covering(center, ring), skip);
    pieces.clear();
    for (const auto& r : done) pieces.push_back({r, true});
    for (const auto& r : minus(cover, done)) pieces.push_back({r, false});
    done = joined(done, cover);
    for (std::size_t at = 0; at < pieces.size(); at += range_slots) {
      for (std::size_t k = 0; k < range_slots; ++k) {
        auto& lo = s.params[3 * k];
        auto& hi = s.params[3 * k + 1];
        auto& seen = s.params[3 * k + 2];
        if (at + k < pieces.size()) {
          const auto& piece = pieces[at + k];
          lo = piece.range.min;
          hi = piece.range.max;
          seen = std::int64_t{piece.seen ? 1 : 0};
        } else {
          lo = std::int64_t{1};  // an empty range
          hi = std::int64_t{0};
          seen = std::int64_t{0};
        }
      }
      add_candidates(c.query(s.sql, s.params), search, found, only);
    }
    inner = outer;
    auto within = static_cast<std::size_t>(std::count_if(
        found.begin(), found.end(), [&](const Candidate& x) { return x.distance_km <= ring; }));
    if (within >= limit || ring >= radius) break;
    // The needs per area seen so far say how far the next ring must reach for `limit` of
    // them; never less than half as wide again, never more than four times.
    double factor = within == 0 ? 4.0 : 1.2 * std::sqrt(double(limit) / double(within));
    double next = ring * std::clamp(factor, 1.5, 4.0);
    // The box's corners may already hold `limit` needs: the limit-th of them is as far as
    // the answer can reach.
    if (found.size() >= limit) {
      auto kth = found.begin() + static_cast<std::ptrdiff_t>(limit - 1);
      std::nth_element(found.begin(), kth, found.end());
      next = std::min(next, kth->distance_km);
    }
    ring = next;
  }
  return nearest_of(found, limit);
}

}  // namespace

SearchStatement range_statement(const NeedSearch& search, Dialect dialect) {
  SearchStatement s;
  s.sql.reserve(ring_head(dialect).size() + 400);
  s.sql = "SELECT n.id, n.geo_lat, n.geo_lon";
  // The ring's placeholders: every range empty, both boxes empty.
  s.params.reserve(ring_params + 8);
  for (std::size_t k = 0; k < range_slots; ++k) {
    s.params.insert(s.params.end(), {std::int64_t{1}, std::int64_t{0}, std::int64_t{0}});
  }
  s.params.insert(s.params.end(), 8, Value{0.0});
  set_box(s, box_param, {1, 0, 1, 0});
  set_box(s, inner_box_param, {1, 0, 1, 0});
  add_conditions(s, search, dialect, NeedsAccess::geo_index);
  return s;
}

std::vector<SearchHit> search_needs(Connection& c, const NeedSearch& search) {
  if (search.limit <= 0) return {};
  if (!search.center) return newest_needs(c, search);
  // The API checks both; a circle without a valid centre or size holds nothing.
  if (!geo::valid_point(*search.center) || !std::isfinite(search.radius_km) ||
      search.radius_km < 0) {
    return {};
  }
  if (search.keywords.empty()) return nearest_needs(c, search);
  auto query = keyword_query(c.dialect(), search.keywords);
  auto few = c.query(keyword_matches_sql(c.dialect()), {query, few_keyword_matches + 1});
  if (few.rows.size() <= static_cast<std::size_t>(few_keyword_matches)) {
    return nearest_with_rare_keywords(c, search);
  }
  std::vector<std::int64_t> matching;
  for (const auto& r : c.query(keyword_matches_sql(c.dialect()), {query, std::int64_t{-1}}).rows) {
    matching.push_back(r.int64(0));
  }
  std::sort(matching.begin(), matching.end());
  return nearest_needs(c, search, &matching);
}

void refresh_need_search(Connection& c, std::int64_t need_id) {
  // A remote need is found at its municipality's centre.
  auto result = c.query(
      "SELECT n.remote, n.lat, n.lon, m.center_lat, m.center_lon, n.title, n.description, "
      "o.name, (SELECT MIN(s.starts_at) FROM shifts s WHERE s.need_id = n.id), "
      "(SELECT MAX(s.starts_at) FROM shifts s WHERE s.need_id = n.id) "
      "FROM needs n JOIN organizations o ON o.id = n.organization_id "
      "LEFT JOIN municipalities m ON m.id = n.municipality_id WHERE n.id = $1",
      {need_id});
  if (result.empty()) return;
  const auto& r = result.rows.front();
  std::optional<domain::GeoPoint> point;
  if (!r.boolean(0) && !r.is_null(1) && !r.is_null(2)) {
    point = domain::GeoPoint{r.real(1), r.real(2)};
  } else if (!r.is_null(3) && !r.is_null(4)) {
    point = domain::GeoPoint{r.real(3), r.real(4)};
  }
  auto optional_int = [](std::optional<std::int64_t> v) { return v ? Value(*v) : null(); };
  if (point && geo::valid_point(*point)) {
    c.query(
        "UPDATE needs SET geo_cell = $2, geo_lat = $3, geo_lon = $4, first_start = $5, "
        "last_start = $6 WHERE id = $1",
        {need_id, geo::cell_of(*point), point->lat, point->lon, optional_int(r.opt_int64(8)),
         optional_int(r.opt_int64(9))});
  } else {
    c.query(
        "UPDATE needs SET geo_cell = NULL, geo_lat = NULL, geo_lon = NULL, first_start = $2, "
        "last_start = $3 WHERE id = $1",
        {need_id, optional_int(r.opt_int64(8)), optional_int(r.opt_int64(9))});
  }
  // Both folds are indexed, the query is folded the German way: "übung" and "uebung" find
  // "Übung" through the first, "ubung" (typed without umlauts) through the second.
  auto text = r.text(5) + "\n" + r.text(6) + "\n" + r.text(7);
  auto body = domain::fold_german(text);
  if (auto plain = domain::fold_plain(text); plain != body) body += "\n" + plain;
  // The keyword text is rewritten only when it changed: shifts change far more often than
  // words, and every FTS5 delete leaves work for its merges (on PostgreSQL: a dead row and
  // GIN entries for vacuum).
  auto stored = c.query(keyword_body_sql(c.dialect()), {need_id});
  if (!stored.empty() && stored.rows.front().text(0) == body) return;
  if (!stored.empty()) c.query(keyword_delete_sql(c.dialect()), {need_id});
  c.query(keyword_insert_sql(c.dialect()), {need_id, body});
}

void refresh_organization_search(Connection& c, std::int64_t organization_id) {
  auto ids = c.query("SELECT id FROM needs WHERE organization_id = $1", {organization_id});
  for (const auto& r : ids.rows) refresh_need_search(c, r.int64(0));
}

void refresh_municipality_search(Connection& c, std::int64_t municipality_id) {
  // Only the needs found at the centre move with it.
  auto ids = c.query(
      "SELECT id FROM needs WHERE municipality_id = $1 AND (remote = 1 OR lat IS NULL OR "
      "lon IS NULL)",
      {municipality_id});
  for (const auto& r : ids.rows) refresh_need_search(c, r.int64(0));
}

int index_unindexed_needs(Connection& c) {
  auto ids = c.query("SELECT id FROM needs WHERE geo_cell IS NULL ORDER BY id");
  int indexed = 0;
  for (const auto& r : ids.rows) {
    refresh_need_search(c, r.int64(0));
    if (!c.query("SELECT 1 FROM needs WHERE id = $1 AND geo_cell IS NOT NULL", {r.int64(0)})
             .empty()) {
      ++indexed;
    }
  }
  return indexed;
}

}  // namespace hk::storage
