#pragma once

#include <string>

#include "storage/database.hpp"

namespace hk::storage {

// The one place where SQLite and PostgreSQL differ in DDL: migrations write {{ID}} for an
// auto-generated 64-bit primary key and this turns it into each dialect's spelling.
std::string apply_dialect(std::string sql, Dialect dialect);

// A query that returns one row when the table `name` ($1) exists.
const char* table_exists_sql(Dialect dialect);

}  // namespace hk::storage
