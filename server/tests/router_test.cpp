#include "http/router.hpp"

#include <gtest/gtest.h>

using hk::http::Request;
using hk::http::Response;
using hk::http::RouteMatch;
using hk::http::Router;

namespace {

Response ok(Request&) { return Response::no_content(); }

Router sample() {
  Router r;
  r.add("GET", "/api/v1/needs", ok);
  r.add("GET", "/api/v1/needs/{id}", ok);
  r.add("PATCH", "/api/v1/needs/{id}", ok);
  r.add("GET", "/api/v1/needs/discover", ok);
  r.add("POST", "/api/v1/shifts/{shiftId}/signups", ok);
  r.add("DELETE", "/api/v1/shifts/{shiftId}/signups/me", ok);
  return r;
}

}  // namespace

TEST(Router, MatchesLiteralRoute) {
  auto r = sample();
  auto m = r.match("GET", "/api/v1/needs");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->pattern, "/api/v1/needs");
  EXPECT_TRUE(m.params.empty());
}

TEST(Router, ExtractsParameters) {
  auto r = sample();
  auto m = r.match("POST", "/api/v1/shifts/42/signups");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.params.at("shiftId"), "42");
  auto d = r.match("DELETE", "/api/v1/shifts/7/signups/me");
  ASSERT_EQ(d.kind, RouteMatch::Kind::found);
  EXPECT_EQ(d.params.at("shiftId"), "7");
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrder) {
  auto r = sample();
  auto m = r.match("GET", "/api/v1/needs/discover");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->pattern, "/api/v1/needs/discover");
  auto p = r.match("GET", "/api/v1/needs/17");
  ASSERT_EQ(p.kind, RouteMatch::Kind::found);
  EXPECT_EQ(p.route->pattern, "/api/v1/needs/{id}");
  EXPECT_EQ(p.params.at("id"), "17");
}

TEST(Router, WrongMethodListsAllowedMethods) {
  auto r = sample();
  auto m = r.match("DELETE", "/api/v1/needs/5");
  ASSERT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "PATCH"}));
}

TEST(Router, HeadIsServedByGet) {
  auto r = sample();
  auto m = r.match("HEAD", "/api/v1/needs/5");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->method, "GET");
}

TEST(Router, UnknownPathsAreNotFound) {
  auto r = sample();
  EXPECT_EQ(r.match("GET", "/api/v1/nothing").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/api/v1/needs/1/2/3").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/api/v1/needs/").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/").kind, RouteMatch::Kind::not_found);
}

TEST(Router, RefusesDuplicateRegistration) {
  Router r;
  r.add("GET", "/a", ok);
  EXPECT_THROW(r.add("GET", "/a", ok), std::logic_error);
}
