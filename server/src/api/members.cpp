#include "api/access.hpp"
#include "api/json.hpp"
#include "api/role_offers.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/permissions.hpp"
#include "storage/audit.hpp"
#include "storage/organizations.hpp"
#include "storage/roles.hpp"

namespace hk::api {

namespace {

// "admin" / "member" in the API, org_admin / org_member as roles.
std::string api_role(const std::string& role) { return role == "org_admin" ? "admin" : "member"; }

http::Response invite(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_manage_members(&current.user, o)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  auto role = fields.choice("role", {"admin", "member"});
  fields.done();
  if (o.status != "approved") {
    throw http::ApiError(409, "organization-not-approved",
                         {"Organisation nicht freigeschaltet", "Organisation not approved"},
                         {"Mitglieder können erst eingeladen werden, wenn die Kommune die "
                          "Organisation freigeschaltet hat.",
                          "Members can be invited once the municipality has approved the "
                          "organisation."});
  }
  RoleOffer offer;
  offer.email = *email;
  offer.role = *role == "admin" ? "org_admin" : "org_member";
  offer.scope = {std::nullopt, o.id};
  offer.municipality_id = o.municipality_id;
  offer.scope_name = o.name;
  offer.link_path = "/organisationen/" + format_id(o.id) + "/verwaltung";
  std::string status;
  services.db.write([&](storage::Connection& c) {
    status = offer_role(c, services, current.user, offer, request.language, services.now());
  });
  return json_response(201, {{"email", *email}, {"role", *role}, {"status", status}});
}

http::Response list(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  if (!domain::can_view_members(&current.user, o)) {
    deny(domain::can_view_organization(&current.user, o));
  }
  json::array items;
  services.db.read([&](storage::Connection& c) {
    for (const auto& m : storage::list_role_listing(c, {"org_admin", "org_member"},
                                                    {std::nullopt, o.id}, services.now())) {
      items.push_back(json::object{
          {"userId", id_or_null(m.user_id)},
          {"email", m.email},
          {"displayName", m.display_name ? json::value(*m.display_name) : json::value(nullptr)},
          {"role", api_role(m.role)},
          {"status", m.invited ? "invited" : "active"},
      });
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

http::Response remove(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto o = load_organization(services, parse_id(request.param("id")));
  auto user_id = parse_id(request.param("userId"));
  // Admins remove anyone; a member may always leave the group.
  bool leaving = user_id == current.user.id && domain::is_org_member(&current.user, o.id);
  if (!domain::can_manage_members(&current.user, o) && !leaving) {
    deny(domain::can_view_organization(&current.user, o));
  }
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    storage::RoleScope scope{std::nullopt, o.id};
    std::string role;
    if (storage::holds_role(c, user_id, "org_admin", scope)) {
      role = "org_admin";
      if (storage::count_role_holders(c, "org_admin", scope) <= 1) {
        throw http::ApiError(
            409, "last-admin", {"Letzte Administration", "Last administrator"},
            {"Eine Organisation braucht mindestens eine Person in der Administration. "
             "Ernennen Sie zuerst eine andere Person.",
             "An organisation needs at least one administrator. Appoint someone else first."});
      }
    } else if (storage::holds_role(c, user_id, "org_member", scope)) {
      role = "org_member";
    } else {
      throw http::not_found();
    }
    storage::revoke_role(c, user_id, role, scope);
    auto person = storage::find_person(c, user_id);
    auto e = domain::audit_by(current.user, o.municipality_id, "role.revoked", now);
    e.organization_id = o.id;
    e.subject_type = "user";
    e.subject_id = user_id;
    e.subject_label =
        domain::role_change_label(person ? person->display_name : "", person ? person->email : "",
                                  domain::role_label(role, "de"), o.name);
    storage::append_audit(c, e);
  });
  return http::Response::no_content();
}

}  // namespace

void add_member_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/organizations/{id}/members",
             [&services](http::Request& r) { return invite(services, r); });
  router.add("GET", "/api/v1/organizations/{id}/members",
             [&services](http::Request& r) { return list(services, r); });
  router.add("DELETE", "/api/v1/organizations/{id}/members/{userId}",
             [&services](http::Request& r) { return remove(services, r); });
}

}  // namespace hk::api
