#include "storage/organizations.hpp"

#include "api/access.hpp"
#include "api/account_rules.hpp"
#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/role_offers.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/permissions.hpp"
#include "mail/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"
#include "storage/roles.hpp"

namespace hk::api {

namespace {

using domain::Decision;

// The view of `o` that `user` is entitled to; reads the applicant for coordinators.
OrganizationView view_for(storage::Connection& c, const domain::User* user,
                          const domain::Organization& o) {
  OrganizationView view;
  bool coordinator = domain::is_coordinator(user, o.municipality_id);
  bool applicant = user && o.created_by && *o.created_by == user->id;
  view.internal = coordinator || applicant || domain::is_org_member(user, o.id);
  if (coordinator && o.created_by) {
    if (auto p = storage::find_person(c, *o.created_by)) {
      view.applicant = OrganizationView::Applicant{p->user_id, p->display_name, p->email};
    }
  }
  return view;
}

http::Response respond(Services& services, int status, const domain::User* user,
                       const domain::Organization& o) {
  json::object body;
  services.db.read([&](storage::Connection& c) { body = encode(o, view_for(c, user, o)); });
  return json_response(status, body);
}

domain::AuditEntry audit_entry(const domain::User& actor, const domain::Organization& o,
                               std::string action, std::int64_t now) {
  auto e = domain::audit_by(actor, o.municipality_id, std::move(action), now);
  e.organization_id = o.id;
  e.subject_type = "organization";
  e.subject_id = o.id;
  e.subject_label = o.name;
  return e;
}

// The profile fields of a create or edit request. In an edit (`partial`) a missing field
// keeps its value.
void read_profile(Fields& fields, domain::Organization& o, bool partial) {
  auto wanted = [&](const char* name) { return !partial || fields.present(name); };
  if (wanted("name")) {
    if (auto v = fields.string("name", {.max_length = 200})) o.name = *v;
  }
  if (wanted("kind")) {
    if (auto v =
            fields.choice("kind", {"verein", "hilfsorganisation", "initiative", "einrichtung"}))
      o.kind = *v;
  }
  if (wanted("description")) {
    if (auto v = fields.string("description", {.max_length = 5000})) o.description = *v;
  }
  if (wanted("contactEmail")) {
    if (auto v = fields.email("contactEmail")) o.contact_email = *v;
  }
  if (wanted("website")) o.website = fields.web_address("website");
  if (wanted("address")) {
    auto v = fields.string("address", {.required = false, .max_length = 500});
    o.address = v && !v->empty() ? v : std::nullopt;
  }
}

// A citizen's application waits for the coordinators, who are told by mail.
void file_application(storage::Connection& c, const Services& services, const domain::User& actor,
                      domain::Organization& o, const domain::Municipality& m, std::int64_t now) {
  o.status = "pending";
  o.created_by = actor.id;
  o.id = storage::insert_organization(c, o, now);
  storage::append_audit(c, audit_entry(actor, o, "organization.applied", now));
  auto applicant = storage::find_person(c, actor.id);
  mail::enqueue(
      c,
      {"organization_received",
       applicant->email,
       applicant->user_id,
       applicant->language,
       {{"name", applicant->display_name}, {"organization", o.name}, {"municipality", m.name}}},
      now);
  for (const auto& coordinator : storage::role_holders(c, {"coordinator"}, {m.id, std::nullopt})) {
    mail::enqueue(
        c,
        {"organization_submitted",
         coordinator.email,
         coordinator.user_id,
         coordinator.language,
         {{"organization", o.name},
          {"municipality", m.name},
          {"link", web_link(services, "/koordination/organisationen/" + format_id(o.id))}}},
        now);
  }
}

// A coordinator adds a group the municipality already knows: approved at once, and the person
// who will run it is offered the admin role.
void add_known_group(storage::Connection& c, const Services& services, const domain::User& actor,
                     domain::Organization& o, const std::string& admin_email,
                     const std::string& language, std::int64_t now) {
  o.status = "approved";
  o.created_by = std::nullopt;
  o.id = storage::insert_organization(c, o, now);
  storage::append_audit(c, audit_entry(actor, o, "organization.created", now));
  RoleOffer offer;
  offer.email = admin_email;
  offer.role = "org_admin";
  offer.scope = {std::nullopt, o.id};
  offer.municipality_id = o.municipality_id;
  offer.scope_name = o.name;
  offer.link_path = "/organisationen/" + format_id(o.id) + "/verwaltung";
  offer_role(c, services, actor, offer, language, now);
}

http::Response create(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  require_verified(current.user);
  auto body = parse_object(request);
  Fields fields(body);
  domain::Organization o;
  auto municipality_id = fields.id("municipalityId");
  read_profile(fields, o, false);
  auto admin_email = fields.email("adminEmail", false);
  fields.done();

  auto now = services.now();
  o.municipality_id = *municipality_id;
  o.created_at = now;
  services.db.write([&](storage::Connection& c) {
    auto m = storage::find_municipality(c, o.municipality_id);
    if (!m) {
      throw http::validation_failed(
          {{"municipalityId",
            {"Diese Kommune gibt es hier nicht.", "There is no such municipality here."}}});
    }
    if (!admin_email) {
      file_application(c, services, current.user, o, *m, now);
    } else if (domain::is_coordinator(&current.user, m->id)) {
      add_known_group(c, services, current.user, o, *admin_email, request.language, now);
    } else {
      throw http::forbidden();
    }
  });
  return respond(services, 201, &current.user, o);
}

http::Response list(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto page = parse_page(request);
  storage::OrganizationFilter filter;
  filter.after_id = page.after_id;
  filter.limit = page.limit;
  std::vector<http::FieldError> errors;
  if (auto v = request.query_param("municipalityId"); v && !v->empty()) {
    try {
      filter.municipality_id = parse_id(std::string(*v));
    } catch (const http::ApiError&) {
      errors.push_back({"municipalityId", {"Diese Kennung ist ungültig.", "This id is invalid."}});
    }
  }
  std::optional<std::string> status;
  if (auto v = request.query_param("status"); v && !v->empty()) {
    if (domain::valid_organization_status(*v)) {
      status = *v;
    } else {
      errors.push_back({"status",
                        {"Erlaubt sind: pending, approved, rejected, suspended.",
                         "Allowed values: pending, approved, rejected, suspended."}});
    }
  }
  if (!errors.empty()) throw http::validation_failed(errors);

  bool coordinator =
      filter.municipality_id && domain::is_coordinator(user_of(current), *filter.municipality_id);
  if (status && *status != "approved" && !coordinator) throw http::forbidden();
  if (status) {
    filter.statuses = {*status};
  } else if (!coordinator) {
    filter.statuses = {"approved"};
  }

  json::array items;
  std::int64_t last = 0;
  std::size_t count = 0;
  services.db.read([&](storage::Connection& c) {
    for (const auto& o : storage::list_organizations(c, filter)) {
      items.push_back(encode(o, view_for(c, user_of(current), o)));
      last = o.id;
      ++count;
    }
  });
  return json_response(
      200, {{"items", std::move(items)}, {"nextCursor", next_cursor(count, page.limit, last)}});
}

http::Response get(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_view_organization(user_of(current), o)) throw http::not_found();
  return respond(services, 200, user_of(current), o);
}

http::Response update(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_edit_organization(&current.user, o)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  auto body = parse_object(request);
  Fields fields(body);
  read_profile(fields, o, true);
  fields.done();
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    storage::update_organization_profile(c, o, now);
    storage::append_audit(c, audit_entry(current.user, o, "organization.updated", now));
  });
  return respond(services, 200, &current.user, o);
}

