#include <optional>

#include "api/json.hpp"
#include "api/routes.hpp"
#include "storage/migrations.hpp"

namespace hk::api {

namespace {

http::Response healthz(http::Request&) { return json_response(200, {{"status", "ok"}}); }

http::Response readyz(Services& services, http::Request&) {
  std::optional<storage::SchemaState> state;
  try {
    state = storage::read_schema_state(services.db);
  } catch (const std::exception&) {
  }
  // A database a newer binary migrated stays ready while it declares this binary compatible
  // (a rolling upgrade); once a migration locked this binary out, it is taken out of service.
  if (state && (state->current == state->latest || state->newer_but_compatible())) {
    return json_response(200, {{"status", "ready"}});
  }
  auto detail = !state
                    ? http::Text{"Die Datenbank antwortet nicht.", "The database does not answer."}
                : state->too_new()
                    ? http::Text{"Das Datenbankschema verlangt eine neuere Version dieses Servers.",
                                 "The database schema requires a newer version of this server."}
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
