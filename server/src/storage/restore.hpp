#pragma once

#include <string>

namespace hk::storage {

// Restores a backup written by `helferkarte backup` into the database at `url`, which must
// be empty: a SQLite file that does not exist yet, or a PostgreSQL database without tables
// (restoring over live data would mix two installations). Throws StorageError otherwise or
// when the file is not a backup for that kind of database.
void restore_database(const std::string& url, const std::string& file);

}  // namespace hk::storage
