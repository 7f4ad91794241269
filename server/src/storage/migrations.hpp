#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

struct Migration {
  int version;       // the number the file name starts with
  std::string name;  // the file name
  std::string sql;   // with the dialect's tokens already replaced
};

// The migrations carried inside the binary, in order, for the given dialect.
std::vector<Migration> embedded_migrations(Dialect dialect);

struct SchemaState {
  int current = 0;  // highest applied version
  int latest = 0;   // highest version this binary knows
};

SchemaState schema_state(Database& db);
// Read-only: the highest applied version (0 for an empty database); throws when unreadable.
int applied_schema_version(Database& db);
int latest_schema_version(Dialect dialect);

// Applies every pending migration, each in its own transaction, and records it. Idempotent.
// Throws StorageError when the database is newer than this binary.
int migrate(Database& db);

}  // namespace hk::storage
