#include "storage/sqlite_database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <cstring>
#include <filesystem>
#include <unordered_map>

namespace hk::storage {

namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  auto what = fmt::format("sqlite: {}: {}", context, message);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(what);
  // Another process held the database longer than busy_timeout_ms.
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw UnavailableError(what);
  throw StorageError(what);
}

std::string shorten(std::string_view sql) {
  std::string s(sql.substr(0, 120));
  for (auto& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

class SqliteConnection : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  sqlite3* handle() const { return db_; }

  Result query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    bind(stmt, sql, params);

    Result result;
    int columns = sqlite3_column_count(stmt);
    auto names = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < columns; ++i) names->emplace_back(sqlite3_column_name(stmt, i));
    result.columns = names;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        fail(db_, rc, shorten(sql));
      }
      std::vector<Value> values;
      values.reserve(columns);
      for (int i = 0; i < columns; ++i) values.push_back(column(stmt, i));
      result.rows.emplace_back(result.columns, std::move(values));
    }
    result.affected = sqlite3_changes(db_);
    sqlite3_reset(stmt);
    return result;
  }

  void execute_script(std::string_view sql) override {
    std::string text(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      throw StorageError("sqlite: script failed: " + message);
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void exec(const char* sql) {
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto key = std::string(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare " + shorten(sql));
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  // Placeholders are written $1, $2, ...; SQLite sees them as named parameters.
  void bind(sqlite3_stmt* stmt, std::string_view sql, const std::vector<Value>& params) {
    int count = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      std::size_t n = 0;
      if (!name || name[0] != '$' ||
          std::from_chars(name + 1, name + std::strlen(name), n).ec != std::errc{} || n == 0 ||
          n > params.size()) {
        throw StorageError(fmt::format("sqlite: placeholder {} has no value in: {}",
                                       name ? name : "?", shorten(sql)));
      }
      const Value& v = params[n - 1];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, i);
      } else if (auto p = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i, *p);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail(db_, rc, "bind " + shorten(sql));
    }
  }

  static Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, i);
      case SQLITE_NULL:
        return std::monostate{};
      default: {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return std::string(p ? p : "", sqlite3_column_bytes(stmt, i));
      }
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, const DatabaseOptions& options)
    : path_(path), options_(options) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
  }
  writer_ = open_connection(false);
  writer_->exec("PRAGMA journal_mode = WAL");
  for (int i = 0; i < std::max(1, options_.readers); ++i) readers_.add(open_connection(true));
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<SqliteConnection> SqliteDatabase::open_connection(bool readonly) const {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path_.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throw StorageError(fmt::format("sqlite: cannot open {}: {}", path_, message));
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, options_.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  conn->exec("PRAGMA foreign_keys = ON");
  // Deleted and overwritten content is zeroed in the file, so erased personal data (hotline
  // callers) is gone from the database file, not only from its rows.
  conn->exec("PRAGMA secure_delete = ON");
  if (!readonly) conn->exec("PRAGMA synchronous = NORMAL");
  return conn;
}

void SqliteDatabase::read(const std::function<void(Connection&)>& work) {
  auto conn = readers_.take();
  try {
    conn->exec("BEGIN");
    work(*conn);
    conn->exec("COMMIT");
  } catch (...) {
    sqlite3_exec(conn->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void SqliteDatabase::write(const std::function<void(Connection&)>& work) {
  std::lock_guard lock(write_mutex_);
  writer_->exec("BEGIN IMMEDIATE");
  try {
    work(*writer_);
    writer_->exec("COMMIT");
  } catch (...) {
    sqlite3_exec(writer_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  committed();
}

void SqliteDatabase::backup(const std::string& path) {
  // Copy into a temporary file beside the target, then rename, so the target is never a
  // half-written database.
  auto tmp = path + ".partial";
  std::filesystem::remove(tmp);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(dest);
    throw StorageError(fmt::format("backup: cannot create {}: {}", tmp, sqlite3_errstr(rc)));
  }
  auto source = open_connection(true);
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", source->handle(), "main");
  if (!b) {
    std::string message = sqlite3_errmsg(dest);
    sqlite3_close_v2(dest);
    throw StorageError("backup: " + message);
  }
  // One step copies everything under one read transaction: a consistent snapshot while
  // writers go on in the WAL.
  rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string message = sqlite3_errmsg(dest);
    sqlite3_close_v2(dest);
    std::filesystem::remove(tmp);
    throw StorageError("backup: copy failed: " + message);
  }
  sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  sqlite3_close_v2(dest);
  std::filesystem::rename(tmp, path);
}

}  // namespace hk::storage
