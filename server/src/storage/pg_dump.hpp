#pragma once

#include <optional>
#include <string>

namespace hk::storage {

// Writes a consistent dump of the PostgreSQL database at `url` into `path` with
// `pg_dump --format=custom` (restored with pg_restore); throws StorageError with pg_dump's
// message when it fails. The file appears only once complete.
void pg_dump(const std::string& url, const std::string& path);

// Restores a dump written by pg_dump into the database at `url` with `pg_restore
// --no-owner --no-acl --single-transaction --exit-on-error`: all or nothing, objects owned by
// the connecting role. Meant for an empty database (storage/restore.cpp checks); throws
// StorageError with pg_restore's message when it fails.
void pg_restore(const std::string& url, const std::string& path);

// A libpq URL without its password, and the password (percent-decoded), so that the tools
// get it from the environment (PGPASSWORD) instead of their command line, which every local
// user can read in the process list.
struct UrlWithoutPassword {
  std::string url;
  std::optional<std::string> password;
};
UrlWithoutPassword split_password(const std::string& url);

}  // namespace hk::storage
