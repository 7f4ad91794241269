#include "http/response_cache.hpp"

#include <gtest/gtest.h>

#include "http/pipeline.hpp"
#include "storage/database.hpp"
#include "test_support.hpp"

using namespace hk::http;
using namespace std::chrono_literals;

namespace {

// A cache with a hand-driven clock and write generation.
struct Fixture {
  std::chrono::steady_clock::time_point now{};
  std::uint64_t generation = 0;
  ResponseCache cache;

  explicit Fixture(ResponseCacheOptions options = defaults())
      : cache(
            options, [this] { return generation; }, [this] { return now; }) {}

  static ResponseCacheOptions defaults() {
    ResponseCacheOptions o;
    o.ttl = 2s;
    o.session_cookie = "hk_session";
    return o;
  }
};

Request get(std::string target, Headers headers = {}) {
  Request r;
  r.method = "GET";
  r.target = std::move(target);
  r.headers = std::move(headers);
  return r;
}

Response answer(std::string body, int status = 200) {
  auto r = Response::json(status, std::move(body));
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

TEST(ResponseCache, AMissThenAHitWithTheSameStatusHeadersAndBody) {
  Fixture f;
  auto key = f.cache.key_for(get("/api/v1/needs?lat=52.5&lon=13.4"));
  ASSERT_FALSE(key.empty());
  EXPECT_FALSE(f.cache.find(key));
  f.cache.store(key, f.cache.generation(), answer("{\"items\":[]}"));
  auto hit = f.cache.find(key);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, 200);
  EXPECT_EQ(hit->payload(), "{\"items\":[]}");
  EXPECT_EQ(hit->headers, answer("").headers);
  EXPECT_EQ(f.cache.hits(), 1u);
  EXPECT_EQ(f.cache.misses(), 1u);
}

TEST(ResponseCache, TheKeyIsTheTargetAndTheLanguage) {
  Fixture f;
  auto a = get("/api/v1/needs?lat=52.5&lon=13.4");
  auto b = get("/api/v1/needs?lat=52.5&lon=13.5");
  auto a_en = a;
  a_en.language = "en";
  auto head = a;
  head.method = "HEAD";
  EXPECT_NE(f.cache.key_for(a), f.cache.key_for(b));
  EXPECT_NE(f.cache.key_for(a), f.cache.key_for(a_en));
  EXPECT_EQ(f.cache.key_for(a), f.cache.key_for(head));
  f.cache.store(f.cache.key_for(a), 0, answer("a"));
  EXPECT_FALSE(f.cache.find(f.cache.key_for(b)));
  EXPECT_FALSE(f.cache.find(f.cache.key_for(a_en)));
  EXPECT_TRUE(f.cache.find(f.cache.key_for(head)));
}

TEST(ResponseCache, EntriesExpireAfterTheTtl) {
  Fixture f;
  auto key = f.cache.key_for(get("/api/v1/places?q=Berlin"));
  f.cache.store(key, 0, answer("x"));
  f.now += 1999ms;
  EXPECT_TRUE(f.cache.find(key));
  f.now += 1ms;
  EXPECT_FALSE(f.cache.find(key));
  EXPECT_EQ(f.cache.entries(), 0u);
}

TEST(ResponseCache, ACommittedWriteOutdatesEveryEntry) {
  Fixture f;
  auto key = f.cache.key_for(get("/api/v1/needs?q=lesen"));
  f.cache.store(key, f.cache.generation(), answer("old"));
  ++f.generation;
  EXPECT_FALSE(f.cache.find(key));
  // An answer read before the write committed is not kept as current.
  f.cache.store(key, f.generation - 1, answer("read before the write"));
  EXPECT_FALSE(f.cache.find(key));
  f.cache.store(key, f.generation, answer("new"));
  EXPECT_EQ(f.cache.find(key)->payload(), "new");
}

TEST(ResponseCache, SignedInRequestsAndOtherMethodsHaveNoKey) {
  Fixture f;
  EXPECT_TRUE(f.cache.key_for(get("/api/v1/needs?q=a", {{"Cookie", "hk_session=abc"}})).empty());
  EXPECT_TRUE(f.cache.key_for(get("/api/v1/needs?q=a", {{"Cookie", "theme=dark; hk_session=abc"}}))
                  .empty());
  EXPECT_FALSE(f.cache.key_for(get("/api/v1/needs?q=a", {{"Cookie", "theme=dark"}})).empty());
  auto post = get("/api/v1/needs?q=a");
  post.method = "POST";
  EXPECT_TRUE(f.cache.key_for(post).empty());
}

TEST(ResponseCache, KeepsOnlyPublic200Answers) {
  Fixture f;
  auto key = f.cache.key_for(get("/api/v1/needs?q=a"));
  f.cache.store(key, 0, answer("{}", 422));
  EXPECT_FALSE(f.cache.find(key));
  auto with_cookie = answer("{}");
  with_cookie.set_header("Set-Cookie", "hk_session=x");
  f.cache.store(key, 0, with_cookie);
  EXPECT_FALSE(f.cache.find(key));
  auto personal = answer("{}");
  personal.set_header("Cache-Control", "Private, max-age=60");
  f.cache.store(key, 0, personal);
  EXPECT_FALSE(f.cache.find(key));
  f.cache.store(key, 0, answer("{}"));
  EXPECT_TRUE(f.cache.find(key));
}

TEST(ResponseCache, ATtlOfZeroSwitchesItOff) {
  auto options = Fixture::defaults();
  options.ttl = 0s;
  Fixture f(options);
  EXPECT_FALSE(f.cache.enabled());
  EXPECT_TRUE(f.cache.key_for(get("/api/v1/needs?q=a")).empty());
  f.cache.store(" /api/v1/needs?q=a", 0, answer("{}"));
  EXPECT_EQ(f.cache.entries(), 0u);
}

TEST(ResponseCache, StaysWithinItsBoundsDroppingTheOldestFirst) {
  auto options = Fixture::defaults();
  options.max_entries = 16;  // two per shard
  options.max_bytes = 1 << 30;
  Fixture f(options);
  for (int i = 0; i < 200; ++i) {
    f.cache.store(f.cache.key_for(get("/api/v1/places?q=" + std::to_string(i))), 0, answer("{}"));
  }
  EXPECT_LE(f.cache.entries(), 16u);
  EXPECT_TRUE(f.cache.find(f.cache.key_for(get("/api/v1/places?q=199"))));
  EXPECT_FALSE(f.cache.find(f.cache.key_for(get("/api/v1/places?q=0"))));

  options.max_entries = 100000;
  options.max_bytes = 8 * 4096;  // 4 KB per shard
  Fixture g(options);
  std::string body(1000, 'x');
  for (int i = 0; i < 1000; ++i) {
    g.cache.store(g.cache.key_for(get("/api/v1/places?q=" + std::to_string(i))), 0, answer(body));
  }
  EXPECT_LE(g.cache.bytes(), options.max_bytes);
  EXPECT_GT(g.cache.entries(), 0u);
  // An answer bigger than a shard's share is not kept at all.
  auto key = g.cache.key_for(get("/api/v1/places?q=big"));
  g.cache.store(key, 0, answer(std::string(8000, 'x')));
  EXPECT_FALSE(g.cache.find(key));
}

TEST(ResponseCache, SweepDropsExpiredAndOutdatedEntriesWithoutRequests) {
  Fixture f;
  f.cache.store(f.cache.key_for(get("/a?lat=1")), 0, answer("{}"));
  f.now += 1s;
  f.cache.store(f.cache.key_for(get("/a?lat=2")), 0, answer("{}"));
  f.now += 1500ms;
  EXPECT_EQ(f.cache.sweep(), 1u);
  EXPECT_EQ(f.cache.entries(), 1u);
  ++f.generation;
  EXPECT_EQ(f.cache.sweep(), 1u);
  EXPECT_EQ(f.cache.entries(), 0u);
  EXPECT_EQ(f.cache.bytes(), 0u);
}

namespace {

// The cache in the pipeline: a counting handler behind a cached route.
struct PipelineFixture {
  Fixture cache;
  Router router;
  Metrics metrics;
  std::unique_ptr<Pipeline> pipeline;
  int calls = 0;

