#include "storage/needs.hpp"

#include <algorithm>
#include <map>

#include "api/access.hpp"
#include "api/account_rules.hpp"
#include "api/help_request_actions.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/need_fields.hpp"
#include "api/need_json.hpp"
#include "api/person_mail.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/berlin_time.hpp"
#include "domain/permissions.hpp"
#include "jobs/repetitions.hpp"
#include "mail/outbox.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "storage/roles.hpp"

namespace hk::api {

namespace {

using domain::NeedDecision;

domain::AuditEntry audit_entry(const domain::User& actor, const domain::Need& need,
                               std::string action, std::int64_t now) {
  auto e = domain::audit_by(actor, need.municipality_id, std::move(action), now);
  e.organization_id = need.organization_id;
  e.subject_type = "need";
  e.subject_id = need.id;
  e.subject_label = need.title;
  return e;
}

http::ApiError invalid_transition(const std::string& status) {
  return http::ApiError(409, "invalid-transition", {"Nicht möglich", "Not possible"},
                        {"Im Status „" + status + "“ ist das nicht möglich.",
                         "This is not possible in the status \"" + status + "\"."});
}

http::ApiError organization_not_approved() {
  return http::ApiError(409, "organization-not-approved",
                        {"Organisation nicht freigeschaltet", "Organisation not approved"},
                        {"Gesuche können erst eingestellt werden, wenn die Kommune die "
                         "Organisation freigeschaltet hat.",
                         "Needs can be posted once the municipality has approved the "
                         "organisation."});
}

// The reason a cancel or reject request must give.
std::string read_reason(const http::Request& request) {
  auto body = parse_object(request);
  Fields fields(body);
  auto reason = fields.string("reason", {.max_length = 2000});
  fields.done();
  return *reason;
}

// Repetitions that a shorter or stopped weekly rule no longer covers go, unless somebody
// signed up for them; the rule makes the missing ones.
void apply_weekly_rule(storage::Connection& c, const domain::Need& need, std::int64_t now) {
  if (!need.repeat_weekly) {
    storage::delete_unused_repetitions(c, need.id, now);
    return;
  }
  if (need.repeat_until) {
    auto next = domain::civil_from_days(*need.repeat_until + 1);
    auto end = domain::berlin_local_to_utc(static_cast<int>(next.year), next.month, next.day, 0, 0);
    storage::delete_unused_repetitions(c, need.id, std::max(end - 1, now));
  }
  jobs::generate_repetitions(c, need.id, now);
}

http::Response create(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_manage_needs(&current.user, o.id)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  require_verified(current.user);
  auto body = parse_object(request);
  auto now = services.now();
  domain::Need need;
  Fields fields(body);
  need.shifts = read_new_shifts(fields, body, now);
  read_need_fields(fields, body, need, false, now);
  fields.done();

  services.db.write([&](storage::Connection& c) {
    auto org = storage::find_organization(c, o.id);
    if (!org) throw http::not_found();
    if (org->status != "approved") throw organization_not_approved();
    auto m = storage::find_municipality(c, org->municipality_id);
    if (!m) throw http::not_found();
    need.organization_id = org->id;
    need.municipality_id = m->id;
    need.organization_name = org->name;
    need.status = domain::initial_need_status(*m, org->trusted);
    need.created_by = current.user.id;
    need.id = storage::insert_need(c, need, now);
    storage::append_audit(c, audit_entry(current.user, need, "need.created", now));
    if (need.status == "pending_review") {
      auto link = web_link(services, "/koordination/gesuche");
      for (const auto& p : storage::role_holders(c, {"coordinator"}, {m->id, std::nullopt})) {
        mail::enqueue(c,
                      mail_to(p, "need_submitted",
                              {{"need", need.title}, {"organization", org->name}, {"link", link}}),
                      now);
      }
    }
    if (need.repeat_weekly) jobs::generate_repetitions(c, need.id, now);
  });
  return need_response(services, 201, &current.user, need.id);
}

http::Response get(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto need = load_need(services, parse_id(request.param("id")));
  if (!domain::can_view_need(user_of(current), need)) throw http::not_found();
  return need_response(services, 200, user_of(current), need.id);
}

bool same_place(const domain::Need& a, const domain::Need& b) {
  if (a.remote != b.remote || a.location.has_value() != b.location.has_value()) return false;
  if (!a.location) return true;
  const auto &x = *a.location, &y = *b.location;
  return x.point.lat == y.point.lat && x.point.lon == y.point.lon && x.address == y.address &&
         x.place_name == y.place_name;
}

http::Response update(Services& services, http::Request& request) {
  auto [current, id] = require_need_manager(services, request);
  auto body = parse_object(request);
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto before = load_need(c, id);
    if (!domain::is_open_for_changes(before)) throw need_closed_error();
    require_not_hotline_need(c, id);
    auto need = before;
    Fields fields(body);
    read_need_fields(fields, body, need, true, now);
    fields.done();
    storage::update_need(c, need, now);
    storage::append_audit(c, audit_entry(current.user, need, "need.updated", now));
    if (!same_place(before, need)) {
      auto link = web_link(services, need_path(need.id));
      for (const auto& p : participants_to_come(c, need, now)) {
        mail::enqueue(c, mail_to(p, "need_changed", {{"need", need.title}, {"link", link}}), now);
      }
    }
    if (need.repeat_weekly != before.repeat_weekly || need.repeat_until != before.repeat_until) {
      apply_weekly_rule(c, need, now);
    }
  });
  return need_response(services, 200, &current.user, id);
}

