#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "storage/database.hpp"
#include "test_support.hpp"

using namespace hk::http;

namespace {

struct Fixture {
  hk::test::TempDir dir;
  Router router;
  Metrics metrics;
  std::unique_ptr<StaticFiles> files;
  std::unique_ptr<Pipeline> pipeline;

  Fixture() {
    std::filesystem::create_directories(dir.path() / "assets");
    std::ofstream(dir.path() / "index.html") << "<!doctype html><title>Helferkarte</title>";
    std::ofstream(dir.path() / "assets" / "app-1a2b3c.js") << "console.log(1)";
    std::ofstream(dir.path() / "manifest.webmanifest") << "{}";
    std::ofstream(dir.path() / ".build-stamp") << "secret";
    files = std::make_unique<StaticFiles>(dir.path());
    router.add("GET", "/api/v1/things/{id}", [](Request& r) {
      if (r.param("id") == "boom") throw std::runtime_error("database on fire");
      if (r.param("id") == "gone") throw not_found();
      if (r.param("id") == "failover") {
        throw hk::storage::UnavailableError("postgres: terminating connection (57P01)");
      }
      return Response::json(200, "{\"id\":\"" + r.param("id") + "\"}");
    });
    pipeline = std::make_unique<Pipeline>(router, files.get(), metrics, PipelineOptions{});
  }

  Response handle(const std::string& method, const std::string& target, Headers headers = {}) {
    Request r;
    r.method = method;
    r.target = target;
    r.headers = std::move(headers);
    auto p = pipeline->prepare(r);
    Response res = p.immediate ? *p.immediate : pipeline->run(*p.route, r);
    pipeline->finish(r, res);
    return res;
  }
};

boost::json::object body_of(const Response& r) { return boost::json::parse(r.body).as_object(); }

}  // namespace

TEST(Pipeline, RunsTheMatchedHandlerWithParameters) {
  Fixture f;
  auto r = f.handle("GET", "/api/v1/things/12");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body_of(r).at("id").as_string(), "12");
}

TEST(Pipeline, UnknownApiPathIsProblem404NeverTheApp) {
  Fixture f;
  auto r = f.handle("GET", "/api/v1/unknown");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("Content-Type").value(), "application/problem+json");
  EXPECT_EQ(body_of(r).at("status").as_int64(), 404);
}

TEST(Pipeline, WrongMethodIs405WithAllow) {
  Fixture f;
  auto r = f.handle("POST", "/api/v1/things/1");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow").value(), "GET, HEAD");
}

TEST(Pipeline, HandlerExceptionsBecomeProblems) {
  Fixture f;
  auto gone = f.handle("GET", "/api/v1/things/gone");
  EXPECT_EQ(gone.status, 404);
  auto boom = f.handle("GET", "/api/v1/things/boom", {{"Accept-Language", "en"}});
  EXPECT_EQ(boom.status, 500);
  auto body = body_of(boom);
  // The internal message stays in the log; the client gets the request id to quote.
  EXPECT_EQ(std::string(body.at("detail").as_string()).find("fire"), std::string::npos);
  EXPECT_NE(std::string(body.at("detail").as_string()).find(boom.header("X-Request-Id").value()),
            std::string::npos);
}

TEST(Pipeline, ADatabaseOutOfReachIs503WithRetryAfterNot500) {
  Fixture f;
  auto r = f.handle("GET", "/api/v1/things/failover", {{"Accept-Language", "de"}});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After").value_or(""), "1");
  auto body = body_of(r);
  EXPECT_EQ(body.at("type").as_string(), "urn:helferkarte:problem:unavailable");
  EXPECT_EQ(body.at("title").as_string(), "Vorübergehend nicht verfügbar");
  EXPECT_EQ(std::string(body.at("detail").as_string()).find("57P01"), std::string::npos);
}

TEST(Pipeline, EveryResponseCarriesSecurityHeaders) {
  Fixture f;
  for (auto target : {"/api/v1/things/1", "/api/v1/nope", "/", "/assets/app-1a2b3c.js"}) {
    auto r = f.handle("GET", target);
    EXPECT_NE(r.header("Content-Security-Policy").value().find("default-src 'self'"),
              std::string::npos)
        << target;
    EXPECT_EQ(r.header("X-Content-Type-Options").value(), "nosniff") << target;
    EXPECT_EQ(r.header("Referrer-Policy").value(), "no-referrer") << target;
    EXPECT_TRUE(r.header("Permissions-Policy").has_value()) << target;
    EXPECT_TRUE(r.header("X-Request-Id").has_value()) << target;
  }
}

TEST(Pipeline, EchoesOnlySaneRequestIds) {
  Fixture f;
  EXPECT_EQ(f.handle("GET", "/", {{"X-Request-Id", "abc-123"}}).header("X-Request-Id").value(),
            "abc-123");
  EXPECT_NE(f.handle("GET", "/", {{"X-Request-Id", "a\"b c"}}).header("X-Request-Id").value(),
            "a\"b c");
}

TEST(Pipeline, ServesTheAppWithTheRightCaching) {
  Fixture f;
  auto index = f.handle("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type").value(), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control").value(), "no-cache");

  auto asset = f.handle("GET", "/assets/app-1a2b3c.js");
  EXPECT_EQ(asset.header("Content-Type").value(), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.header("Cache-Control").value(), "public, max-age=31536000, immutable");

  auto route = f.handle("GET", "/impressum");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);

  EXPECT_EQ(f.handle("GET", "/manifest.webmanifest").header("Content-Type").value(),
            "application/manifest+json");
  EXPECT_EQ(f.handle("GET", "/missing.js").status, 404);
  EXPECT_EQ(f.handle("GET", "/.build-stamp").status, 404);

  auto etag = std::string(index.header("ETag").value());
  EXPECT_EQ(f.handle("GET", "/", {{"If-None-Match", etag}}).status, 304);
}

TEST(Pipeline, MalformedTargetIs400) {
  Fixture f;
  EXPECT_EQ(f.handle("GET", "/api/v1/things/%zz").status, 400);
}

TEST(Pipeline, CountsRequestsForMetrics) {
  Fixture f;
  f.handle("GET", "/api/v1/things/1");
  f.handle("GET", "/api/v1/things/2");
  auto text = f.metrics.render();
  EXPECT_NE(
      text.find("helferkarte_http_requests_total{route=\"/api/v1/things/{id}\",method=\"GET\","
                "status=\"200\"} 2"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("helferkarte_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST(Pipeline, StrictTransportSecurityOnlyForAnHttpsSite) {
  Fixture f;
  EXPECT_FALSE(f.handle("GET", "/").header("Strict-Transport-Security").has_value());
  PipelineOptions https;
  https.https = true;
  Pipeline secure(f.router, f.files.get(), f.metrics, https);
  Request r;
  r.method = "GET";
  r.target = "/";
  auto p = secure.prepare(r);
  Response res = *p.immediate;
  secure.finish(r, res);
  EXPECT_EQ(res.header("Strict-Transport-Security").value(), "max-age=31536000");
}
