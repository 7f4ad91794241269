#include <map>

#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/need_calendar.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "auth/tokens.hpp"
#include "domain/berlin_time.hpp"
#include "domain/permissions.hpp"
#include "storage/calendar_feeds.hpp"
#include "storage/needs.hpp"

namespace hk::api {

namespace {

// Engagements that ended this long ago still show in the personal feed.
constexpr std::int64_t feed_history_seconds = 90 * 24 * 3600;
// More than any person takes on; keeps a feed of a runaway account bounded.
constexpr int feed_limit = 1000;

constexpr const char* calendar_type = "text/calendar; charset=utf-8";

http::Response need_calendar(Services& services, http::Request& request) {
  auto id = parse_id(request.param("id"));
  auto current = current_user(services, request);
  auto need = load_need(services, id);
  if (!domain::can_view_need(user_of(current), need)) throw http::not_found();
  std::vector<calendar::Event> events;
  for (const auto& shift : need.shifts) events.push_back(shift_event(services, need, shift));
  auto response = http::Response::text(
      200, calendar::build_calendar(events, need.title, services.now()), calendar_type);
  response.set_header("Content-Disposition",
                      "attachment; filename=\"gesuch-" + format_id(need.id) + ".ics\"");
  // Who may see a need can change (a group suspended): no shared caches.
  response.set_header("Cache-Control", "private, no-cache");
  return response;
}

json::object feed_state(std::optional<std::int64_t> created_at) {
  return {{"active", created_at.has_value()},
          {"createdAt", created_at ? json::value(domain::format_rfc3339_utc(*created_at))
                                   : json::value(nullptr)}};
}

http::Response get_feed(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  std::optional<std::int64_t> created_at;
  services.db.read([&](storage::Connection& c) {
    created_at = storage::find_calendar_feed(c, current.user.id);
  });
  return json_response(200, feed_state(created_at));
}

http::Response create_feed(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto token = auth::random_token();
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    storage::replace_calendar_feed(c, current.user.id, auth::token_hash(token), now);
  });
  auto response = json_response(201, json::object{{"url", services.config.effective_base_url() +
                                                              "/api/v1/calendar/" + token + ".ics"},
                                                  {"createdAt", domain::format_rfc3339_utc(now)}});
  // The address is a secret shown once.
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response delete_feed(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  services.db.write(
      [&](storage::Connection& c) { storage::delete_calendar_feed(c, current.user.id); });
  return http::Response::no_content();
}

// GET /api/v1/calendar/{token}.ics. The router knows whole segments only, so the route takes
// "{token}" and the ".ics" is checked here.
http::Response feed(Services& services, http::Request& request) {
  const auto& segment = request.param("token");
  constexpr std::string_view suffix = ".ics";
  if (!segment.ends_with(suffix) || segment.size() == suffix.size()) throw http::not_found();
  auto token = segment.substr(0, segment.size() - suffix.size());
  auto now = services.now();
  std::vector<calendar::Event> events;
  services.db.read([&](storage::Connection& c) {
    auto owner = storage::calendar_feed_owner(c, auth::token_hash(token));
    if (!owner) throw http::not_found();
    std::map<std::int64_t, std::optional<domain::Need>> needs;
    for (const auto& entry :
         storage::calendar_feed_entries(c, *owner, now - feed_history_seconds, feed_limit)) {
      auto [it, fresh] = needs.try_emplace(entry.need_id);
      if (fresh) it->second = storage::find_need(c, entry.need_id);
      if (!it->second) continue;
      for (const auto& shift : it->second->shifts) {
        if (shift.id == entry.shift_id) events.push_back(shift_event(services, *it->second, shift));
      }
    }
  });
  auto response = http::Response::text(
      200, calendar::build_calendar(events, "Helferkarte: Meine Einsätze", now), calendar_type);
  response.set_header("Cache-Control", "private, no-cache");
  return response;
}

}  // namespace

void add_calendar_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/needs/{id}/calendar.ics",
             [&services](http::Request& r) { return need_calendar(services, r); });
  router.add("GET", "/api/v1/me/calendar-feed",
             [&services](http::Request& r) { return get_feed(services, r); });
  router.add("POST", "/api/v1/me/calendar-feed",
             [&services](http::Request& r) { return create_feed(services, r); });
  router.add("DELETE", "/api/v1/me/calendar-feed",
             [&services](http::Request& r) { return delete_feed(services, r); });
  router.add("GET", "/api/v1/calendar/{token}",
             [&services](http::Request& r) { return feed(services, r); });
}

}  // namespace hk::api
