#include "storage/pg_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <unordered_map>

#include "storage/pg_dump.hpp"

namespace hk::storage {

namespace {

// Type oids of pg_type, fixed since PostgreSQL 7 (catalog/pg_type_d.h is not in libpq-dev).
constexpr Oid bool_oid = 16;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;

std::string shorten(std::string_view sql) {
  std::string s(sql.substr(0, 120));
  for (auto& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

std::string trimmed_error(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// NOTICEs ("relation already exists, skipping") are PostgreSQL talking to a person at psql.
void log_notice(void*, const char* message) {
  spdlog::debug("postgres: {}", trimmed_error(message));
}

std::int64_t parse_int(const char* text, std::size_t size) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text, text + size, n);
  if (ec != std::errc{} || end != text + size) {
    throw StorageError(fmt::format("postgres: not an integer: '{}'", std::string(text, size)));
  }
  return n;
}

Value column(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  auto size = static_cast<std::size_t>(PQgetlength(res, row, col));
  switch (PQftype(res, col)) {
    case int2_oid:
    case int4_oid:
    case int8_oid:
      return parse_int(text, size);
    case bool_oid:
      // A comparison in a select list is boolean here and 0/1 in SQLite; callers read 0/1.
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case numeric_oid:
      // SUM and AVG of BIGINT are numeric: whole numbers stay integers.
      if (std::string_view(text, size).find_first_of(".eE") == std::string_view::npos) {
        return parse_int(text, size);
      }
      return std::strtod(text, nullptr);
    case float4_oid:
    case float8_oid:
      return std::strtod(text, nullptr);
    default:
      return std::string(text, size);
  }
}

// Errors that pass by themselves: connection exceptions (class 08), the server shutting down
// or starting (57P01-57P03), too many connections (53300), a lock not granted within
// lock_timeout (55P03), a read-only server after a failover (25006), and serialisation
// failures and deadlocks (40001, 40P01).
bool transient(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "53300" || sqlstate == "55P03" || sqlstate == "25006" ||
         sqlstate == "40001" || sqlstate == "40P01";
}

}  // namespace

class PgConnection : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  Result query(std::string_view sql, const std::vector<Value>& params) override {
    std::string text(sql);
    // Parameters go as text; integers and reals say their type, so that `$1 + 1` or
    // `LIMIT $1` need no cast. Text and NULL are left to PostgreSQL to infer from the column
    // they meet, as SQLite's untyped parameters are.
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<Oid> types(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v)) {
        storage[i] = std::to_string(*p);
        types[i] = int8_oid;
      } else if (auto p = std::get_if<double>(&v)) {
        storage[i] = fmt::format("{}", *p);
        types[i] = float8_oid;
      } else if (auto p = std::get_if<std::string>(&v)) {
        storage[i] = *p;
      } else {
        continue;  // NULL
      }
      values[i] = storage[i].c_str();
    }
    auto count = static_cast<int>(params.size());
    auto statement = prepared(text, types);
    PGresult* res = statement ? PQexecPrepared(conn_, statement->c_str(), count, values.data(),
                                               nullptr, nullptr, 0)
                              : PQexecParams(conn_, text.c_str(), count, types.data(),
                                             values.data(), nullptr, nullptr, 0);
    Guard guard{res};
    check(res, shorten(sql));

