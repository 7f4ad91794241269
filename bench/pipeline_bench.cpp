// The cost of the request path that every request pays, without sockets: routing, the
// middleware pipeline and static files. Run with `make bench`; results in docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "http/pipeline.hpp"

using namespace hk::http;

namespace {

Response ok(Request&) { return Response::json(200, "{\"status\":\"ok\"}"); }

// A route table of the size the finished API will have (about fifty routes).
Router make_router() {
  Router r;
  const char* resources[] = {"municipalities", "organizations", "needs", "shifts",
                             "help-requests",  "places",        "me",    "auth"};
  for (auto res : resources) {
    std::string base = std::string("/api/v1/") + res;
    r.add("GET", base, ok);
    r.add("POST", base, ok);
    r.add("GET", base + "/{id}", ok);
    r.add("PATCH", base + "/{id}", ok);
    r.add("POST", base + "/{id}/approve", ok);
    r.add("POST", base + "/{id}/reject", ok);
  }
  r.add("GET", "/healthz", ok);
  return r;
}

void BM_RouterMatch(benchmark::State& state) {
  auto router = make_router();
  for (auto _ : state) {
    auto m = router.match("POST", "/api/v1/help-requests/12345/approve");
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_RouterMatch);

struct App {
  Router router = make_router();
  Metrics metrics;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "helferkarte-bench-web";
  std::unique_ptr<StaticFiles> files;
  std::unique_ptr<Pipeline> pipeline;

  App() {
    std::filesystem::create_directories(dir / "assets");
    std::ofstream(dir / "index.html") << std::string(2000, 'x');
    std::ofstream(dir / "assets" / "index-abc123.js") << std::string(120000, 'y');
    files = std::make_unique<StaticFiles>(dir);
    pipeline = std::make_unique<Pipeline>(router, files.get(), metrics, PipelineOptions{});
  }
  ~App() { std::filesystem::remove_all(dir); }

  Response handle(const char* method, const char* target) {
    Request req;
    req.method = method;
    req.target = target;
    req.headers = {{"Host", "localhost"}, {"Accept-Language", "de-DE,de;q=0.9,en;q=0.8"}};
    auto p = pipeline->prepare(req);
    Response res = p.immediate ? std::move(*p.immediate) : pipeline->run(*p.route, req);
    pipeline->finish(req, res);
    return res;
  }
};

void BM_PipelineApiRoute(benchmark::State& state) {
  App app;
  for (auto _ : state)
    benchmark::DoNotOptimize(app.handle("GET", "/api/v1/needs/42?lat=51.9&lon=8.38"));
}
BENCHMARK(BM_PipelineApiRoute);

void BM_PipelineNotFound(benchmark::State& state) {
  App app;
  for (auto _ : state) benchmark::DoNotOptimize(app.handle("GET", "/api/v1/nothing/here"));
}
BENCHMARK(BM_PipelineNotFound);

void BM_PipelineStaticAsset(benchmark::State& state) {
  App app;
  for (auto _ : state) benchmark::DoNotOptimize(app.handle("GET", "/assets/index-abc123.js"));
}
BENCHMARK(BM_PipelineStaticAsset);

}  // namespace
