#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// The one place where SQLite and PostgreSQL differ in DDL: migrations write {{ID}} for an
// auto-generated 64-bit primary key and this turns it into each dialect's spelling.
std::string apply_dialect(std::string sql, Dialect dialect);

// A query that returns one row when the table `name` ($1) exists.
const char* table_exists_sql(Dialect dialect);

// How a search statement reaches the table `needs n`. SQLite's planner, without statistics,
// takes the one-column index needs_status (status = 'published' looks selective) over the
// index a statement is written for; these name it. PostgreSQL plans from its statistics.
enum class NeedsAccess {
  any,
  geo_index,  // the partial index needs_geo (migration 0004), ranges of geo_cell
  by_id,      // only through the primary key, from a list of ids
};
std::string needs_table(Dialect dialect, NeedsAccess access);

// Keyword search (storage/search.cpp) over the folded text of each need (title, description,
// organisation name). keyword_query turns folded words into the query bound at
// `placeholder`: each word the beginning of a word of the text, all required.
// keyword_condition is a condition on `n` that holds for the needs matching it;
// keyword_matches_sql reads at most $2 ids (-1: all) matching $1. SQLite has the FTS5 table
// need_text (migration 0005); PostgreSQL has no keyword index yet and these throw.
std::string keyword_query(Dialect dialect, const std::vector<std::string>& folded_words);
std::string keyword_condition(Dialect dialect, const std::string& placeholder);
const char* keyword_matches_sql(Dialect dialect);

}  // namespace hk::storage
