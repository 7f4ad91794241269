#include "storage/municipalities.hpp"

#include <cctype>

#include "api/access.hpp"
#include "api/encode.hpp"
#include "api/json.hpp"
#include "api/role_offers.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/permissions.hpp"
#include "storage/audit.hpp"
#include "storage/roles.hpp"

namespace hk::api {

namespace {

domain::Municipality load(Services& services, std::int64_t id) {
  std::optional<domain::Municipality> found;
  services.db.read([&](storage::Connection& c) { found = storage::find_municipality(c, id); });
  if (!found) throw http::not_found();
  return std::move(*found);
}

// What the default Datenschutzerklärung states about this installation.
domain::PrivacyFacts privacy_facts(const app::Config& config) {
  return {.unverified_account_days = config.retention_unverified_account_days,
          .token_days = config.retention_token_days,
          .session_days = config.retention_session_days,
          .mail_body_days = config.retention_mail_body_days,
          .hotline_retention_days = config.hotline_retention_days,
          .map_tile_host = domain::url_host(config.map_tile_url)};
}

http::ApiError duplicate_ags() {
  return http::ApiError(
      409, "conflict", {"Bereits vorhanden", "Already exists"},
      {"Eine Kommune mit diesem Gemeindeschlüssel gibt es schon.",
       "A municipality with this municipality key already exists."},
      {{"ags", {"Dieser Gemeindeschlüssel ist schon vergeben.", "This key is already taken."}}});
}

domain::AuditEntry audit_entry(const domain::User& actor, const domain::Municipality& m,
                               std::string action, std::int64_t now) {
  auto e = domain::audit_by(actor, m.id, std::move(action), now);
  e.subject_type = "municipality";
  e.subject_id = m.id;
  e.subject_label = m.name;
  return e;
}

// The profile fields of a create or edit request; in an edit (`partial`) a missing field keeps
// its value.
void read_profile(Fields& fields, domain::Municipality& m, bool partial) {
  auto wanted = [&](const char* name) { return !partial || fields.present(name); };
  if (wanted("name")) {
    if (auto v = fields.string("name", {.max_length = 200})) m.name = *v;
  }
  if (wanted("ags")) {
    if (auto v = fields.string("ags", {.max_length = 8})) {
      bool digits = v->size() == 8;
      for (char ch : *v) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
      if (digits) {
        m.ags = *v;
      } else {
        fields.add("ags", {"Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern.",
                           "The official municipality key has exactly 8 digits."});
      }
    }
  }
  if (wanted("center")) {
    if (auto p = fields.point("center")) m.center = {p->first, p->second};
  }
  if (wanted("contactEmail")) {
    if (auto v = fields.email("contactEmail")) m.contact_email = *v;
  }
  if (wanted("hotlinePhone")) {
    auto v = fields.string("hotlinePhone", {.required = false, .max_length = 40});
    if (v && v->find_first_not_of("+0123456789 /()-") != std::string::npos) {
      fields.add("hotlinePhone", {"Bitte nur Ziffern, Leerzeichen und + / ( ) -.",
                                  "Please use digits, spaces and + / ( ) - only."});
    } else {
      m.hotline_phone = v && !v->empty() ? v : std::nullopt;
    }
  }
  if (wanted("moderation")) {
    if (auto v = fields.choice("moderation", {"none", "pre"})) m.moderation = *v;
  }
  if (fields.present("imprint")) {
    if (auto v = fields.string("imprint", {.required = false, .max_length = 20000})) {
      m.imprint = *v;
    }
  }
  if (fields.present("privacy")) {
    if (auto v = fields.string("privacy", {.required = false, .max_length = 50000})) {
      m.privacy = *v;
    }
  }
  if (fields.present("accessibility")) {
    if (auto v = fields.string("accessibility", {.required = false, .max_length = 50000})) {
      m.accessibility = *v;
    }
  }
}

http::Response list(Services& services, http::Request& request) {
  auto page = parse_page(request);
  std::vector<domain::Municipality> found;
  services.db.read([&](storage::Connection& c) {
    found = storage::list_municipalities(c, page.after_id, page.limit);
  });
  auto facts = privacy_facts(services.config);
  json::array items;
  for (const auto& m : found) items.push_back(encode(m, facts));
  auto last = found.empty() ? 0 : found.back().id;
  return json_response(200, {{"items", std::move(items)},
                             {"nextCursor", next_cursor(found.size(), page.limit, last)}});
}

http::Response get(Services& services, http::Request& request) {
  return json_response(
      200, encode(load(services, parse_id(request.param("id"))), privacy_facts(services.config)));
}

http::Response create(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  if (!domain::is_platform_admin(&current.user)) throw http::forbidden();
  auto body = parse_object(request);
  Fields fields(body);
  domain::Municipality m;
  m.moderation = "none";
  read_profile(fields, m, false);
  fields.done();
  auto now = services.now();
  try {
    services.db.write([&](storage::Connection& c) {
      m.id = storage::insert_municipality(c, m, now);
      storage::append_audit(c, audit_entry(current.user, m, "municipality.created", now));
    });
  } catch (const storage::ConstraintError&) {
    throw duplicate_ags();
  }
  return json_response(201, encode(m, privacy_facts(services.config)));
}

http::Response update(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = load(services, parse_id(request.param("id")));
  if (!domain::can_edit_municipality(&current.user, m.id)) throw http::forbidden();
  auto body = parse_object(request);
  Fields fields(body);
  // The key identifies the municipality officially; only the operator corrects it.
  if (fields.present("ags") && !domain::is_platform_admin(&current.user)) throw http::forbidden();
  read_profile(fields, m, true);
  fields.done();
  auto now = services.now();
  try {
    services.db.write([&](storage::Connection& c) {
      storage::update_municipality(c, m, now);
      storage::append_audit(c, audit_entry(current.user, m, "municipality.updated", now));
    });
  } catch (const storage::ConstraintError&) {
    throw duplicate_ags();
  }
  return json_response(200, encode(m, privacy_facts(services.config)));
}

http::Response invite_coordinator(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = load(services, parse_id(request.param("id")));
  if (!domain::can_manage_municipality(&current.user, m.id)) throw http::forbidden();
  auto body = parse_object(request);
  Fields fields(body);
  auto email = fields.email("email");
  fields.done();
  RoleOffer offer;
  offer.email = *email;
  offer.role = "coordinator";
  offer.scope = {m.id, std::nullopt};
  offer.municipality_id = m.id;
  offer.scope_name = m.name;
  offer.link_path = "/koordination";
  std::string status;
  services.db.write([&](storage::Connection& c) {
    status = offer_role(c, services, current.user, offer, request.language, services.now());
  });
  return json_response(201, {{"email", *email}, {"role", "coordinator"}, {"status", status}});
}

http::Response list_coordinators(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = load(services, parse_id(request.param("id")));
  if (!domain::can_manage_municipality(&current.user, m.id)) throw http::forbidden();
  json::array items;
  services.db.read([&](storage::Connection& c) {
    for (const auto& p :
         storage::list_role_listing(c, {"coordinator"}, {m.id, std::nullopt}, services.now())) {
      items.push_back(json::object{
          {"userId", id_or_null(p.user_id)},
          {"email", p.email},
          {"displayName", p.display_name ? json::value(*p.display_name) : json::value(nullptr)},
          {"status", p.invited ? "invited" : "active"},
      });
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

http::Response remove_coordinator(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = load(services, parse_id(request.param("id")));
  if (!domain::can_manage_municipality(&current.user, m.id)) throw http::forbidden();
  auto user_id = parse_id(request.param("userId"));
  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto person = storage::find_person(c, user_id);
    if (!person || !storage::revoke_role(c, user_id, "coordinator", {m.id, std::nullopt})) {
      throw http::not_found();
    }
    auto e = audit_entry(current.user, m, "role.revoked", now);
    e.subject_type = "user";
    e.subject_id = user_id;
    e.subject_label = domain::role_change_label(person->display_name, person->email,
                                                domain::role_label("coordinator", "de"), m.name);
    storage::append_audit(c, e);
  });
  return http::Response::no_content();
}

http::Response audit_log(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto m = load(services, parse_id(request.param("id")));
  if (!domain::can_manage_municipality(&current.user, m.id)) throw http::forbidden();
  auto page = parse_page(request);
  std::vector<domain::AuditEntry> entries;
  services.db.read([&](storage::Connection& c) {
    entries = storage::list_audit(c, m.id, page.after_id, page.limit);
  });
  json::array items;
  for (const auto& e : entries) items.push_back(encode(e));
  auto last = entries.empty() ? 0 : entries.back().id;
  return json_response(200, {{"items", std::move(items)},
                             {"nextCursor", next_cursor(entries.size(), page.limit, last)}});
}

}  // namespace

void add_municipality_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/municipalities",
             [&services](http::Request& r) { return list(services, r); });
  router.add("POST", "/api/v1/municipalities",
             [&services](http::Request& r) { return create(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}",
             [&services](http::Request& r) { return get(services, r); });
  router.add("PATCH", "/api/v1/municipalities/{id}",
             [&services](http::Request& r) { return update(services, r); });
  router.add("POST", "/api/v1/municipalities/{id}/coordinators",
             [&services](http::Request& r) { return invite_coordinator(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}/coordinators",
             [&services](http::Request& r) { return list_coordinators(services, r); });
  router.add("DELETE", "/api/v1/municipalities/{id}/coordinators/{userId}",
             [&services](http::Request& r) { return remove_coordinator(services, r); });
  router.add("GET", "/api/v1/municipalities/{id}/audit-log",
             [&services](http::Request& r) { return audit_log(services, r); });
}

}  // namespace hk::api