  PipelineFixture() {
    router.add(
        "GET", "/api/v1/needs",
        [this](Request& r) {
          ++calls;
          if (r.query_param("bad")) throw validation_failed({{"bad", {"Nein.", "No."}}});
          auto res = Response::json(200, "{\"call\":" + std::to_string(calls) + "}");
          res.set_header("Access-Control-Allow-Origin", "*");
          return res;
        },
        Execution::pool, Caching::anonymous);
    router.add("GET", "/api/v1/me", [this](Request&) {
      ++calls;
      return Response::json(200, "{}");
    });
    pipeline =
        std::make_unique<Pipeline>(router, nullptr, metrics, PipelineOptions{}, &cache.cache);
  }

  // Like the transport: a prepared answer, or the handler (on the pool in the server).
  Response handle(const std::string& method, const std::string& target, Headers headers = {}) {
    Request r = get(target, std::move(headers));
    r.method = method;
    auto p = pipeline->prepare(r);
    Response res = p.immediate ? *p.immediate : pipeline->run(*p.route, r);
    pipeline->finish(r, res);
    return res;
  }
};

}  // namespace

TEST(ResponseCache, InThePipelineAHitSkipsTheHandlerAndKeepsItsHeaders) {
  PipelineFixture f;
  auto first = f.handle("GET", "/api/v1/needs?lat=52&lon=13");
  auto second = f.handle("GET", "/api/v1/needs?lat=52&lon=13");
  EXPECT_EQ(f.calls, 1);
  EXPECT_EQ(second.payload(), first.payload());
  // The same headers, apart from the request id, which is each request's own.
  ASSERT_EQ(second.headers.size(), first.headers.size());
  for (std::size_t i = 0; i < first.headers.size(); ++i) {
    EXPECT_EQ(second.headers[i].first, first.headers[i].first);
    if (first.headers[i].first != "X-Request-Id") {
      EXPECT_EQ(second.headers[i].second, first.headers[i].second);
    }
  }
  EXPECT_NE(second.header("X-Request-Id"), first.header("X-Request-Id"));
  auto head = f.handle("HEAD", "/api/v1/needs?lat=52&lon=13");
  EXPECT_EQ(f.calls, 1);
  EXPECT_TRUE(head.head_only);
  EXPECT_NE(f.metrics.render().find("route=\"/api/v1/needs\",method=\"GET\",status=\"200\"} 2"),
            std::string::npos);
}

TEST(ResponseCache, InThePipelineRequestsThatMissedTogetherShareOneAnswer) {
  PipelineFixture f;
  // Both miss on the I/O thread; the second reaches a worker after the first stored its answer.
  Request a = get("/api/v1/needs?lat=52&lon=13");
  Request b = get("/api/v1/needs?lat=52&lon=13");
  auto pa = f.pipeline->prepare(a);
  auto pb = f.pipeline->prepare(b);
  ASSERT_TRUE(pa.route && pb.route);
  auto ra = f.pipeline->run(*pa.route, a);
  auto rb = f.pipeline->run(*pb.route, b);
  EXPECT_EQ(f.calls, 1);
  EXPECT_EQ(rb.payload(), ra.payload());
  EXPECT_EQ(f.cache.cache.misses(), 2u);
}

TEST(ResponseCache, InThePipelineSignedInErrorsAndOtherRoutesGoToTheHandler) {
  PipelineFixture f;
  f.handle("GET", "/api/v1/needs?q=a", {{"Cookie", "hk_session=s"}});
  f.handle("GET", "/api/v1/needs?q=a", {{"Cookie", "hk_session=s"}});
  EXPECT_EQ(f.calls, 2);
  EXPECT_EQ(f.cache.cache.entries(), 0u);
  f.handle("GET", "/api/v1/needs?q=a&bad=1");
  EXPECT_EQ(f.handle("GET", "/api/v1/needs?q=a&bad=1").status, 422);
  EXPECT_EQ(f.calls, 4);
  f.handle("GET", "/api/v1/me");
  f.handle("GET", "/api/v1/me");
  EXPECT_EQ(f.calls, 6);
  // An anonymous answer is not handed to a signed-in request either.
  f.handle("GET", "/api/v1/needs?q=b");
  f.handle("GET", "/api/v1/needs?q=b", {{"Cookie", "hk_session=s"}});
  EXPECT_EQ(f.calls, 8);
  f.handle("GET", "/api/v1/needs?q=b");
  EXPECT_EQ(f.calls, 8);
}

TEST(ResponseCache, TheDatabaseCountsCommittedWritesOnly) {
  hk::test::TempDir dir;
  auto db = hk::storage::open_database("sqlite:" + (dir.path() / "t.db").string(), {.readers = 1});
  auto before = db->write_generation();
  db->read([](hk::storage::Connection& c) { c.query("SELECT 1"); });
  EXPECT_EQ(db->write_generation(), before);
  db->write([](hk::storage::Connection& c) { c.execute_script("CREATE TABLE t (x INTEGER)"); });
  EXPECT_EQ(db->write_generation(), before + 1);
  EXPECT_THROW(db->write([](hk::storage::Connection& c) {
    c.query("INSERT INTO t (x) VALUES (1)");
    throw std::runtime_error("rolled back");
  }),
               std::runtime_error);
  EXPECT_EQ(db->write_generation(), before + 1);
}
