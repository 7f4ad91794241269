#include <gtest/gtest.h>

#include <algorithm>

#include "storage/dialect.hpp"
#include "storage/migrations.hpp"

namespace hk::storage {
namespace {

TEST(KeywordDialect, PostgresQueryRequiresEveryWordAsAPrefix) {
  EXPECT_EQ(keyword_query(Dialect::postgres, {"buech"}), "'buech':*");
  EXPECT_EQ(keyword_query(Dialect::postgres, {"buecherei", "vorlesestunde", "2026"}),
            "'buecherei':* & 'vorlesestunde':* & '2026':*");
  // words_of counts every byte from 0x80 as a letter: other scripts pass unchanged.
  EXPECT_EQ(keyword_query(Dialect::postgres, {"привет", "ubung"}), "'привет':* & 'ubung':*");
}

TEST(KeywordDialect, PostgresQueryEscapesWhatWouldEndAWord) {
  // words_of never yields these; should a caller pass one, it stays inside its word.
  EXPECT_EQ(keyword_query(Dialect::postgres, {"a'b", "c\\d"}), "'a''b':* & 'c\\\\d':*");
  EXPECT_EQ(keyword_query(Dialect::postgres, {"x' | 'y"}), "'x'' | ''y':*");
}

TEST(KeywordDialect, SqliteQueryIsUnchanged) {
  EXPECT_EQ(keyword_query(Dialect::sqlite, {"buecherei", "vorlesestunde"}),
            "\"buecherei\"* \"vorlesestunde\"*");
  EXPECT_EQ(keyword_query(Dialect::sqlite, {"a\"b"}), "\"a\"\"b\"*");
}

TEST(KeywordDialect, ConditionBindsTheGivenPlaceholder) {
  auto pg = keyword_condition(Dialect::postgres, "$7");
  EXPECT_NE(pg.find("to_tsquery('helferkarte_german', $7)"), std::string::npos) << pg;
  EXPECT_EQ(pg.find("$1"), std::string::npos) << pg;
  auto sqlite = keyword_condition(Dialect::sqlite, "$7");
  EXPECT_NE(sqlite.find("MATCH $7"), std::string::npos) << sqlite;
}

TEST(KeywordDialect, PostgresReadsEveryMatchForMinusOne) {
  std::string sql = keyword_matches_sql(Dialect::postgres);
  EXPECT_NE(sql.find("to_tsquery('helferkarte_german', $1)"), std::string::npos) << sql;
  EXPECT_NE(sql.find("LIMIT NULLIF($2, -1)"), std::string::npos) << sql;
}

// The statements name what each dialect's migration 0005 creates.
TEST(KeywordDialect, EachDialectHasItsMigration) {
  auto find = [](Dialect dialect) {
    auto all = embedded_migrations(dialect);
    auto it =
        std::find_if(all.begin(), all.end(), [](const Migration& m) { return m.version == 5; });
    return it == all.end() ? std::string() : it->name + "\n" + it->sql;
  };
  auto pg = find(Dialect::postgres);
  EXPECT_TRUE(pg.starts_with("0005_keyword_search.postgres.sql")) << pg.substr(0, 80);
  EXPECT_NE(pg.find("CREATE TEXT SEARCH CONFIGURATION helferkarte_german "), std::string::npos);
  EXPECT_NE(pg.find("CREATE EXTENSION IF NOT EXISTS unaccent"), std::string::npos);
  for (const char* sql :
       {keyword_body_sql(Dialect::postgres), keyword_insert_sql(Dialect::postgres)}) {
    EXPECT_NE(std::string(sql).find("need_id"), std::string::npos) << sql;
  }
  EXPECT_TRUE(find(Dialect::sqlite).starts_with("0005_keyword_search.sqlite.sql"));
}

}  // namespace
}  // namespace hk::storage
