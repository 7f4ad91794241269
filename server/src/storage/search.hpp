#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/municipality.hpp"
#include "domain/need.hpp"
#include "storage/database.hpp"

namespace hk::storage {

// Where the previous page ended: the distance and id of its last need (radius search), or
// only the id (newest first).
struct SearchCursor {
  double distance_km = 0;
  std::int64_t id = 0;
};

// What a citizen searches for. Found are published needs of approved organisations whose
// last shift has not begun yet (needs.last_start > now), matching every filter given.
struct NeedSearch {
  // With a centre: needs within radius_km of it, nearest first (ties by id). Without: newest
  // first; then municipality_id or keywords narrow the list.
  std::optional<domain::GeoPoint> center;
  double radius_km = 10;
  std::vector<std::string> categories;  // empty: every category
  std::optional<bool> remote;           // true: only remote needs, false: only on site
  // A shift that starts before `to` and ends after `from` (either may be open).
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> to;
  // Folded words (domain::fold_german, then words_of); each must begin a word of the need's
  // title, description or organisation name.
  std::vector<std::string> keywords;
  std::optional<std::int64_t> municipality_id;
  std::optional<SearchCursor> after;  // the next page begins after this
  int limit = 20;
  std::int64_t now = 0;
};

struct SearchHit {
  std::int64_t need_id = 0;
  std::optional<double> distance_km;  // set when the search had a centre
};

// At most `limit` hits, in the order described above.
std::vector<SearchHit> search_needs(Connection& c, const NeedSearch& search);

// The statement a search with a centre runs once per ring of its growing search ($1 … $32
// are the ring's ranges of cell ids and boxes, bound empty here; the rest bound as given;
// keywords are applied to its rows afterwards): for EXPLAIN in the tests and the benchmark.
struct SearchStatement {
  std::string sql;
  std::vector<Value> params;
};
SearchStatement range_statement(const NeedSearch& search, Dialect dialect = Dialect::sqlite);

// The needs with their shifts (as find_need reads them), in the order of `ids`; ids that do
// not exist are skipped.
std::vector<domain::Need> load_needs(Connection& c, const std::vector<std::int64_t>& ids);

// Recomputes what the search reads of a need: its point and S2 cell (geo/cell.hpp), the first
// and last start of its shifts and its keyword text. The storage functions that change a
// need, its shifts, its organisation's name or its municipality's centre call it.
void refresh_need_search(Connection& c, std::int64_t need_id);
void refresh_organization_search(Connection& c, std::int64_t organization_id);
void refresh_municipality_search(Connection& c, std::int64_t municipality_id);

// Indexes the needs that have no cell yet (after the migration that added the columns);
// `migrate` calls it. Returns how many it indexed.
int index_unindexed_needs(Connection& c);

}  // namespace hk::storage
