#include "storage/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "storage/dialect.hpp"
#include "storage/search.hpp"
#include "util/clock.hpp"
#include "util/embedded.hpp"

namespace hk::storage {

namespace {

// Written so that both dialects read them as they are (no {{ID}}, nothing to rewrite).
constexpr std::string_view create_tables = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_compat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
))";

constexpr std::string_view current_version_sql =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view compat_version_sql =
    "SELECT COALESCE(MAX(version), 0) FROM schema_compat";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

int latest_of(const std::vector<Migration>& migrations) {
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  return latest;
}

// A list that does not hold together would make the state comparisons meaningless.
void check_list(const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    if (i > 0 && m.version <= migrations[i - 1].version) {
      throw StorageError(fmt::format("migrations out of order or twice at version {}", m.version));
    }
    // A migration can only speak for binaries that know it; a higher number would lock out
    // the very binary that applies it.
    if (m.compat < 0 || m.compat > m.version) {
      throw StorageError(fmt::format("{}: compat {} must lie between 0 and its version {}", m.name,
                                     m.compat, m.version));
    }
  }
}

std::string too_new_message(const SchemaState& s) {
  return fmt::format(
      "the database has schema version {} and needs a binary of schema version {} or newer; "
      "this binary knows schema version {}: run the newer helferkarte",
      s.current, s.compat, s.latest);
}

}  // namespace

int declared_compat(std::string_view sql) {
  // Only the header counts: the comment lines before the first statement.
  while (!sql.empty()) {
    auto end = sql.find('\n');
    auto line = trim(sql.substr(0, end));
    sql.remove_prefix(end == std::string_view::npos ? sql.size() : end + 1);
    if (line.empty()) continue;
    if (!line.starts_with("--")) break;
    auto text = trim(line.substr(2));
    if (!text.starts_with("compat:")) continue;
    auto number = trim(text.substr(7));
    int value = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || ptr != number.data() + number.size() || value < 0) {
      throw StorageError(fmt::format("malformed declaration '{}': use '-- compat: N'", line));
    }
    return value;
  }
  return 0;
}

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
    int compat = 0;
    try {
      compat = declared_compat(content);
    } catch (const StorageError& e) {
      throw StorageError(file + ": " + e.what());
    }
    out.push_back({version, file, apply_dialect(std::string(content), dialect), compat});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw StorageError(fmt::format("two migrations with version {}", out[i].version));
    }
  }
  check_list(out);
  return out;
}

SchemaState schema_state(Database& db, const std::vector<Migration>& migrations) {
  SchemaState state;
  state.latest = latest_of(migrations);
  // In a write transaction: on PostgreSQL that holds the cluster-wide write lock, so two
  // servers starting at once do not race to create the tables.
  db.write([&](Connection& c) {
    c.execute_script(create_tables);
    state.current = static_cast<int>(c.query(current_version_sql).one().int64(0));
    state.compat = static_cast<int>(c.query(compat_version_sql).one().int64(0));
  });
  return state;
}

SchemaState schema_state(Database& db) {
  return schema_state(db, embedded_migrations(db.dialect()));
}

SchemaState read_schema_state(Database& db) {
  SchemaState state;
  state.latest = latest_schema_version(db.dialect());
  db.read([&](Connection& c) {
    const char* exists = table_exists_sql(db.dialect());
    if (!c.query(exists, {"schema_migrations"}).empty()) {
      state.current = static_cast<int>(c.query(current_version_sql).one().int64(0));
    }
    // Databases migrated before compatibility versions existed have no table: compat 0.
    if (!c.query(exists, {"schema_compat"}).empty()) {
      state.compat = static_cast<int>(c.query(compat_version_sql).one().int64(0));
    }
  });
  return state;
}

int applied_schema_version(Database& db) {
  int version = 0;
  db.read([&](Connection& c) {
    auto exists = c.query(table_exists_sql(db.dialect()), {"schema_migrations"});
    if (exists.empty()) return;
    version = static_cast<int>(c.query(current_version_sql).one().int64(0));
  });
  return version;
}

int latest_schema_version(Dialect dialect) { return latest_of(embedded_migrations(dialect)); }

int migrate(Database& db, const std::vector<Migration>& migrations) {
  check_list(migrations);
  auto state = schema_state(db, migrations);
  if (state.too_new()) throw SchemaTooNewError(too_new_message(state));
  if (state.current > state.latest) {
    // A newer binary migrated (a rolling upgrade); its migrations since this binary's schema
    // were all additive, so this one still reads and writes correctly.
    spdlog::warn(
        "database schema {} is newer than this binary ({}); compatible (needs {} or newer), "
        "serving",
        state.current, state.latest, state.compat);
    return 0;
  }
  int applied = 0;
  for (const auto& m : migrations) {
    if (m.version <= state.current) continue;
    bool done_here = false;
    db.write([&](Connection& c) {
      // Checked again inside the transaction: another process may have migrated meanwhile.
      auto done = c.query("SELECT 1 FROM schema_migrations WHERE version = $1", {m.version});
      if (!done.empty()) return;
      c.execute_script(m.sql);
      c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
              {std::int64_t{m.version}, m.name, util::now_seconds()});
      // Recorded with the migration, in its transaction: never lowered, so an additive
      // migration after a breaking one keeps the older binaries out.
      if (m.compat > 0) {
        c.query(
            "INSERT INTO schema_compat (id, version) VALUES (1, $1) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version "
            "WHERE schema_compat.version < excluded.version",
            {std::int64_t{m.compat}});
      }
      done_here = true;
    });
    if (done_here) {
      ++applied;
      spdlog::info("applied migration {}{}", m.name,
                   m.compat > 0 ? fmt::format(" (compat {})", m.compat) : std::string());
    }
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

int migrate(Database& db) { return migrate(db, embedded_migrations(db.dialect())); }

}  // namespace hk::storage
