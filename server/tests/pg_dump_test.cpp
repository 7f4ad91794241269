#include "storage/pg_dump.hpp"

#include <gtest/gtest.h>

using hk::storage::split_password;

TEST(PgDump, ThePasswordLeavesTheUrlForTheEnvironment) {
  auto a = split_password("postgres://hk:s3cr%40t@db.example:5432/helferkarte?sslmode=require");
  EXPECT_EQ(a.url, "postgres://hk@db.example:5432/helferkarte?sslmode=require");
  EXPECT_EQ(a.password, "s3cr@t");

  auto b = split_password("postgresql://hk@db/helferkarte?password=p%26w&sslmode=require");
  EXPECT_EQ(b.url, "postgresql://hk@db/helferkarte?sslmode=require");
  EXPECT_EQ(b.password, "p&w");

  auto c = split_password("postgres://db/helferkarte?password=x");
  EXPECT_EQ(c.url, "postgres://db/helferkarte");
  EXPECT_EQ(c.password, "x");
}

TEST(PgDump, AUrlWithoutPasswordStaysAsItIs) {
  for (std::string url : {"postgres:///hk_1?host=/tmp/pg&port=5433&user=postgres",
                          "postgres://hk@db:5432/helferkarte", "postgresql://db",
                          "postgres://user@host/db?application_name=a:b@c"}) {
    auto s = split_password(url);
    EXPECT_EQ(s.url, url);
    EXPECT_FALSE(s.password.has_value()) << url;
  }
}
