#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

struct Migration {
  int version;       // the number the file name starts with
  std::string name;  // the file name
  std::string sql;   // with the dialect's tokens already replaced
  // From a `-- compat: N` line at the top of the file: after this migration, binaries built
  // for a schema older than N must not run on the database (it dropped or renamed something
  // they read). 0 for an additive migration, which older binaries survive.
  int compat = 0;
};

// The `-- compat: N` declaration among the leading comment lines of a migration, else 0.
// Throws StorageError for a malformed declaration.
int declared_compat(std::string_view sql);

// The migrations carried inside the binary, in order, for the given dialect.
std::vector<Migration> embedded_migrations(Dialect dialect);

struct SchemaState {
  int current = 0;  // highest applied version
  int latest = 0;   // highest version this binary knows
  int compat = 0;   // binaries built for a schema older than this must not run on the database
  // The database is newer than this binary but declares it still compatible: it runs, and
  // migrates nothing.
  bool newer_but_compatible() const { return current > latest && compat <= latest; }
  bool too_new() const { return compat > latest; }
};

// Creates the bookkeeping tables if needed (inside a write transaction) and reads the state.
SchemaState schema_state(Database& db, const std::vector<Migration>& migrations);
SchemaState schema_state(Database& db);
// Read-only, for /readyz: tables that do not exist yet count as version 0 and compat 0.
// Throws when the database cannot be read.
SchemaState read_schema_state(Database& db);
// Read-only: the highest applied version (0 for an empty database); throws when unreadable.
int applied_schema_version(Database& db);
int latest_schema_version(Dialect dialect);

// The database is newer than this binary and declares binaries of this one's schema unfit to
// run on it.
class SchemaTooNewError : public StorageError {
 public:
  using StorageError::StorageError;
};

// Applies every pending migration, each in its own transaction, and records it and the
// compatibility version it declares. Idempotent, and safe while other processes (old servers,
// a second new one) use the database. A database newer than the binary is left alone when
// its compatibility version allows this binary (a warning is logged); otherwise throws
// SchemaTooNewError. Returns the number of migrations applied.
int migrate(Database& db, const std::vector<Migration>& migrations);
int migrate(Database& db);

}  // namespace hk::storage
