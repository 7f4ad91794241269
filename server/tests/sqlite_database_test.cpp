#include <gtest/gtest.h>

#include <thread>

#include "storage/database.hpp"
#include "test_support.hpp"

using namespace hk::storage;

namespace {

std::unique_ptr<Database> fresh(const hk::test::TempDir& dir, const std::string& name = "t.db") {
  auto db = open_database(dir.sqlite_url(name), {});
  db->write([](Connection& c) {
    c.execute_script(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score "
        "DOUBLE PRECISION, note TEXT)");
  });
  return db;
}

}  // namespace

TEST(Sqlite, BindsNumberedPlaceholdersIncludingRepeatedOnes) {
  hk::test::TempDir dir;
  auto db = fresh(dir);
  db->write([](Connection& c) {
    auto r = c.query("INSERT INTO items (name, score, note) VALUES ($2, $1, $3) RETURNING id",
                     {1.5, "first", null()});
    EXPECT_EQ(r.one().int64(0), 1);
    c.query("INSERT INTO items (name, score) VALUES ($1, $2)", {"second", 2.5});
  });
  db->read([](Connection& c) {
    auto r = c.query(
        "SELECT name, score, note FROM items WHERE score > $1 OR name = $2 "
        "OR note = $2 ORDER BY id",
        {1.0, "nobody"});
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].text(0), "first");
    EXPECT_DOUBLE_EQ(r.rows[0].real(1), 1.5);
    EXPECT_FALSE(r.rows[0].opt_text(2).has_value());
  });
}

TEST(Sqlite, MissingParameterIsAnErrorNotAnUnboundNull) {
  hk::test::TempDir dir;
  auto db = fresh(dir);
  EXPECT_THROW(db->read([](Connection& c) { c.query("SELECT $1, $2", {std::int64_t{1}}); }),
               StorageError);
}

TEST(Sqlite, ConstraintViolationsAreTypedAndRollBack) {
  hk::test::TempDir dir;
  auto db = fresh(dir);
  db->write([](Connection& c) { c.query("INSERT INTO items (name) VALUES ($1)", {"x"}); });
  EXPECT_THROW(db->write([](Connection& c) {
    c.query("INSERT INTO items (name) VALUES ($1)", {"y"});
    c.query("INSERT INTO items (name) VALUES ($1)", {"x"});
  }),
               ConstraintError);
  db->read([](Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM items").one().int64(0), 1);  // "y" rolled back
  });
}

TEST(Sqlite, ReadersSeeCommittedDataWhileAWriterWorks) {
  hk::test::TempDir dir;
  auto db = fresh(dir);
  db->write([](Connection& c) { c.query("INSERT INTO items (name) VALUES ($1)", {"a"}); });
  std::atomic<bool> in_write{false}, release{false};
  std::thread writer([&] {
    db->write([&](Connection& c) {
      c.query("INSERT INTO items (name) VALUES ($1)", {"b"});
      in_write = true;
      while (!release) std::this_thread::yield();
    });
  });
  while (!in_write) std::this_thread::yield();
  db->read(
      [](Connection& c) { EXPECT_EQ(c.query("SELECT COUNT(*) FROM items").one().int64(0), 1); });
  release = true;
  writer.join();
  db->read(
      [](Connection& c) { EXPECT_EQ(c.query("SELECT COUNT(*) FROM items").one().int64(0), 2); });
}

TEST(Sqlite, BackupIsAUsableCopy) {
  hk::test::TempDir dir;
  auto db = fresh(dir);
  db->write([](Connection& c) { c.query("INSERT INTO items (name) VALUES ($1)", {"kept"}); });
  auto target = (dir.path() / "copy.db").string();
  db->backup(target);
  auto copy = open_database("sqlite:" + target, {});
  copy->read(
      [](Connection& c) { EXPECT_EQ(c.query("SELECT name FROM items").one().text(0), "kept"); });
}

TEST(Database, RejectsUnknownUrls) { EXPECT_THROW(open_database("mysql://x", {}), StorageError); }
