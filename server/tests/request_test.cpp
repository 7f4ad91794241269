#include "http/request.hpp"

#include <gtest/gtest.h>

using namespace hk::http;

TEST(ParseTarget, SplitsAndDecodesPathAndQuery) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ASSERT_TRUE(parse_target("/api/v1/places?q=G%C3%BCtersloh+Mitte&limit=5&flag", path, query));
  EXPECT_EQ(path, "/api/v1/places");
  ASSERT_EQ(query.size(), 3u);
  EXPECT_EQ(query[0].second, "Gütersloh Mitte");
  EXPECT_EQ(query[1], (std::pair<std::string, std::string>{"limit", "5"}));
  EXPECT_EQ(query[2].first, "flag");
}

TEST(ParseTarget, RejectsMalformedInput) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  EXPECT_FALSE(parse_target("/a%zz", path, query));
  EXPECT_FALSE(parse_target("/a%2", path, query));
  EXPECT_FALSE(parse_target("/a%00b", path, query));
  EXPECT_FALSE(parse_target("no-slash", path, query));
  EXPECT_FALSE(parse_target("/x?a=%", path, query));
}

TEST(Request, ReadsHeadersCaseInsensitivelyAndCookies) {
  Request r;
  r.headers = {{"content-type", "application/json"}, {"Cookie", "a=1; hk_session=tok; b=2"}};
  EXPECT_EQ(r.header("Content-Type").value(), "application/json");
  EXPECT_EQ(r.cookie("hk_session").value(), "tok");
  EXPECT_EQ(r.cookie("b").value(), "2");
  EXPECT_FALSE(r.cookie("missing").has_value());
}

TEST(Request, OnlyDirectLoopbackCountsAsLocal) {
  Request r;
  r.remote_address = "127.0.0.1";
  EXPECT_TRUE(r.is_local_direct());
  r.remote_address = "::1";
  EXPECT_TRUE(r.is_local_direct());
  r.headers = {{"X-Forwarded-For", "203.0.113.9"}};
  EXPECT_FALSE(r.is_local_direct());
  r.headers = {};
  r.remote_address = "192.0.2.4";
  EXPECT_FALSE(r.is_local_direct());
}

TEST(Request, ClientAddressComesFromTrustedProxiesOnly) {
  const std::vector<std::string> trusted = {"127.0.0.1", "10.0.0.2"};
  Request r;
  r.remote_address = "127.0.0.1";
  EXPECT_EQ(client_address(r, trusted), "127.0.0.1");  // no header: the proxy itself
  r.headers = {{"X-Forwarded-For", "198.51.100.7"}};
  EXPECT_EQ(client_address(r, trusted), "198.51.100.7");
  // A client may send its own X-Forwarded-For; the proxy appends the real peer, which wins.
  r.headers = {{"X-Forwarded-For", "203.0.113.9, 198.51.100.7"}};
  EXPECT_EQ(client_address(r, trusted), "198.51.100.7");
  // Chained trusted proxies are skipped.
  r.headers = {{"X-Forwarded-For", "198.51.100.7, 10.0.0.2"}};
  EXPECT_EQ(client_address(r, trusted), "198.51.100.7");
  r.headers = {{"X-Forwarded-For", "2001:db8::1"}};
  EXPECT_EQ(client_address(r, trusted), "2001:db8::1");
  // Garbage is not an address: fall back to the peer.
  r.headers = {{"X-Forwarded-For", "not-an-address"}};
  EXPECT_EQ(client_address(r, trusted), "127.0.0.1");
  // From an untrusted peer the header counts for nothing.
  r.remote_address = "192.0.2.4";
  r.headers = {{"X-Forwarded-For", "198.51.100.7"}};
  EXPECT_EQ(client_address(r, trusted), "192.0.2.4");
  r.remote_address = "::ffff:127.0.0.1";
  EXPECT_EQ(client_address(r, trusted), "198.51.100.7");
}
