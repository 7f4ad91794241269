#include "app/port_db.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "storage/database.hpp"
#include "storage/port.hpp"

namespace hk::app {

namespace {

// The kind of database only: a PostgreSQL URL may carry a password.
std::string kind_of(const storage::Database& db) {
  return db.dialect() == storage::Dialect::sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace

int port_db(const std::string& from, const std::string& to, std::ostream& out, std::ostream& err) {
  if (from == to) {
    err << "port-db: --from and --to name the same database\n";
    return 1;
  }
  try {
    storage::DatabaseOptions options;
    options.readers = 1;
    auto source = storage::open_database(from, options);
    auto target = storage::open_database(to, options);
    out << "port-db: " << kind_of(*source) << " -> " << kind_of(*target) << "\n";
    auto report = storage::port_database(*source, *target);

    std::size_t width = 5;
    for (const auto& t : report.tables) width = std::max(width, t.table.size());
    out << fmt::format("{:<{}}  {:>10}  {:>10}\n", "table", width, "source", "target");
    std::int64_t total = 0;
    for (const auto& t : report.tables) {
      out << fmt::format("{:<{}}  {:>10}  {:>10}\n", t.table, width, t.source, t.target);
      total += t.target;
    }
    out << fmt::format(
        "port-db: {} rows in {} tables copied at schema version {}; keyword "
        "index rebuilt for {} needs\n",
        total, report.tables.size(), report.schema_version, report.indexed_needs);
    return 0;
  } catch (const std::exception& e) {
    err << "port-db: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace hk::app
