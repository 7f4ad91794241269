#include "storage/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "storage/dialect.hpp"
#include "storage/search.hpp"
#include "util/clock.hpp"
#include "util/embedded.hpp"

namespace hk::storage {

namespace {

constexpr std::string_view create_table = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
))";

}  // namespace

std::vector<Migration> embedded_migrations(Dialect dialect) {
  std::vector<Migration> out;
  for (const auto& [name, content] : embedded::embedded_files()) {
    if (!name.starts_with("migrations/")) continue;
    auto file = std::string(name.substr(std::string_view("migrations/").size()));
    // "NNNN_name.sqlite.sql" and "NNNN_name.postgres.sql" hold what only one dialect can
    // say; each database applies its own under the shared number.
    if (file.ends_with(".sqlite.sql") && dialect != Dialect::sqlite) continue;
    if (file.ends_with(".postgres.sql") && dialect != Dialect::postgres) continue;
    int version = 0;
    try {
      version = std::stoi(file);
    } catch (const std::exception&) {
      throw StorageError("migration file name does not start with a number: " + file);
    }
    out.push_back({version, file, apply_dialect(std::string(content), dialect)});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw StorageError(fmt::format("two migrations with version {}", out[i].version));
    }
  }
  return out;
}

SchemaState schema_state(Database& db) {
  SchemaState state;
  auto migrations = embedded_migrations(db.dialect());
  state.latest = migrations.empty() ? 0 : migrations.back().version;
  db.write([&](Connection& c) {
    c.execute_script(create_table);
    state.current = static_cast<int>(
        c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").one().int64(0));
  });
  return state;
}

int applied_schema_version(Database& db) {
  int version = 0;
  db.read([&](Connection& c) {
    auto exists = c.query(table_exists_sql(db.dialect()), {"schema_migrations"});
    if (exists.empty()) return;
    version = static_cast<int>(
        c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").one().int64(0));
  });
  return version;
}

int latest_schema_version(Dialect dialect) {
  auto migrations = embedded_migrations(dialect);
  return migrations.empty() ? 0 : migrations.back().version;
}

int migrate(Database& db) {
  auto migrations = embedded_migrations(db.dialect());
  auto state = schema_state(db);
  if (state.current > state.latest) {
    throw StorageError(
        fmt::format("the database has schema version {}, newer than this binary knows ({}); "
                    "run a newer helferkarte or restore a backup",
                    state.current, state.latest));
  }
  int applied = 0;
  for (const auto& m : migrations) {
    if (m.version <= state.current) continue;
    db.write([&](Connection& c) {
      // Checked again inside the transaction: another process may have migrated meanwhile.
      auto done = c.query("SELECT 1 FROM schema_migrations WHERE version = $1", {m.version});
      if (!done.empty()) return;
      c.execute_script(m.sql);
      c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
              {std::int64_t{m.version}, m.name, util::now_seconds()});
      ++applied;
    });
    spdlog::info("applied migration {}", m.name);
  }
  // Needs written before the search columns existed get their cell and keyword text. Only
  // after a migration: it reads every need, too much for every start.
  if (applied > 0) {
    int indexed = 0;
    db.write([&](Connection& c) { indexed = index_unindexed_needs(c); });
    if (indexed > 0) spdlog::info("indexed {} needs for the search", indexed);
  }
  return applied;
}

}  // namespace hk::storage