// The mail that tells a group about a decision, and who gets it.
void notify_decision(storage::Connection& c, const Services& services,
                     const domain::Organization& o, Decision decision,
                     const std::optional<std::string>& reason, std::int64_t now) {
  static const std::map<Decision, std::string> templates = {
      {Decision::approve, "organization_approved"},
      {Decision::reject, "organization_rejected"},
      {Decision::suspend, "organization_suspended"},
      {Decision::reinstate, "organization_reinstated"}};
  auto recipients = storage::group_admins_and(c, o.id, o.created_by);
  auto link = web_link(services, "/organisationen/" + format_id(o.id) + "/verwaltung");
  for (const auto& p : recipients) {
    std::map<std::string, std::string> params{{"name", p.display_name}, {"organization", o.name}};
    if (reason) params["reason"] = *reason;
    if (decision == Decision::approve || decision == Decision::reinstate) params["link"] = link;
    mail::enqueue(c, {templates.at(decision), p.email, p.user_id, p.language, params}, now);
  }
}

http::Response decide(Services& services, http::Request& request, Decision decision) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_decide_organization(&current.user, o)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  std::optional<std::string> reason;
  if (domain::decision_needs_reason(decision)) {
    auto body = parse_object(request);
    Fields fields(body);
    reason = fields.string("reason", {.max_length = 2000});
    fields.done();
  }
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    // Decide on the state as it is inside this transaction, not as it was read before.
    auto fresh = storage::find_organization(c, o.id);
    if (!fresh) throw http::not_found();
    o = *fresh;
    if (o.hotline) {
      throw http::ApiError(409, "hotline-organization",
                           {"Hilfetelefon der Kommune", "The municipality's hotline"},
                           {"Das Hilfetelefon gehört zur Kommune; über seinen Status wird nicht "
                            "entschieden.",
                            "The hotline belongs to the municipality; its status is not "
                            "decided on."});
    }
    auto next = domain::status_after(o.status, decision);
    if (!next) {
      throw http::ApiError(409, "invalid-transition", {"Nicht möglich", "Not possible"},
                           {"Im Status „" + o.status + "“ ist diese Entscheidung nicht möglich.",
                            "This decision is not possible in the status \"" + o.status + "\"."});
    }
    o.status = *next;
    o.status_reason = reason;
    storage::set_organization_status(c, o.id, o.status, reason, now);
    auto entry = audit_entry(current.user, o, domain::audit_action(decision), now);
    entry.reason = reason;
    storage::append_audit(c, entry);
    if (decision == Decision::approve && o.created_by) {
      // The applicant runs the group once it is approved.
      if (auto applicant = storage::find_person(c, *o.created_by)) {
        storage::RoleScope scope{std::nullopt, o.id};
        if (!storage::holds_role(c, applicant->user_id, "org_admin", scope)) {
          storage::grant_role(c, applicant->user_id, {"org_admin", std::nullopt, o.id}, now);
          auto grant = audit_entry(current.user, o, "role.granted", now);
          grant.subject_type = "user";
          grant.subject_id = applicant->user_id;
          grant.subject_label =
              domain::role_change_label(applicant->display_name, applicant->email,
                                        domain::role_label("org_admin", "de"), o.name);
          storage::append_audit(c, grant);
        }
      }
    }
    notify_decision(c, services, o, decision, reason, now);
  });
  return respond(services, 200, &current.user, o);
}

