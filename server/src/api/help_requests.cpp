#include "storage/help_requests.hpp"

#include <sodium.h>

#include <map>
#include <stdexcept>

#include "api/help_request_actions.hpp"
#include "api/help_request_fields.hpp"
#include "api/help_request_json.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/permissions.hpp"
#include "geo/cell.hpp"
#include "geo/places.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"

namespace hk::api {

namespace {

// How far from the municipality's centre a shipped place may lie to count as its area.
constexpr double area_radius_km = 30;

// A uniform number in [0, 1) from libsodium: the rough point must not be predictable.
double uniform_random() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  constexpr std::uint32_t steps = 1u << 24;
  return static_cast<double>(randombytes_uniform(steps)) / steps;
}

// Where the area lies when the coordinator gave no point: the best shipped place of that
// name near the municipality, else its centre.
domain::GeoPoint area_point(const domain::Municipality& m, const std::string& area) {
  for (const auto& place : geo::find_places(area, 20)) {
    if (geo::distance_km(place.point, m.center) <= area_radius_km) return place.point;
  }
  return m.center;
}

void draw_public_point(const domain::Municipality& m, domain::HelpRequest& request) {
  auto from = request.point ? *request.point : area_point(m, request.area);
  request.public_point = domain::rough_point(from, uniform_random(), uniform_random());
}

// The municipality of the path, for one of its coordinators: 404 when it does not exist,
// 403 for anybody else signed in.
domain::Municipality coordinated_municipality(Services& services, const CurrentUser& current,
                                              const http::Request& request) {
  auto id = parse_id(request.param("id"));
  std::optional<domain::Municipality> m;
  services.db.read([&](storage::Connection& c) { m = storage::find_municipality(c, id); });
  if (!m) throw http::not_found();
  if (!domain::is_coordinator(&current.user, m->id)) throw http::forbidden();
  return std::move(*m);
}

// The request of the path as one of its municipality's coordinators sees it; to anybody else
// it does not exist.
domain::HelpRequest coordinated_request(storage::Connection& c, const domain::User& user,
                                        std::int64_t id) {
  auto r = storage::find_help_request(c, id);
  if (!r || !domain::is_coordinator(&user, r->municipality_id)) throw http::not_found();
  return std::move(*r);
}

// The coordinator's request of the path: checked before the body is read, so that nobody
// else learns anything from a validation error.
struct CoordinatorRequest {
  CurrentUser current;
  std::int64_t id = 0;
};
CoordinatorRequest require_coordinator(Services& services, const http::Request& request) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  services.db.read([&](storage::Connection& c) { coordinated_request(c, current.user, id); });
  return {std::move(current), id};
}

json::object fresh_view(storage::Connection& c, std::int64_t id) {
  auto r = storage::find_help_request(c, id);
  if (!r) throw http::not_found();
  return coordinator_view(c, *r);
}

void audit_read(storage::Connection& c, const domain::User& user,
                const domain::HelpRequest& request, const char* reason, std::int64_t now) {
  auto e = help_request_audit(user, request, "help_request.caller_viewed", now);
  e.reason = reason;
  storage::append_audit(c, e);
}

http::Response create(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = coordinated_municipality(services, current, request);
  auto body = parse_object(request);
  auto now = services.now();
  domain::HelpRequest r;
  Fields fields(body);
  bool publish = read_help_request_fields(fields, body, r, false, now);
  fields.done();
  r.municipality_id = m.id;
  r.status = "new";
  r.created_by = current.user.id;
  draw_public_point(m, r);
  json::object out;
  services.db.write([&](storage::Connection& c) {
    r.id = storage::insert_help_request(c, r, now);
    r.created_at = r.updated_at = now;
    add_help_request_note(c, current.user, r, "created", "", now);
    storage::append_audit(c, help_request_audit(current.user, r, "help_request.created", now));
    if (publish) publish_help_request(c, services, current.user, r, now);
    out = fresh_view(c, r.id);
  });
  return json_response(201, out);
}

// `status` of the list: which requests, and in which order.
storage::HelpRequestFilter list_filter(const http::Request& request) {
  storage::HelpRequestFilter filter;
  std::string status = "open";
  if (auto v = request.query_param("status"); v && !v->empty()) status = std::string(*v);
  if (status == "open") {
    filter.statuses = {"new", "published", "matched"};
  } else if (status == "closed") {
    filter.statuses = {"done", "cancelled"};
  } else if (status == "all") {
    filter.statuses = {};
  } else if (domain::valid_help_request_status(status)) {
    filter.statuses = {status};
  } else {
    throw http::validation_failed(
        {{"status",
          {"Erlaubt sind: open, new, published, matched, done, cancelled, closed, all.",
           "Allowed values: open, new, published, matched, done, cancelled, closed, all."}}});
  }
  // Open requests oldest first, so that none is forgotten; the finished ones newest first.
  filter.oldest_first =
      status != "done" && status != "cancelled" && status != "closed" && status != "all";
  return filter;
}

