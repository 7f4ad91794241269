#include "storage/port.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "storage/dialect.hpp"
#include "storage/migrations.hpp"
#include "storage/search.hpp"

namespace hk::storage {

namespace {

// Rows read per statement, and the most placeholders one INSERT may carry (SQLite allows
// 32766, PostgreSQL 65535).
constexpr std::int64_t batch_rows = 500;
constexpr std::size_t max_params = 30000;

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

std::vector<std::string> all_tables(Connection& c) {
  std::vector<std::string> names;
  for (const auto& r : c.query(user_tables_sql(c.dialect())).rows) names.push_back(r.text(0));
  return names;
}

std::int64_t row_count(Connection& c, const std::string& table) {
  return c.query("SELECT COUNT(*) FROM " + quoted(table)).one().int64(0);
}

// The first table of the target that holds a row, if any.
std::optional<std::string> first_filled_table(Connection& c) {
  for (const auto& table : all_tables(c)) {
    if (!left_out_of_port(table) && row_count(c, table) > 0) return table;
  }
  return std::nullopt;
}

[[noreturn]] void refuse_filled_target(const std::string& table) {
  throw StorageError(fmt::format(
      "the target database is not empty (table {} has rows); port-db only fills a new, empty "
      "database, so nothing was written",
      table));
}

void insert_rows(Connection& to, const std::string& table, const std::vector<std::string>& columns,
                 const std::vector<Row>& rows, std::size_t from, std::size_t count) {
  std::string sql = "INSERT INTO " + quoted(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + quoted(columns[i]);
  sql += ") VALUES ";
  std::vector<Value> params;
  params.reserve(count * columns.size());
  for (std::size_t r = from; r < from + count; ++r) {
    sql += r == from ? "(" : ", (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      params.push_back(rows[r].value(i));
      sql += fmt::format("{}${}", i ? ", " : "", params.size());
    }
    sql += ")";
  }
  to.query(sql, params);
}

struct Copied {
  std::int64_t rows = 0;
  bool has_id = false;
};

// In the order of the first column (the primary key of every table), page by page after the
// last key, so a table of any size is read in steps of equal cost. Rows that reference rows
// of their own table (a repeated shift names its source) come after them: a row can only
// name one that existed when it was written, and ids only grow.
Copied copy_table(Connection& from, Connection& to, const std::string& table) {
  Copied copied;
  std::optional<Value> last;
  std::string key;
  for (;;) {
    auto batch =
        last ? from.query(fmt::format("SELECT * FROM {} WHERE {} > $1 ORDER BY {} LIMIT $2",
                                      quoted(table), quoted(key), quoted(key)),
                          {*last, batch_rows})
             : from.query("SELECT * FROM " + quoted(table) + " ORDER BY 1 LIMIT $1", {batch_rows});
    if (batch.empty()) break;
    const auto& columns = *batch.columns;
    key = columns.front();
    copied.has_id = std::find(columns.begin(), columns.end(), "id") != columns.end();
    auto per_insert = std::max<std::size_t>(1, max_params / columns.size());
    for (std::size_t at = 0; at < batch.rows.size(); at += per_insert) {
      insert_rows(to, table, columns, batch.rows, at, std::min(per_insert, batch.rows.size() - at));
    }
    copied.rows += static_cast<std::int64_t>(batch.rows.size());
    last = batch.rows.back().value(0);
    if (static_cast<std::int64_t>(batch.rows.size()) < batch_rows) break;
  }
  return copied;
}

std::vector<std::string> ported_tables(Connection& c) {
  std::map<std::string, std::vector<std::string>> references;
  for (const auto& table : all_tables(c)) {
    if (left_out_of_port(table)) continue;
    auto& refs = references[table];
    for (const auto& r : c.query(referenced_tables_sql(c.dialect()), {table}).rows) {
      if (r.text(0) != table && !left_out_of_port(r.text(0))) refs.push_back(r.text(0));
    }
  }
  // Depth first, in name order, so the order is the same on every run.
  std::vector<std::string> order;
  std::set<std::string> done, visiting;
  std::function<void(const std::string&)> visit = [&](const std::string& table) {
    if (done.contains(table)) return;
    if (!visiting.insert(table).second) {
      throw StorageError("port-db: the foreign keys of table " + table +
                         " form a cycle; no order of the tables satisfies them");
    }
    auto it = references.find(table);
    if (it == references.end()) {
      throw StorageError("port-db: table " + table + " is referenced but not in the schema");
    }
    for (const auto& ref : it->second) visit(ref);
    visiting.erase(table);
    done.insert(table);
    order.push_back(table);
  };
  for (const auto& [table, refs] : references) visit(table);
  return order;
}

}  // namespace

bool left_out_of_port(const std::string& name) {
  return name == "schema_migrations" || name == "schema_compat" || name == "job_leases" ||
         name == "need_text" || name.starts_with("need_text_");
}

std::vector<std::string> ported_tables(Database& db) {
  std::vector<std::string> tables;
  db.read([&](Connection& c) { tables = ported_tables(c); });
  return tables;
}

PortReport port_database(Database& source, Database& target) {
  PortReport report;
  report.schema_version = applied_schema_version(source);
  auto latest = latest_schema_version(source.dialect());
  if (report.schema_version < latest) {
    throw StorageError(fmt::format(
        "the source database has schema version {}, this helferkarte writes version {}; run "
        "`helferkarte migrate --database SOURCE` first (port-db does not change the source)",
        report.schema_version, latest));
  }
  if (report.schema_version > latest) {
    throw StorageError(fmt::format(
        "the source database has schema version {}, newer than this helferkarte knows ({}); "
        "port it with the helferkarte that serves it",
        report.schema_version, latest));
  }

  // Checked before the target is migrated, so a refused port leaves it as it was.
  std::optional<std::string> filled;
  target.read([&](Connection& c) { filled = first_filled_table(c); });
  if (filled) refuse_filled_target(*filled);
  migrate(target);
  if (auto v = applied_schema_version(target); v != report.schema_version) {
    throw StorageError(
        fmt::format("the target database is at schema version {} after migrating, "
                    "the source at {}",
                    v, report.schema_version));
  }

  auto tables = ported_tables(source);
  auto target_tables = ported_tables(target);
  std::set<std::string> on_target(target_tables.begin(), target_tables.end());
  for (const auto& table : tables) {
    if (!on_target.erase(table)) {
      throw StorageError("port-db: table " + table + " of the source is missing on the target");
    }
  }
  if (!on_target.empty()) {
    throw StorageError("port-db: table " + *on_target.begin() +
                       " of the target is missing on the source");
  }

  // One snapshot of the source, one transaction on the target: a port that fails anywhere
  // leaves the target as empty as it was.
  source.read([&](Connection& from) {
    target.write([&](Connection& to) {
      if (auto table = first_filled_table(to)) refuse_filled_target(*table);
      std::vector<Copied> copied;
      for (const auto& table : tables) copied.push_back(copy_table(from, to, table));
      for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!copied[i].has_id) continue;
        if (auto sql = restart_identity_sql(to.dialect(), tables[i]); !sql.empty()) to.query(sql);
      }
      report.tables.clear();
      for (std::size_t i = 0; i < tables.size(); ++i) {
        TableCount count{tables[i], row_count(from, tables[i]), row_count(to, tables[i])};
        if (count.source != count.target || count.source != copied[i].rows) {
          throw StorageError(fmt::format(
              "port-db: table {} has {} rows on the source but {} were copied and {} arrived; "
              "nothing was written",
              tables[i], count.source, copied[i].rows, count.target));
        }
        report.tables.push_back(count);
      }
      // The keyword index, written the target's way by the function that keeps it current.
      for (const auto& r : to.query("SELECT id FROM needs ORDER BY id").rows) {
        refresh_need_search(to, r.int64(0));
        ++report.indexed_needs;
      }
    });
  });
  return report;
}

}  // namespace hk::storage
