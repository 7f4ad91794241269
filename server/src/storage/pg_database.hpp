#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

namespace hk::storage {

class PgConnection;

// PostgreSQL through libpq, in the same shape as SqliteDatabase: a pool of reader connections
// and one writer connection per process. Every write transaction first takes one
// transaction-scoped advisory lock, so write transactions are serialised across all server
// processes on the database, exactly as SQLite serialises them. The rules written as "read,
// check, then update" inside one write transaction (a shift's last place, a claimed mail)
// therefore hold with any number of servers; reads run in parallel on every server.
class PgDatabase : public Database {
 public:
  PgDatabase(const std::string& url, const DatabaseOptions& options);
  ~PgDatabase() override;

  Dialect dialect() const override { return Dialect::postgres; }
  void read(const std::function<void(Connection&)>& work) override;
  void write(const std::function<void(Connection&)>& work) override;
  // pg_dump --format=custom into `path` (storage/pg_dump.hpp).
  void backup(const std::string& path) override;

 private:
  std::unique_ptr<PgConnection> open_connection() const;

  std::string url_;
  DatabaseOptions options_;
  std::mutex write_mutex_;
  std::unique_ptr<PgConnection> writer_;
  ConnectionPool<PgConnection> readers_;
};

// The key of the advisory lock every write transaction holds ("hk-write" as ASCII).
inline constexpr long long write_lock_key = 0x686b2d7772697465;

// The URL with its password replaced by "***", for messages and logs.
std::string redact_database_url(const std::string& url);

}  // namespace hk::storage
