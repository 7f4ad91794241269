#include "storage/restore.hpp"

#include <filesystem>
#include <fstream>

#include "storage/database.hpp"
#include "storage/pg_dump.hpp"

namespace hk::storage {

namespace {

namespace fs = std::filesystem;

bool starts_with_bytes(const std::string& file, std::string_view magic) {
  std::ifstream in(file, std::ios::binary);
  std::string head(magic.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return in && head == magic;
}

void restore_sqlite(const std::string& path, const std::string& file) {
  if (path.empty() || path == ":memory:") {
    throw StorageError("restore: the target needs a file: sqlite:PATH");
  }
  // A -wal file without its database would be replayed into the restored one.
  for (const auto& p : {path, path + "-wal", path + "-journal"}) {
    if (fs::exists(p)) {
      throw StorageError("restore: " + p +
                         " exists; restore into a new file (move the old one away first)");
    }
  }
  if (!starts_with_bytes(file, std::string_view("SQLite format 3\0", 16))) {
    throw StorageError("restore: " + file + " is not a SQLite database (a backup of sqlite:)");
  }
  // Beside the target, then linked into place: the target is never a half-written database,
  // and a server that created it meanwhile is not overwritten (the link fails).
  auto tmp = path + ".partial";
  std::error_code ec;
  fs::copy_file(file, tmp, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::create_hard_link(tmp, path, ec);
  std::error_code ignored;
  fs::remove(tmp, ignored);
  if (ec) {
    throw StorageError("restore: cannot copy " + file + " to " + path + ": " + ec.message());
  }
}

void restore_postgres(const std::string& url, const std::string& file) {
  if (!starts_with_bytes(file, "PGDMP")) {
    throw StorageError("restore: " + file +
                       " is not a pg_dump custom-format file (a backup of postgres://)");
  }
  std::size_t tables = 0;
  {
    DatabaseOptions options;
    options.readers = 1;
    auto db = open_database(url, options);
    db->read([&](Connection& c) {
      tables = static_cast<std::size_t>(
          c.query("SELECT COUNT(*) FROM pg_tables "
                  "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
              .one()
              .int64(0));
    });
  }
  if (tables > 0) {
    throw StorageError("restore: the target database has " + std::to_string(tables) +
                       " tables; restore into an empty database (createdb)");
  }
  pg_restore(url, file);
}

}  // namespace

void restore_database(const std::string& url, const std::string& file) {
  if (!fs::is_regular_file(file)) throw StorageError("restore: no file " + file);
  if (url.starts_with("sqlite:")) return restore_sqlite(url.substr(7), file);
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return restore_postgres(url, file);
  }
  throw StorageError("unknown database URL '" + url + "': use sqlite:PATH or postgres://...");
}

}  // namespace hk::storage
