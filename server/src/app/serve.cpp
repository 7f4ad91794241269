#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "api/routes.hpp"
#include "api/session.hpp"
#include "http/beast_server.hpp"
#include "http/pipeline.hpp"
#include "jobs/housekeeping.hpp"
#include "mail/outbox_worker.hpp"
#include "mail/transport.hpp"
#include "storage/migrations.hpp"
#include "util/clock.hpp"

namespace hk::app {

namespace {

// "https://tiles.example.org/{z}/{x}/{y}.png" -> "https://tiles.example.org"
std::string origin_of(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  auto slash = url.find('/', scheme + 3);
  auto origin = url.substr(0, slash);
  // Leaflet's {s} subdomain placeholder becomes a CSP wildcard.
  if (auto s = origin.find("{s}."); s != std::string::npos) {
    origin = origin.substr(0, s) + "*" + origin.substr(s + 3);
  }
  return origin;
}

}  // namespace

int serve(const Config& settings) {
  // A copy, because the address a port 0 was bound to completes it below.
  Config config = settings;
  std::unique_ptr<mail::Transport> mail_transport;
  try {
    mail_transport = mail::make_transport(config);
  } catch (const ConfigError& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return 2;
  }
  storage::DatabaseOptions db_options;
  db_options.readers = config.database_readers;
  auto db = storage::open_database(config.database, db_options);
  storage::migrate(*db);
  mail::OutboxWorker mail_worker(*db, *mail_transport, util::now_seconds,
                                 {.from = config.mail_from});
  mail_worker.start();

  http::Metrics metrics;
  auth::RateLimiter limiter;
  api::Services services{*db, config, metrics, util::now_seconds, limiter};
  http::Router router;
  api::register_routes(router, services);

  http::StaticFiles static_files(config.web_dir);
  if (!static_files.has_index()) {
    spdlog::warn("no web app in {} (index.html missing): only the API is served", config.web_dir);
  }
  http::PipelineOptions pipeline_options;
  pipeline_options.max_body_bytes = config.max_body_bytes;
  pipeline_options.extra_img_src = origin_of(config.map_tile_url);
  pipeline_options.https = config.effective_base_url().starts_with("https://");
  pipeline_options.trusted_proxies = config.trusted_proxies;
  http::ResponseCacheOptions cache_options;
  cache_options.ttl = std::chrono::seconds(config.http_cache_seconds);
  cache_options.session_cookie = api::session_cookie;
  http::ResponseCache cache(cache_options, [&db] { return db->write_generation(); });
  cache.start_sweeper();
  metrics.add_counter("helferkarte_http_cache_hits_total",
                      "Anonymous reads answered from the response cache.",
                      [&cache] { return static_cast<double>(cache.hits()); });
  metrics.add_counter("helferkarte_http_cache_misses_total",
                      "Anonymous cacheable reads the response cache could not answer.",
                      [&cache] { return static_cast<double>(cache.misses()); });
  metrics.add_gauge("helferkarte_http_cache_bytes", "Memory held by the response cache.",
                    [&cache] { return static_cast<double>(cache.bytes()); });
  http::Pipeline pipeline(router, &static_files, metrics, pipeline_options, &cache);

  http::WorkerPool pool(config.workers, config.queue);
  metrics.add_gauge("helferkarte_pool_busy", "Worker threads running a handler.",
                    [&pool] { return static_cast<double>(pool.busy()); });
  metrics.add_gauge("helferkarte_pool_queued", "Handlers waiting for a worker thread.",
                    [&pool] { return static_cast<double>(pool.queued()); });
  metrics.add_gauge("helferkarte_pool_capacity", "Handlers that may wait before 503.",
                    [&pool] { return static_cast<double>(pool.capacity()); });
  metrics.add_gauge("helferkarte_pool_threads", "Worker threads.",
                    [&pool] { return static_cast<double>(pool.threads()); });

  http::ServerOptions options;
  auto colon = config.listen.rfind(':');
  options.host = config.listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[') {
    options.host = options.host.substr(1, options.host.size() - 2);
  }
  options.port = static_cast<unsigned short>(std::stoi(config.listen.substr(colon + 1)));
  options.io_threads = config.io_threads;
  options.read_timeout_seconds = config.read_timeout_seconds;
  options.shutdown_grace_seconds = config.shutdown_grace_seconds;

  http::Server server(pipeline, pool, options);
  auto port = server.listen();
  // Links in mails name the port actually bound when the listen address asked for any port.
  if (config.base_url.empty() && options.port == 0) {
    config.listen = config.listen.substr(0, colon) + ":" + std::to_string(port);
  }
  // Reminders, repetitions, expiry warnings and completion, once a minute. Started once the
  // base URL of the links in its mails is complete.
  jobs::HousekeepingWorker housekeeping(*db, config, util::now_seconds,
                                        config.jobs_interval_seconds * 1000);
  if (config.jobs_interval_seconds > 0) housekeeping.start();
  auto shown =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  // Scripts and tests read this first line of standard output.
  std::cout << "listening on http://" << shown << ":" << port << std::endl;
  spdlog::info("serving {} (web app: {} files, database: {})", config.listen, static_files.size(),
               config.database.substr(0, config.database.find(':')));
  server.run();
  pool.stop();
  housekeeping.stop();
  mail_worker.stop();
  spdlog::info("stopped");
  return 0;
}

void print_routes() {
  // Routes are registered without touching the database, so any database object will do.
  auto db = storage::open_database("sqlite::memory:", {.readers = 1});
  Config config;
  http::Metrics metrics;
  auth::RateLimiter limiter;
  api::Services services{*db, config, metrics, util::now_seconds, limiter};
  http::Router router;
  api::register_routes(router, services);
  for (const auto& r : router.routes()) std::cout << r.method << " " << r.pattern << "\n";
}

}  // namespace hk::app
