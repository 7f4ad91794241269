#include "storage/signups.hpp"

#include <fmt/format.h>

#include <charconv>

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
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"

namespace hk::api {

namespace {

// The shift of the path with its need, as far as the caller may know of it; else 404.
ShiftOfNeed load_visible_shift(Services& services, const domain::User& user,
                               const std::string& id) {
  auto shift_id = parse_id(id);
  std::optional<ShiftOfNeed> found;
  services.db.read([&](storage::Connection& c) { found = find_shift_of_need(c, shift_id); });
  if (!found || !domain::can_view_need(&user, found->need)) throw http::not_found();
  return std::move(*found);
}

http::ApiError shift_closed() {
  return http::ApiError(
      409, "shift-closed", {"Anmeldung nicht möglich", "Sign-up not possible"},
      {"Für diese Schicht sind keine Anmeldungen mehr möglich: Sie hat schon begonnen, oder das "
       "Gesuch ist nicht mehr ausgeschrieben.",
       "This shift no longer takes sign-ups: it has started, or the need is no longer open."});
}

http::ApiError already_signed_up() {
  return http::ApiError(409, "already-signed-up", {"Bereits angemeldet", "Already signed up"},
                        {"Sie sind für diese Schicht bereits angemeldet.",
                         "You have already signed up for this shift."});
}

int berlin_year(std::int64_t utc) { return domain::utc_to_berlin(utc).year; }

// The birth year of a join: required when the need has a minimum age, which it must meet.
std::optional<int> birth_year_field(const json::object& body, Fields& fields,
                                    const domain::Need& need, const domain::Shift& shift,
                                    std::int64_t now) {
  const auto* v = body.if_contains("birthYear");
  auto min_age = need.requirements.min_age;
  if (v == nullptr || v->is_null()) {
    if (min_age) {
      fields.add("birthYear", {"Für dieses Gesuch geben Sie bitte Ihr Geburtsjahr an.",
                               "Please enter your year of birth for this need."});
    }
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto year = v->is_number() ? v->to_number<std::int64_t>(ec) : 0;
  auto this_year = berlin_year(now);
  if (!v->is_number() || ec || year < 1900 || year > this_year) {
    auto range = "1900–" + std::to_string(this_year);
    fields.add("birthYear", {"Bitte geben Sie ein Geburtsjahr zwischen " + range + " an.",
                             "Please enter a year of birth between " + range + "."});
    return std::nullopt;
  }
  int birth_year = static_cast<int>(year);
  if (min_age && domain::age_in_year_of(birth_year, shift.starts_at) < *min_age) {
    auto n = std::to_string(*min_age);
    fields.add("birthYear", {"Für dieses Gesuch müssen Sie mindestens " + n + " Jahre alt sein.",
                             "You must be at least " + n + " years old for this need."});
    return std::nullopt;
  }
  return birth_year;
}

bool open_for_joining(const ShiftOfNeed& s, std::int64_t now) {
  return domain::accepts_signups(s.need) && !domain::has_started(s.shift, now);
}

http::Response join(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  require_verified(current.user);
  auto target = load_visible_shift(services, current.user, request.param("id"));
  auto now = services.now();
  if (!open_for_joining(target, now)) throw shift_closed();
  auto body = parse_optional_object(request);
  Fields fields(body);
  domain::Signup signup;
  signup.shift_id = target.shift.id;
  signup.user_id = current.user.id;
  signup.birth_year = birth_year_field(body, fields, target.need, target.shift, now);
  auto message = fields.string("message", {.required = false, .max_length = 1000});
  if (message && !message->empty()) signup.message = message;
  fields.done();

  services.db.write([&](storage::Connection& c) {
    // Read again under the write lock: with several joins waiting for it (on one server or
    // several), times taken before it would not follow the order in which the joins commit,
    // and the waitlist's order (updated_at, then id) must be that order.
    now = services.now();
    // The need or shift may have changed since it was read above.
    auto fresh = find_shift_of_need(c, signup.shift_id);
    if (!fresh) throw http::not_found();
    if (!open_for_joining(*fresh, now)) throw shift_closed();
    if (storage::find_user_signup(c, signup.shift_id, current.user.id)) throw already_signed_up();
    signup.status = fresh->need.signup_mode == "approval"
                        ? "requested"
                        : place_or_waitlist(c, fresh->need, fresh->shift);
    try {
      signup.id = storage::insert_signup(c, signup, now);
    } catch (const storage::ConstraintError&) {
      // A second join that raced past the check above; the place it took rolls back with it.
      throw already_signed_up();
    }
    auto volunteer = storage::find_person(c, current.user.id);
    if (signup.status != "requested" ||
        !mail_help_offer(c, services, fresh->need, fresh->shift, *volunteer, now)) {
      mail_signup_received(c, services, fresh->need, fresh->shift, signup.status, *volunteer, now);
    }
  });
  return json_response(201, {{"id", format_id(signup.id)},
                             {"shiftId", format_id(signup.shift_id)},
                             {"needId", format_id(target.need.id)},
                             {"status", signup.status}});
}

http::Response leave(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto shift_id = parse_id(request.param("id"));
  services.db.write([&](storage::Connection& c) {
    auto signup = storage::find_user_signup(c, shift_id, current.user.id);
    if (!signup) throw http::not_found();
    leave_shift(c, services, *signup, services.now());
    if (auto shift = storage::find_shift(c, shift_id)) {
      unmatch_if_helper_left(c, services, current.user, shift->need_id, services.now());
    }
  });
  return http::Response::no_content();
}

http::Response my_signups(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  bool upcoming = true;
  if (auto when = request.query_param("when"); when && !when->empty()) {
    if (*when != "upcoming" && *when != "past") {
      throw http::validation_failed(
          {{"when", {"Erlaubt sind: upcoming, past.", "Allowed values: upcoming, past."}}});
    }
    upcoming = *when == "upcoming";
  }
  json::array items;
  services.db.read([&](storage::Connection& c) {
    for (const auto& e :
         storage::list_engagements(c, current.user.id, upcoming, services.now(), 200)) {
      items.push_back(encode_engagement(e));
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

http::Response my_hours(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  json::array items;
  services.db.read([&](storage::Connection& c) {
    for (const auto& h : storage::hours_by_organization_year(c, current.user.id)) {
      items.push_back(json::object{
          {"organization",
           json::object{{"id", format_id(h.organization_id)}, {"name", h.organization_name}}},
          {"year", h.year},
          {"hours", hours_json(h.minutes)},
          {"shifts", h.shifts}});
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

// A year as the certificate asks for it.
std::optional<int> parse_year(std::string_view text) {
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || year < 1900 || year > 2200) {
    return std::nullopt;
  }
  return year;
}

std::string berlin_date(std::int64_t utc) {
  auto t = domain::utc_to_berlin(utc);
  return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
}

http::Response my_certificate(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  std::vector<http::FieldError> errors;
  std::optional<std::int64_t> organization_id;
  auto org_param = request.query_param("organizationId");
  if (!org_param || org_param->empty()) {
    errors.push_back(
        {"organizationId", {"Dieses Feld ist erforderlich.", "This field is required."}});
  } else {
    try {
      organization_id = parse_id(std::string(*org_param));
    } catch (const http::ApiError&) {
      errors.push_back({"organizationId", {"Diese Kennung ist ungültig.", "This id is invalid."}});
    }
  }
  std::optional<int> year;
  auto year_param = request.query_param("year");
  if (!year_param || year_param->empty()) {
    errors.push_back({"year", {"Dieses Feld ist erforderlich.", "This field is required."}});
  } else if (!(year = parse_year(*year_param))) {
    errors.push_back({"year",
                      {"Bitte geben Sie ein Jahr zwischen 1900 und 2200 an.",
                       "Please give a year between 1900 and 2200."}});
  }
  if (!errors.empty()) throw http::validation_failed(errors);

  auto from = domain::berlin_local_to_utc(*year, 1, 1, 0, 0);
  auto to = domain::berlin_local_to_utc(*year + 1, 1, 1, 0, 0);
  std::vector<storage::AttendedShift> attended;
  std::optional<domain::Organization> organization;
  std::optional<domain::Municipality> municipality;
  std::optional<storage::Person> person;
  services.db.read([&](storage::Connection& c) {
    attended = storage::list_attended(c, current.user.id, organization_id, from, to);
    if (attended.empty()) return;
    organization = storage::find_organization(c, *organization_id);
    if (organization) municipality = storage::find_municipality(c, organization->municipality_id);
    person = storage::find_person(c, current.user.id);
  });
  if (attended.empty() || !organization || !municipality || !person) throw http::not_found();

  int minutes = 0;
  json::array engagements;
  for (const auto& a : attended) {
    minutes += a.minutes;
    engagements.push_back(json::object{{"date", berlin_date(a.starts_at)},
                                       {"needTitle", a.need_title},
                                       {"hours", hours_json(a.minutes)}});
  }
  return json_response(
      200, {{"person", json::object{{"displayName", person->display_name}}},
            {"organization",
             json::object{{"id", format_id(organization->id)},
                          {"name", organization->name},
                          {"address", organization->address ? json::value(*organization->address)
                                                            : json::value(nullptr)},
                          {"contactEmail", organization->contact_email}}},
            {"municipality",
             json::object{{"id", format_id(municipality->id)}, {"name", municipality->name}}},
            {"year", *year},
            {"hours", hours_json(minutes)},
            {"engagements", std::move(engagements)},
            {"issuedAt", domain::format_rfc3339_utc(services.now())}});
}

}  // namespace

void add_signup_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/shifts/{id}/signups",
             [&services](http::Request& r) { return join(services, r); });
  router.add("DELETE", "/api/v1/shifts/{id}/signups/me",
             [&services](http::Request& r) { return leave(services, r); });
  router.add("GET", "/api/v1/me/signups",
             [&services](http::Request& r) { return my_signups(services, r); });
  router.add("GET", "/api/v1/me/hours",
             [&services](http::Request& r) { return my_hours(services, r); });
  router.add("GET", "/api/v1/me/certificate",
             [&services](http::Request& r) { return my_certificate(services, r); });
}

}  // namespace hk::api