// A coordinator trusts a group (its needs skip the queue) or takes the trust back.
http::Response set_trust(Services& services, http::Request& request, bool trusted) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_moderate_needs(&current.user, o.municipality_id)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  auto now = services.now();
  json::object body;
  services.db.write([&](storage::Connection& c) {
    auto fresh = storage::find_organization(c, o.id);
    if (!fresh) throw http::not_found();
    o = *fresh;
    if (o.trusted != trusted) {
      storage::set_organization_trusted(c, o.id, trusted, now);
      o.trusted = trusted;
      storage::append_audit(
          c, audit_entry(current.user, o,
                         trusted ? "organization.trusted" : "organization.untrusted", now));
    }
    body = encode(o, view_for(c, &current.user, o));
  });
  return json_response(200, body);
}

http::Response mine(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  json::array items;
  services.db.read([&](storage::Connection& c) {
    for (const auto& entry : storage::list_user_organizations(c, current.user.id)) {
      auto o = encode(entry.organization, view_for(c, &current.user, entry.organization));
      json::array relations;
      for (const auto& r : entry.relations) relations.push_back(json::value(r));
      o["myRoles"] = std::move(relations);
      items.push_back(std::move(o));
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_organization_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/organizations",
             [&services](http::Request& r) { return create(services, r); });
  router.add("GET", "/api/v1/organizations",
             [&services](http::Request& r) { return list(services, r); });
  router.add("GET", "/api/v1/organizations/{id}",
             [&services](http::Request& r) { return get(services, r); });
  router.add("PATCH", "/api/v1/organizations/{id}",
             [&services](http::Request& r) { return update(services, r); });
  router.add("POST", "/api/v1/organizations/{id}/approve",
             [&services](http::Request& r) { return decide(services, r, Decision::approve); });
  router.add("POST", "/api/v1/organizations/{id}/reject",
             [&services](http::Request& r) { return decide(services, r, Decision::reject); });
  router.add("POST", "/api/v1/organizations/{id}/suspend",
             [&services](http::Request& r) { return decide(services, r, Decision::suspend); });
  router.add("POST", "/api/v1/organizations/{id}/reinstate",
             [&services](http::Request& r) { return decide(services, r, Decision::reinstate); });
  router.add("POST", "/api/v1/organizations/{id}/trust",
             [&services](http::Request& r) { return set_trust(services, r, true); });
  router.add("POST", "/api/v1/organizations/{id}/untrust",
             [&services](http::Request& r) { return set_trust(services, r, false); });
  router.add("GET", "/api/v1/me/organizations",
             [&services](http::Request& r) { return mine(services, r); });
}

}  // namespace hk::api