http::Response cancel(Services& services, http::Request& request) {
  auto [current, id] = require_need_manager(services, request);
  auto reason = read_reason(request);
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto need = load_need(c, id);
    if (need.status != "published" && need.status != "pending_review") {
      throw invalid_transition(need.status);
    }
    require_not_hotline_need(c, id);
    storage::set_need_status(c, id, "cancelled", reason, now);
    auto entry = audit_entry(current.user, need, "need.cancelled", now);
    entry.reason = reason;
    storage::append_audit(c, entry);
    for (const auto& p : participants_to_come(c, need, now)) {
      mail::enqueue(c, mail_to(p, "need_cancelled", {{"need", need.title}, {"reason", reason}}),
                    now);
    }
  });
  return need_response(services, 200, &current.user, id);
}

http::Response complete(Services& services, http::Request& request) {
  auto [current, id] = require_need_manager(services, request);
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto need = load_need(c, id);
    if (need.status != "published") throw invalid_transition(need.status);
    require_not_hotline_need(c, id);
    storage::set_need_status(c, id, "completed", std::nullopt, now);
    storage::append_audit(c, audit_entry(current.user, need, "need.completed", now));
  });
  return need_response(services, 200, &current.user, id);
}

http::Response decide(Services& services, http::Request& request, NeedDecision decision) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  auto loaded = load_need(services, id);
  if (!domain::can_moderate_needs(&current.user, loaded.municipality_id)) {
    deny(domain::can_view_need(&current.user, loaded));
  }
  const bool approve = decision == NeedDecision::approve;
  std::optional<std::string> reason;
  if (!approve) reason = read_reason(request);
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto need = load_need(c, id);
    auto next = domain::need_status_after(need.status, decision);
    if (!next) throw invalid_transition(need.status);
    storage::set_need_status(c, id, *next, reason, now);
    auto entry = audit_entry(current.user, need, approve ? "need.approved" : "need.rejected", now);
    entry.reason = reason;
    storage::append_audit(c, entry);
    std::map<std::string, std::string> params{{"need", need.title}};
    if (approve) {
      params["link"] = web_link(services, need_path(need.id));
    } else {
      params["reason"] = *reason;
    }
    for (const auto& p : storage::group_admins_and(c, need.organization_id, need.created_by)) {
      mail::enqueue(c, mail_to(p, approve ? "need_approved" : "need_rejected", params), now);
    }
  });
  return need_response(services, 200, &current.user, id);
}

// `status` of a list request: one of the statuses, or none.
std::optional<std::string> status_param(const http::Request& request) {
  auto v = request.query_param("status");
  if (!v || v->empty()) return std::nullopt;
  if (!domain::valid_need_status(*v)) {
    throw http::validation_failed(
        {{"status",
          {"Erlaubt sind: draft, pending_review, published, rejected, cancelled, completed.",
           "Allowed values: draft, pending_review, published, rejected, cancelled, "
           "completed."}}});
  }
  return std::string(*v);
}

http::Response list_response(Services& services, const domain::User* user,
                             storage::NeedFilter filter) {
  json::array items;
  std::int64_t last = 0;
  std::size_t count = 0;
  auto now = services.now();
  services.db.read([&](storage::Connection& c) {
    for (const auto& need : storage::list_needs(c, filter)) {
      items.push_back(need_json(c, need, user, now));
      last = need.id;
      ++count;
    }
  });
  return json_response(
      200, {{"items", std::move(items)}, {"nextCursor", next_cursor(count, filter.limit, last)}});
}

http::Response organization_needs(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto user = user_of(current);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_view_organization(user, o)) throw http::not_found();
  auto page = parse_page(request);
  auto status = status_param(request);
  storage::NeedFilter filter;
  filter.organization_id = o.id;
  filter.before_id = page.after_id;
  filter.limit = page.limit;
  if (domain::can_manage_needs(user, o.id)) {
    if (status) filter.statuses = {*status};
  } else {
    // The public sees what is open to join; the rest stays with the group.
    if (status && *status != "published") throw http::forbidden();
    filter.statuses = {"published"};
    filter.approved_organizations_only = true;
  }
  return list_response(services, user, filter);
}

http::Response municipality_needs(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  std::optional<domain::Municipality> m;
  services.db.read([&](storage::Connection& c) { m = storage::find_municipality(c, id); });
  if (!m) throw http::not_found();
  if (!domain::is_coordinator(&current.user, m->id) && !domain::is_platform_admin(&current.user)) {
    throw http::forbidden();
  }
  auto page = parse_page(request);
  auto status = status_param(request);
  storage::NeedFilter filter;
  filter.municipality_id = m->id;
  filter.before_id = page.after_id;
  filter.limit = page.limit;
  if (status) filter.statuses = {*status};
  return list_response(services, &current.user, filter);
}

}  // namespace

void add_need_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/organizations/{id}/needs",
             [&services](http::Request& r) { return create(services, r); });
  router.add("GET", "/api/v1/organizations/{id}/needs",
             [&services](http::Request& r) { return organization_needs(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}/needs",
             [&services](http::Request& r) { return municipality_needs(services, r); });
  router.add("GET", "/api/v1/needs/{id}",
             [&services](http::Request& r) { return get(services, r); });
  router.add("PATCH", "/api/v1/needs/{id}",
             [&services](http::Request& r) { return update(services, r); });
  router.add("POST", "/api/v1/needs/{id}/cancel",
             [&services](http::Request& r) { return cancel(services, r); });
  router.add("POST", "/api/v1/needs/{id}/complete",
             [&services](http::Request& r) { return complete(services, r); });
  router.add("POST", "/api/v1/needs/{id}/approve",
             [&services](http::Request& r) { return decide(services, r, NeedDecision::approve); });
  router.add("POST", "/api/v1/needs/{id}/reject",
             [&services](http::Request& r) { return decide(services, r, NeedDecision::reject); });
}

}  // namespace hk::api
