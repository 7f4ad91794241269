#include <set>

#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/audit.hpp"
#include "domain/barrier_report.hpp"
#include "mail/outbox.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"
#include "storage/roles.hpp"

namespace hk::api {

namespace {

// Anyone may report, so the form must not become a way to flood the coordinators' inboxes.
constexpr auth::Limit reports_per_address{5, hour_seconds};

const http::Text one_line = {"Bitte ohne Zeilenumbrüche.", "Please without line breaks."};

// An optional text that the form sends as "" when left blank.
std::optional<std::string> optional_line(Fields& fields, const char* name, std::size_t max_length) {
  auto v = fields.string(name, {.required = false, .max_length = max_length});
  if (!v || v->empty()) return std::nullopt;
  if (!domain::is_single_line(*v)) {
    fields.add(name, one_line);
    return std::nullopt;
  }
  return v;
}

domain::BarrierReport read_report(const json::object& body) {
  Fields fields(body);
  domain::BarrierReport report;
  if (auto page = fields.string("page", {.max_length = 500})) {
    if (domain::is_single_line(*page)) {
      report.page = *page;
    } else {
      fields.add("page", one_line);
    }
  }
  if (auto description = fields.string("description", {.max_length = 5000})) {
    std::size_t characters = 0;
    for (unsigned char ch : *description) characters += (ch & 0xC0) != 0x80;
    if (characters >= 10) {
      report.description = *description;
    } else {
      fields.add("description", {"Bitte beschreiben Sie die Barriere mit mindestens 10 Zeichen.",
                                 "Please describe the barrier in at least 10 characters."});
    }
  }
  const auto* email = body.if_contains("email");
  bool blank =
      email == nullptr || email->is_null() ||
      (email->is_string() && email->as_string().find_first_not_of(" \t\r\n") == json::string::npos);
  if (!blank) report.email = fields.email("email", false);
  report.name = optional_line(fields, "name", 200);
  fields.done();
  return report;
}

http::Response report_barrier(Services& services, http::Request& request) {
  // Signed in or not; a session, when sent, must come with its CSRF token.
  auto current = current_user(services, request);
  auto municipality_id = parse_id(request.param("id"));
  std::optional<domain::Municipality> m;
  services.db.read(
      [&](storage::Connection& c) { m = storage::find_municipality(c, municipality_id); });
  if (!m) throw http::not_found();
  auto body = parse_object(request);
  auto report = read_report(body);
  take_limits(services, {{"barrier:ip:" + request.client_address, reports_per_address}});

  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto params = [&](const std::string& language) {
      return std::map<std::string, std::string>{
          {"municipality", m->name},
          {"page", report.page},
          {"description", report.description},
          {"reporter", domain::barrier_reporter_line(report, language)}};
    };
    std::set<std::string> sent;
    for (const auto& coordinator :
         storage::role_holders(c, {"coordinator"}, {m->id, std::nullopt})) {
      if (!sent.insert(coordinator.email).second) continue;
      mail::enqueue(c,
                    {"barrier_report", coordinator.email, coordinator.user_id, coordinator.language,
                     params(coordinator.language)},
                    now);
    }
    if (!m->contact_email.empty() && !sent.contains(m->contact_email)) {
      mail::enqueue(c, {"barrier_report", m->contact_email, std::nullopt, "de", params("de")}, now);
    }
    domain::AuditEntry e;
    if (current) {
      e = domain::audit_by(current->user, m->id, "barrier.reported", now);
    } else {
      e.at = now;
      e.municipality_id = m->id;
      e.actor_name = "Anonym";
      e.action = "barrier.reported";
    }
    e.subject_type = "page";
    e.subject_label = domain::barrier_audit_label(report.page);
    storage::append_audit(c, e);
  });
  return json_response(202, json::object{{"received", true}});
}

}  // namespace

void add_barrier_report_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/municipalities/{id}/barrier-reports",
             [&services](http::Request& r) { return report_barrier(services, r); });
}

}  // namespace hk::api
