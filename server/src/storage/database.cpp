#include "storage/database.hpp"

#include <fmt/format.h>

#include "storage/pg_database.hpp"
#include "storage/sqlite_database.hpp"

namespace hk::storage {

Value optional_text(const std::optional<std::string>& s) {
  if (!s) return null();
  return *s;
}

const Value& Row::value(std::size_t i) const {
  if (i >= values_.size()) {
    throw StorageError(fmt::format("column {} out of range ({} columns)", i, values_.size()));
  }
  return values_[i];
}

bool Row::is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(value(i)); }

std::int64_t Row::int64(std::size_t i) const {
  const auto& v = value(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    try {
      return std::stoll(*p);
    } catch (const std::exception&) {
    }
  }
  throw StorageError(fmt::format("column {} ({}) is not an integer", i, (*columns_)[i]));
}

double Row::real(std::size_t i) const {
  const auto& v = value(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    try {
      return std::stod(*p);
    } catch (const std::exception&) {
    }
  }
  throw StorageError(fmt::format("column {} ({}) is not a number", i, (*columns_)[i]));
}

const std::string& Row::text(std::size_t i) const {
  const auto& v = value(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  throw StorageError(fmt::format("column {} ({}) is not text", i, (*columns_)[i]));
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<double> Row::opt_real(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return real(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

const Row& Result::one() const {
  if (rows.size() != 1) throw StorageError(fmt::format("expected one row, got {}", rows.size()));
  return rows.front();
}

bool Database::ping() {
  try {
    bool ok = false;
    read([&](Connection& c) { ok = c.query("SELECT 1").one().int64(0) == 1; });
    return ok;
  } catch (const std::exception&) {
    return false;
  }
}

std::unique_ptr<Database> open_database(const std::string& url, const DatabaseOptions& options) {
  if (url.starts_with("sqlite:")) {
    return std::make_unique<SqliteDatabase>(url.substr(7), options);
  }
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return std::make_unique<PgDatabase>(url, options);
  }
  throw StorageError("unknown database URL '" + url + "': use sqlite:PATH or postgres://...");
}

}  // namespace hk::storage
