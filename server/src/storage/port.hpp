#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// `helferkarte port-db`: a whole installation moved into another database (SQLite to
// PostgreSQL when a region outgrows one machine, or back).

// Tables the port does not copy: the keyword index need_text (and SQLite's FTS5 shadow tables
// need_text_*), rebuilt on the target from the needs since each dialect keeps it differently;
// the migration bookkeeping (schema_migrations, schema_compat), which the target's own
// migration writes; and job_leases, held by the processes of the old installation only.
bool left_out_of_port(const std::string& name);

// Every other table of the database, each after the tables its foreign keys refer to.
std::vector<std::string> ported_tables(Database& db);

struct TableCount {
  std::string table;
  std::int64_t source = 0;
  std::int64_t target = 0;
};

struct PortReport {
  int schema_version = 0;
  std::vector<TableCount> tables;  // in the order copied
  int indexed_needs = 0;           // keyword texts written on the target
};

// Migrates `target` to the latest schema and copies every row of `source` into it in one
// write transaction, ids kept, then rebuilds the keyword index there. Throws StorageError,
// before anything is written, when the source is not at this binary's schema version (it is
// the operator's live data: they migrate it) or when the target holds data already; and
// when the row counts differ afterwards, which rolls the copy back.
PortReport port_database(Database& source, Database& target);

}  // namespace hk::storage
