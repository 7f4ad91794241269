#pragma once

// Shared by the unit tests and the benchmarks (bench/ adds this folder to its include path).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/municipality.hpp"
#include "domain/organization.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace hk::test {

// A fresh folder below the system's temporary one, removed again at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("helferkarte-unit-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string sqlite_url(const std::string& name = "test.db") const {
    return "sqlite:" + (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

// A SQLite database with every migration applied, in a TempDir of its own. A file, not
// ":memory:", because each pooled connection would open a separate in-memory database.
class TempDatabase {
 public:
  TempDatabase() : db_(storage::open_database(dir_.sqlite_url(), {})) { storage::migrate(*db_); }
  storage::Database& operator*() const { return *db_; }
  storage::Database* operator->() const { return db_.get(); }
  // For a second pool on the same file.
  std::string url() const { return dir_.sqlite_url(); }

 private:
  TempDir dir_;  // declared first, so the database is closed before its folder goes
  std::unique_ptr<storage::Database> db_;
};

// The municipality the storage tests start from; without pre-moderation, so needs publish
// at once.
inline domain::Municipality musterstadt() {
  domain::Municipality m;
  m.name = "Stadt Musterstadt";
  m.ags = "01234567";
  m.center = {52.0, 8.0};
  m.contact_email = "info@musterstadt.example";
  m.moderation = "none";
  return m;
}

// A group (a Verein) of that municipality.
inline domain::Organization group(std::int64_t municipality_id, const std::string& name,
                                  const std::string& status = "approved") {
  domain::Organization o;
  o.municipality_id = municipality_id;
  o.name = name;
  o.kind = "verein";
  o.contact_email = "kontakt@musterstadt.example";
  o.status = status;
  return o;
}

// The lines of `text` between "\r\n"s, without them (mails and calendars end lines so).
inline std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

}  // namespace hk::test
