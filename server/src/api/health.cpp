#include "api/json.hpp"
#include "api/routes.hpp"
#include "storage/migrations.hpp"

namespace hk::api {

namespace {

http::Response healthz(http::Request&) { return json_response(200, {{"status", "ok"}}); }

http::Response readyz(Services& services, http::Request&) {
  int applied = -1;
  try {
    applied = storage::applied_schema_version(services.db);
  } catch (const std::exception&) {
  }
  int latest = storage::latest_schema_version(services.db.dialect());
  if (applied == latest) return json_response(200, {{"status", "ready"}});
  auto detail = applied < 0
                    ? http::Text{"Die Datenbank antwortet nicht.", "The database does not answer."}
                    : http::Text{"Das Datenbankschema ist nicht aktuell.",
                                 "The database schema is not current."};
  auto e = http::ApiError(503, "not-ready", {"Nicht bereit", "Not ready"}, detail);
  e.headers.emplace_back("Retry-After", "5");
  throw e;
}

// Operators scrape from the same host; to everyone else, including visitors relayed by a
// reverse proxy on that host, the endpoint does not exist.
http::Response metrics(Services& services, http::Request& request) {
  if (!request.is_local_direct()) throw http::not_found();
  return http::Response::text(200, services.metrics.render(), "text/plain; version=0.0.4");
}

}  // namespace

void add_health_routes(http::Router& router, Services& services) {
  router.add("GET", "/healthz", healthz, http::Execution::inline_io);
  router.add("GET", "/readyz", [&services](http::Request& r) { return readyz(services, r); });
  router.add(
      "GET", "/metrics", [&services](http::Request& r) { return metrics(services, r); },
      http::Execution::inline_io);
}

}  // namespace hk::api
