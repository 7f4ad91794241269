#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

struct sqlite3;

namespace hk::storage {

class SqliteConnection;

// One writer connection and a small pool of reader connections on a WAL database, so readers
// never wait for the writer and writers never interleave.
class SqliteDatabase : public Database {
 public:
  SqliteDatabase(const std::string& path, const DatabaseOptions& options);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  void read(const std::function<void(Connection&)>& work) override;
  void write(const std::function<void(Connection&)>& work) override;
  void backup(const std::string& path) override;

 private:
  std::unique_ptr<SqliteConnection> open_connection(bool readonly) const;

  std::string path_;
  DatabaseOptions options_;
  std::mutex write_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  ConnectionPool<SqliteConnection> readers_;
};

}  // namespace hk::storage
