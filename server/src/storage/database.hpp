#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/unavailable.hpp"

namespace hk::storage {

// A value bound to a placeholder or read from a column. Times are int64 seconds since the
// epoch, booleans int64 0/1, so the same SQL text runs on SQLite and PostgreSQL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null() { return std::monostate{}; }
Value optional_text(const std::optional<std::string>& s);

class Row {
 public:
  using Columns = std::shared_ptr<const std::vector<std::string>>;
  Row(Columns columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  bool is_null(std::size_t i) const;
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  const std::string& text(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  std::optional<double> opt_real(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  bool boolean(std::size_t i) const { return int64(i) != 0; }
  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& columns() const { return *columns_; }
  const Value& value(std::size_t i) const;

 private:
  Columns columns_;
  std::vector<Value> values_;
};

struct Result {
  Row::Columns columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  const Row& one() const;  // throws StorageError unless exactly one row
};

// Raised for every database failure; `what()` carries the statement's context.
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A UNIQUE, FOREIGN KEY or CHECK constraint refused a write; callers map it to 409 / 422.
class ConstraintError : public StorageError {
 public:
  using StorageError::StorageError;
};

enum class Dialect { sqlite, postgres };

// The database could not do the work right now (connection lost, failover, lock timeout);
// the same request may succeed in a moment.
class UnavailableError : public StorageError, public util::TemporarilyUnavailable {
 public:
  using StorageError::StorageError;
};

// One connection inside one transaction. Placeholders are $1, $2, ... in both dialects.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result query(std::string_view sql, const std::vector<Value>& params) = 0;
  Result query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, std::vector<Value>(params));
  }
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // A read-only transaction on one of the reader connections.
  virtual void read(const std::function<void(Connection&)>& work) = 0;
  // A write transaction; writers are serialised. Commits when `work` returns, rolls back
  // when it throws.
  virtual void write(const std::function<void(Connection&)>& work) = 0;
  // True when the database answers a trivial query.
  bool ping();
  // A consistent copy of the whole database into `path` while it keeps serving.
  virtual void backup(const std::string& path) = 0;

  // Counts the write transactions this process has committed, so a cache of answers read
  // earlier can tell that they may be outdated.
  std::uint64_t write_generation() const {
    return write_generation_.load(std::memory_order_acquire);
  }

 protected:
  // Called by write() once a transaction has committed (before write() returns).
  void committed() { write_generation_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint64_t> write_generation_{0};
};

struct DatabaseOptions {
  int readers = 4;             // reader connections; one writer connection besides them
  int busy_timeout_ms = 5000;  // how long a transaction waits for a lock (both dialects)
};

// `sqlite:PATH` (PATH may be `:memory:`) or `postgres://...`.
std::unique_ptr<Database> open_database(const std::string& url, const DatabaseOptions& options);

}  // namespace hk::storage