http::Response list(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = coordinated_municipality(services, current, request);
  auto filter = list_filter(request);
  auto page = parse_page(request);
  filter.municipality_id = m.id;
  filter.after_id = page.after_id;
  filter.limit = page.limit;
  auto now = services.now();
  json::array items;
  std::int64_t last = 0;
  std::size_t count = 0;
  services.db.write([&](storage::Connection& c) {
    for (const auto& r : storage::list_help_requests(c, filter)) {
      auto notes = storage::list_help_request_notes(c, r.id);
      std::optional<std::int64_t> last_note;
      if (!notes.empty()) last_note = notes.back().created_at;
      items.push_back(list_item(r, last_note));
      if (r.caller) audit_read(c, current.user, r, "list", now);
      last = r.id;
      ++count;
    }
  });
  return json_response(
      200, {{"items", std::move(items)}, {"nextCursor", next_cursor(count, page.limit, last)}});
}

http::Response get(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  const char* reason = "detail";
  if (auto v = request.query_param("purpose"); v && !v->empty()) {
    if (*v != "print") {
      throw http::validation_failed(
          {{"purpose", {"Erlaubt ist: print.", "Allowed value: print."}}});
    }
    reason = "print";
  }
  auto now = services.now();
  json::object out;
  services.db.write([&](storage::Connection& c) {
    auto r = storage::find_help_request(c, id);
    if (!r) throw http::not_found();
    if (domain::is_coordinator(&current.user, r->municipality_id)) {
      out = coordinator_view(c, *r);
      if (r->caller) audit_read(c, current.user, *r, reason, now);
      return;
    }
    // The helper sees the caller only while matched: after an unmatch or the close it is gone.
    if (r->status != "matched" || r->helper_id != current.user.id) throw http::not_found();
    auto m = storage::find_municipality(c, r->municipality_id);
    if (!m) throw http::not_found();
    out = helper_view(*r, *m, true);
    audit_read(c, current.user, *r, "helper", now);
  });
  return json_response(200, out);
}

http::ApiError closed_error() {
  return http::ApiError(409, "help-request-closed",
                        {"Hilfeanfrage abgeschlossen", "Help request closed"},
                        {"Eine abgeschlossene Hilfeanfrage lässt sich nicht mehr ändern.",
                         "A closed help request can no longer be changed."});
}

std::string changed_fields(const json::object& body) {
  std::string names;
  for (const auto& member : body) {
    names += (names.empty() ? "" : ", ") + std::string(member.key());
  }
  return names;
}

http::Response update(Services& services, http::Request& request) {
  auto [current, id] = require_coordinator(services, request);
  auto body = parse_object(request);
  auto now = services.now();
  json::object out;
  services.db.write([&](storage::Connection& c) {
    auto r = coordinated_request(c, current.user, id);
    auto parts = body_parts(body);
    if ((parts.public_fields || parts.private_fields) && !domain::is_open(r)) {
      throw closed_error();
    }
    if (parts.public_fields && !domain::can_edit_public_fields(r)) {
      throw http::ApiError(409, "help-request-published",
                           {"Hilfeanfrage veröffentlicht", "Help request published"},
                           {"Was öffentlich zu sehen ist, lässt sich nach dem Veröffentlichen "
                            "nicht mehr ändern; nur Anrufer/in und interne Hinweise.",
                            "What is public can no longer be changed once published; only the "
                            "caller and the internal notes can."});
    }
    if (parts.private_fields && !domain::can_edit_private_fields(r)) throw closed_error();
    auto before = r;
    Fields fields(body);
    read_help_request_fields(fields, body, r, true, now);
    fields.done();
    if (body.empty()) {
      out = coordinator_view(c, r);
      return;
    }
    bool moved =
        before.point.has_value() != r.point.has_value() ||
        (r.point && (r.point->lat != before.point->lat || r.point->lon != before.point->lon)) ||
        (!r.point && r.area != before.area);
    if (moved) {
      auto m = storage::find_municipality(c, r.municipality_id);
      if (!m) throw http::not_found();
      draw_public_point(*m, r);
    }
    storage::update_help_request(c, r, now);
    add_help_request_note(c, current.user, r, "edited", changed_fields(body), now);
    storage::append_audit(c, help_request_audit(current.user, r, "help_request.updated", now));
    out = fresh_view(c, id);
  });
  return json_response(200, out);
}

