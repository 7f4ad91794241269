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
// need_text, PostgreSQL a table need_text with a German tsvector (migration 0005 of each),
// which also finds other forms of a query word ("Hunde" finds "Hund").
std::string keyword_query(Dialect dialect, const std::vector<std::string>& folded_words);
std::string keyword_condition(Dialect dialect, const std::string& placeholder);
const char* keyword_matches_sql(Dialect dialect);
// A need's stored keyword text: read ($1 the need's id), delete, insert ($2 the text).
const char* keyword_body_sql(Dialect dialect);
const char* keyword_delete_sql(Dialect dialect);
const char* keyword_insert_sql(Dialect dialect);

// port-db (storage/port.cpp): the tables of the current schema by name; the tables that table
// $1 references by foreign key; the statement that sets `table`'s id sequence past its
// largest id after rows were copied with their ids (empty for SQLite, where none is needed).
const char* user_tables_sql(Dialect dialect);
const char* referenced_tables_sql(Dialect dialect);
std::string restart_identity_sql(Dialect dialect, const std::string& table);

}  // namespace hk::storage
