#include <algorithm>
#include <cmath>

#include "api/access.hpp"
#include "api/help_request_actions.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "api/signup_actions.hpp"
#include "api/signup_json.hpp"
#include "api/signup_mail.hpp"
#include "domain/berlin_time.hpp"
#include "domain/permissions.hpp"
#include "storage/audit.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

// Every status a group sees in its lists, declined requests included.
const std::vector<std::string> all_statuses{"confirmed", "waitlisted", "requested", "declined"};

// Attendance is confirmed in quarter hours, at most a day per shift.
constexpr int max_minutes = 24 * 60;

// A sign-up the caller manages, with its shift and need; 404 when the caller may not know of
// it, 403 when they may see the need but not act on it. Sign-ups of deleted accounts are
// nobody's business any more.
struct ManagedSignup {
  domain::Signup signup;
  domain::Shift shift;
  domain::Need need;
  storage::Person person;
};
ManagedSignup load_managed_signup(storage::Connection& c, const domain::User& user,
                                  const std::string& id) {
  auto signup = storage::find_signup(c, parse_id(id));
  if (!signup || !signup->user_id) throw http::not_found();
  auto shift = storage::find_shift(c, signup->shift_id);
  if (!shift) throw http::not_found();
  auto need = load_need(c, shift->need_id);
  if (!domain::can_manage_needs(&user, need.organization_id)) {
    deny(domain::can_view_need(&user, need));
  }
  auto person = storage::find_person(c, *signup->user_id);
  if (!person) throw http::not_found();
  return {std::move(*signup), std::move(*shift), std::move(need), std::move(*person)};
}

http::ApiError invalid_transition(const http::Text& detail) {
  return http::ApiError(409, "invalid-transition", {"Nicht in diesem Zustand", "Not in this state"},
                        detail);
}

http::Response participant_response(const ManagedSignup& m) {
  return json_response(200, encode_participant({m.signup, m.person}, m.shift.id));
}

http::Response list(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto need_id = parse_id(request.param("id"));
  json::array shifts;
  services.db.read([&](storage::Connection& c) {
    auto need = load_need(c, need_id);
    // Coordinators and the platform admin may see the need, but not who joined it.
    if (!domain::can_view_participants(&current.user, need)) {
      deny(domain::can_view_need(&current.user, need));
    }
    auto participants = storage::list_participants(c, need.id, all_statuses);
    for (const auto& shift : need.shifts) {
      json::array people;
      for (const auto& p : participants) {
        if (p.signup.shift_id == shift.id) people.push_back(encode_participant(p));
      }
      shifts.push_back(json::object{{"id", format_id(shift.id)},
                                    {"start", domain::format_rfc3339_utc(shift.starts_at)},
                                    {"end", domain::format_rfc3339_utc(shift.ends_at)},
                                    {"capacity", shift.capacity},
                                    {"taken", shift.taken},
                                    {"participants", std::move(people)}});
    }
  });
  return json_response(200, {{"shifts", std::move(shifts)}});
}

http::Response accept(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto now = services.now();
  ManagedSignup m;
  services.db.write([&](storage::Connection& c) {
    m = load_managed_signup(c, current.user, request.param("id"));
    require_no_help_request(c, m.need.id);
    if (m.signup.status != "requested") {
      throw invalid_transition(
          {"Nur offene Anfragen können angenommen werden.", "Only open requests can be accepted."});
    }
    if (!domain::accepts_signups(m.need)) {
      throw http::ApiError(
          409, "need-closed", {"Gesuch geschlossen", "Need closed"},
          {"Das Gesuch ist nicht mehr ausgeschrieben.", "The need is no longer open."});
    }
    if (domain::has_started(m.shift, now)) throw shift_started_error();
    m.signup.status = place_or_waitlist(c, m.need, m.shift);
    storage::set_signup_status(c, m.signup.id, m.signup.status, now);
    m.signup.updated_at = now;
    mail_request_accepted(c, services, m.need, m.shift, m.signup.status, m.person, now);
  });
  return participant_response(m);
}

http::Response decline(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto body = parse_optional_object(request);
  Fields fields(body);
  auto reason = fields.string("reason", {.required = false, .max_length = 1000});
  fields.done();
  auto now = services.now();
  ManagedSignup m;
  services.db.write([&](storage::Connection& c) {
    m = load_managed_signup(c, current.user, request.param("id"));
    require_no_help_request(c, m.need.id);
    if (m.signup.status != "requested" && m.signup.status != "waitlisted") {
      throw invalid_transition({"Ablehnen lassen sich nur Anfragen und Plätze auf der Warteliste.",
                                "Only requests and places on the waitlist can be declined."});
    }
    m.signup.status = "declined";
    storage::set_signup_status(c, m.signup.id, m.signup.status, now);
    m.signup.updated_at = now;
    mail_signup_declined(c, services, m.need, m.shift, m.person, reason.value_or(""), now);
  });
  return participant_response(m);
}