// One step of the request by a coordinator, answered with the request as it is afterwards.
template <class Step>
http::Response step(Services& services, const CoordinatorRequest& target, Step run) {
  auto now = services.now();
  json::object out;
  services.db.write([&](storage::Connection& c) {
    auto r = coordinated_request(c, target.current.user, target.id);
    run(c, r, now);
    out = fresh_view(c, target.id);
  });
  return json_response(200, out);
}

http::Response publish(Services& services, http::Request& request) {
  auto target = require_coordinator(services, request);
  return step(services, target, [&](storage::Connection& c, domain::HelpRequest& r, auto now) {
    publish_help_request(c, services, target.current.user, r, now);
  });
}

http::Response match(Services& services, http::Request& request) {
  auto target = require_coordinator(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto user_id = fields.id("userId");
  fields.done();
  return step(services, target, [&](storage::Connection& c, domain::HelpRequest& r, auto now) {
    match_help_request(c, services, target.current.user, r, *user_id, now);
  });
}

http::Response unmatch(Services& services, http::Request& request) {
  auto target = require_coordinator(services, request);
  auto body = parse_optional_object(request);
  Fields fields(body);
  auto reason = fields.string("reason", {.required = false, .max_length = 2000});
  fields.done();
  return step(services, target, [&](storage::Connection& c, domain::HelpRequest& r, auto now) {
    unmatch_help_request(c, services, target.current.user, r, reason, now);
  });
}

http::Response close(Services& services, http::Request& request) {
  auto target = require_coordinator(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto outcome = fields.choice("outcome", {"done", "cancelled"});
  auto note = fields.string("note", {.required = false, .max_length = 2000});
  fields.done();
  if (note && note->empty()) note.reset();
  return step(services, target, [&](storage::Connection& c, domain::HelpRequest& r, auto now) {
    close_help_request(c, services, target.current.user, r, *outcome, note, now);
  });
}

http::Response add_note(Services& services, http::Request& request) {
  auto [current, id] = require_coordinator(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto text = fields.string("text", {.max_length = 2000});
  fields.done();
  auto now = services.now();
  domain::HelpRequestNote note;
  services.db.write([&](storage::Connection& c) {
    auto r = coordinated_request(c, current.user, id);
    if (r.erased_at) {
      throw http::ApiError(409, "help-request-erased",
                           {"Hilfeanfrage gelöscht", "Help request erased"},
                           {"Die Daten dieser Hilfeanfrage sind bereits gelöscht.",
                            "The data of this help request has already been erased."});
    }
    note.help_request_id = r.id;
    note.kind = "note";
    note.body = *text;
    note.author_id = current.user.id;
    note.author_name = current.user.display_name;
    note.created_at = now;
    note.id = storage::insert_help_request_note(c, note);
  });
  return json_response(201, encode_note(note));
}

http::Response mine(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  json::array items;
  services.db.read([&](storage::Connection& c) {
    std::map<std::int64_t, domain::Municipality> municipalities;
    for (const auto& r : storage::list_helper_requests(c, current.user.id)) {
      auto it = municipalities.find(r.municipality_id);
      if (it == municipalities.end()) {
        auto m = storage::find_municipality(c, r.municipality_id);
        if (!m) continue;
        it = municipalities.emplace(r.municipality_id, std::move(*m)).first;
      }
      items.push_back(helper_view(r, it->second, false));
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_help_request_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/municipalities/{id}/help-requests",
             [&services](http::Request& r) { return create(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}/help-requests",
             [&services](http::Request& r) { return list(services, r); });
  router.add("GET", "/api/v1/help-requests/{id}",
             [&services](http::Request& r) { return get(services, r); });
  router.add("PATCH", "/api/v1/help-requests/{id}",
             [&services](http::Request& r) { return update(services, r); });
  router.add("POST", "/api/v1/help-requests/{id}/publish",
             [&services](http::Request& r) { return publish(services, r); });
  router.add("POST", "/api/v1/help-requests/{id}/match",
             [&services](http::Request& r) { return match(services, r); });
  router.add("POST", "/api/v1/help-requests/{id}/unmatch",
             [&services](http::Request& r) { return unmatch(services, r); });
  router.add("POST", "/api/v1/help-requests/{id}/close",
             [&services](http::Request& r) { return close(services, r); });
  router.add("POST", "/api/v1/help-requests/{id}/notes",
             [&services](http::Request& r) { return add_note(services, r); });
  router.add("GET", "/api/v1/me/help-requests",
             [&services](http::Request& r) { return mine(services, r); });
}

}  // namespace hk::api