    Result result;
    int columns = PQnfields(res);
    auto names = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < columns; ++i) names->emplace_back(PQfname(res, i));
    result.columns = names;
    int rows = PQntuples(res);
    result.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> row;
      row.reserve(columns);
      for (int i = 0; i < columns; ++i) row.push_back(column(res, r, i));
      result.rows.emplace_back(result.columns, std::move(row));
    }
    const char* affected = PQcmdTuples(res);
    if (affected && *affected) result.affected = parse_int(affected, std::strlen(affected));
    return result;
  }

  void execute_script(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    Guard guard{res};
    check(res, "script");
  }

  void exec(const char* sql) {
    PGresult* res = PQexec(conn_, sql);
    Guard guard{res};
    check(res, sql);
  }

  // A transaction in which a statement failed ends with a rollback even when COMMIT is sent
  // (its tag says ROLLBACK); that must not pass for a commit.
  void commit() {
    PGresult* res = PQexec(conn_, "COMMIT");
    Guard guard{res};
    check(res, "COMMIT");
    if (std::string_view(PQcmdStatus(res)) != "COMMIT") {
      throw StorageError("postgres: the transaction was rolled back after an earlier error");
    }
  }

  // After a failure: a connection the server dropped (restart, failover) is opened again, so
  // the next transaction on it can succeed.
  // Never throws: it runs while an error is on its way, and the connection must go back to
  // the pool whatever happens (a failed reset is tried again on the next use).
  void recover() noexcept {
    if (!usable()) {
      spdlog::warn("postgres: connection lost, reconnecting");
      PQreset(conn_);
      configured_ = false;
      prepared_.clear();  // a new session has none of them
      if (PQstatus(conn_) != CONNECTION_OK) return;
      try {
        configure();
      } catch (const std::exception& e) {
        spdlog::warn("postgres: reconnected, but the session settings failed: {}", e.what());
      }
      return;
    }
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
      PGresult* res = PQexec(conn_, "ROLLBACK");
      PQclear(res);
    }
  }

  bool usable() const { return configured_ && PQstatus(conn_) == CONNECTION_OK; }

  // Starts a transaction. A connection that the server closed while it sat in the pool (a
  // restart, a failover) is only found out by using it; since nothing has run yet, it is
  // opened again and the BEGIN sent once more, so the request does not fail for it.
  void begin(const char* sql) {
    if (!usable()) recover();
    try {
      exec(sql);
    } catch (const UnavailableError&) {
      if (usable()) throw;
      recover();
      exec(sql);
    }
  }

  void set_lock_timeout(int ms) { lock_timeout_ms_ = ms; }

  // The name of the statement prepared on this connection for `sql` with these parameter
  // types, preparing it on first use: parsing and planning took longer than running the
  // short statements the handlers send. Beyond max_prepared distinct statements (search
  // texts vary with the number of cell ranges) the rest run unprepared.
  const std::string* prepared(const std::string& sql, const std::vector<Oid>& types) {
    std::string key = sql;
    key += '\0';
    for (Oid t : types) key += std::to_string(t) + ',';
    if (auto it = prepared_.find(key); it != prepared_.end()) return &it->second;
    if (prepared_.size() >= max_prepared) return nullptr;
    auto name = fmt::format("hk{}", prepared_.size() + 1);
    PGresult* res =
        PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data());
    Guard guard{res};
    check(res, "prepare " + shorten(sql));
    return &prepared_.emplace(std::move(key), std::move(name)).first->second;
  }

  // Settings every session needs, again after a reset.
  void configure() {
    PQsetNoticeProcessor(conn_, log_notice, nullptr);
    exec("SET client_min_messages = warning");
    exec("SET TimeZone = 'UTC'");
    exec(fmt::format("SET lock_timeout = {}", lock_timeout_ms_).c_str());
    configured_ = true;
  }

 private:
  struct Guard {
    PGresult* res;
    ~Guard() { PQclear(res); }
  };

  void check(PGresult* res, std::string_view context) {
    auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = trimmed_error(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (message.empty()) message = trimmed_error(PQerrorMessage(conn_));
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    auto what = fmt::format("postgres: {}: {}", context, message);
    std::string_view code = state ? state : "";
    // Class 23: integrity constraint violation (unique, foreign key, check, not null).
    if (code.starts_with("23")) throw ConstraintError(what);
    if (transient(code) || PQstatus(conn_) == CONNECTION_BAD) throw UnavailableError(what);
    throw StorageError(what);
  }

  PGconn* conn_;
  static constexpr std::size_t max_prepared = 1000;

  int lock_timeout_ms_ = 5000;
  bool configured_ = false;  // the session settings of configure() are in force
  std::unordered_map<std::string, std::string> prepared_;  // sql and types → statement name
};

std::string redact_database_url(const std::string& url) {
  // scheme://user:password@host → scheme://user:***@host
  static const std::regex password(R"(^([a-z]+://[^:/@]*:)[^@]*@)");
  auto out = std::regex_replace(url, password, "$1***@");
  static const std::regex query_password(R"(([?&]password=)[^&]*)");
  return std::regex_replace(out, query_password, "$1***");
}

PgDatabase::PgDatabase(const std::string& url, const DatabaseOptions& options)
    : url_(url), options_(options) {
  writer_ = open_connection();
  for (int i = 0; i < std::max(1, options_.readers); ++i) readers_.add(open_connection());
}

PgDatabase::~PgDatabase() = default;

std::unique_ptr<PgConnection> PgDatabase::open_connection() const {
  PGconn* conn = PQconnectdb(url_.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = trimmed_error(PQerrorMessage(conn));
    PQfinish(conn);
    throw UnavailableError(
        fmt::format("postgres: cannot connect to {}: {}", redact_database_url(url_), message));
  }
  auto c = std::make_unique<PgConnection>(conn);
  c->set_lock_timeout(options_.busy_timeout_ms);
  c->configure();
  return c;
}

void PgDatabase::read(const std::function<void(Connection&)>& work) {
  auto conn = readers_.take();
  try {
    // One snapshot for the whole transaction, as a SQLite read transaction has.
    conn->begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    work(*conn);
    conn->commit();
  } catch (...) {
    conn->recover();
    throw;
  }
}

void PgDatabase::write(const std::function<void(Connection&)>& work) {
  std::lock_guard lock(write_mutex_);
  try {
    // READ COMMITTED: every statement after the lock sees everything committed before it,
    // which is what the serialised writers rely on.
    writer_->begin("BEGIN");
    writer_->query("SELECT pg_advisory_xact_lock($1)", {std::int64_t{write_lock_key}});
    work(*writer_);
    writer_->commit();
  } catch (...) {
    writer_->recover();
    throw;
  }
  committed();
}

void PgDatabase::backup(const std::string& path) { pg_dump(url_, path); }

}  // namespace hk::storage