// A number of hours in quarter steps, as minutes.
std::optional<int> hours_field(const json::object& body, Fields& fields) {
  const auto* v = body.if_contains("hours");
  if (v == nullptr || v->is_null()) return std::nullopt;
  http::Text wrong{"Bitte geben Sie 0,25 bis 24 Stunden in Schritten von 0,25 an.",
                   "Please give 0.25 to 24 hours in steps of 0.25."};
  if (!v->is_number()) {
    fields.add("hours", wrong);
    return std::nullopt;
  }
  double quarters = v->to_number<double>() * 4;
  if (!std::isfinite(quarters) || std::abs(quarters - std::round(quarters)) > 1e-9 ||
      quarters < 1 || quarters > 96) {
    fields.add("hours", wrong);
    return std::nullopt;
  }
  return static_cast<int>(std::lround(quarters)) * 15;
}

// The length of the shift in quarter hours, at least one, at most a day.
int shift_minutes(const domain::Shift& shift) {
  auto quarters = std::llround(static_cast<double>(shift.ends_at - shift.starts_at) / 900.0);
  return static_cast<int>(std::clamp<long long>(quarters * 15, 15, max_minutes));
}

http::Response record_attendance(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto attendance = fields.choice("attendance", {"attended", "no_show"});
  auto minutes = hours_field(body, fields);
  if (attendance == "no_show" && minutes) {
    fields.add("hours", {"Wer nicht erschienen ist, bekommt keine Stunden bestätigt.",
                         "No hours are confirmed for someone who did not come."});
  }
  fields.done();
  auto now = services.now();
  ManagedSignup m;
  services.db.write([&](storage::Connection& c) {
    m = load_managed_signup(c, current.user, request.param("id"));
    if (!domain::has_started(m.shift, now)) {
      throw http::ApiError(
          409, "shift-not-started", {"Schicht hat nicht begonnen", "Shift has not started"},
          {"Die Teilnahme lässt sich erst erfassen, wenn die Schicht begonnen hat.",
           "Attendance can be recorded once the shift has started."});
    }
    if (m.signup.status != "confirmed") {
      throw invalid_transition({"Die Teilnahme lässt sich nur für feste Plätze erfassen.",
                                "Attendance can only be recorded for confirmed places."});
    }
    m.signup.attendance = *attendance;
    if (*attendance == "attended") {
      m.signup.minutes = minutes ? *minutes : shift_minutes(m.shift);
    } else {
      m.signup.minutes = std::nullopt;
    }
    storage::set_attendance(c, m.signup.id, *m.signup.attendance, m.signup.minutes, now);
    m.signup.updated_at = now;
  });
  return participant_response(m);
}

// One line without control characters: the subject goes into the mail's subject line.
bool single_line(const std::string& s) {
  return std::none_of(s.begin(), s.end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; });
}

http::Response send_message(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto need_id = parse_id(request.param("id"));
  auto body = parse_object(request);
  Fields fields(body);
  auto subject = fields.string("subject", {.max_length = 150});
  if (subject && !single_line(*subject)) {
    fields.add("subject",
               {"Der Betreff muss in eine Zeile passen.", "The subject must fit on one line."});
  }
  auto text = fields.string("body", {.max_length = 5000});
  fields.done();
  auto now = services.now();
  int recipients = 0;
  services.db.write([&](storage::Connection& c) {
    auto need = load_need(c, need_id);
    if (!domain::can_manage_needs(&current.user, need.organization_id)) {
      deny(domain::can_view_need(&current.user, need));
    }
    recipients = mail_need_message(c, services, need, *subject, *text, now);
    auto e = domain::audit_by(current.user, need.municipality_id, "need.message_sent", now);
    e.organization_id = need.organization_id;
    e.subject_type = "need";
    e.subject_id = need.id;
    e.subject_label = need.title;
    storage::append_audit(c, e);
  });
  return json_response(202, {{"recipients", recipients}});
}

}  // namespace

void add_participant_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/needs/{id}/participants",
             [&services](http::Request& r) { return list(services, r); });
  router.add("POST", "/api/v1/signups/{id}/accept",
             [&services](http::Request& r) { return accept(services, r); });
  router.add("POST", "/api/v1/signups/{id}/decline",
             [&services](http::Request& r) { return decline(services, r); });
  router.add("PATCH", "/api/v1/signups/{id}",
             [&services](http::Request& r) { return record_attendance(services, r); });
  router.add("POST", "/api/v1/needs/{id}/messages",
             [&services](http::Request& r) { return send_message(services, r); });
}

}  // namespace hk::api
