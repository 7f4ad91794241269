#include "api/need_json.hpp"

#include <cstdio>

#include "api/json.hpp"
#include "domain/berlin_time.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

// "2027-03-31" for a day count since the epoch.
std::string format_day(std::int64_t days) {
  auto d = domain::civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(d.year), d.month,
                d.day);
  return buf;
}

}  // namespace

json::value encode_need_location(const domain::Need& need) {
  if (need.remote || !need.location) return nullptr;
  const auto& l = *need.location;
  return json::object{{"lat", l.point.lat},
                      {"lon", l.point.lon},
                      {"address", text_or_null(l.address)},
                      {"placeName", text_or_null(l.place_name)}};
}

json::object encode_shift(const domain::Shift& shift, const domain::Signup* mine,
                          std::int64_t now) {
  json::value my_signup = nullptr;
  if (mine) my_signup = json::object{{"id", format_id(mine->id)}, {"status", mine->status}};
  return {
      {"id", format_id(shift.id)},
      {"start", domain::format_rfc3339_utc(shift.starts_at)},
      {"end", domain::format_rfc3339_utc(shift.ends_at)},
      {"capacity", shift.capacity},
      {"taken", shift.taken},
      {"waitlisted", shift.waitlisted},
      {"requested", shift.requested},
      {"placesLeft", domain::places_left(shift)},
      {"full", domain::is_full(shift)},
      {"started", domain::has_started(shift, now)},
      {"mySignup", std::move(my_signup)},
  };
}

json::object encode_need(const domain::Need& need,
                         const std::map<std::int64_t, domain::Signup>& mine, std::int64_t now) {
  json::array shifts;
  for (const auto& s : need.shifts) {
    auto it = mine.find(s.id);
    shifts.push_back(encode_shift(s, it == mine.end() ? nullptr : &it->second, now));
  }
  const auto& r = need.requirements;
  json::value recurrence = nullptr;
  if (need.repeat_weekly) {
    recurrence = json::object{
        {"weekly", true},
        {"until", need.repeat_until ? json::value(format_day(*need.repeat_until)) : nullptr}};
  }
  return {
      {"id", format_id(need.id)},
      {"organization", {{"id", format_id(need.organization_id)}, {"name", need.organization_name}}},
      {"municipalityId", format_id(need.municipality_id)},
      {"title", need.title},
      {"description", need.description},
      {"category", need.category},
      {"remote", need.remote},
      {"location", encode_need_location(need)},
      {"requirements",
       {{"minAge", r.min_age ? json::value(*r.min_age) : json::value(nullptr)},
        {"drivingLicence", r.driving_licence},
        {"conductCertificate", r.conduct_certificate}}},
      {"signupMode", need.signup_mode},
      {"waitlist", need.waitlist},
      {"contact",
       {{"name", text_or_null(need.contact.name)},
        {"phone", text_or_null(need.contact.phone)},
        {"email", need.contact.email.value_or(need.organization_contact_email)}}},
      {"recurrence", std::move(recurrence)},
      {"status", need.status},
      {"statusReason", text_or_null(need.status_reason)},
      {"shifts", std::move(shifts)},
      {"placesLeft", domain::places_left(need, now)},
      {"covered", domain::is_covered(need, now)},
      {"createdAt", domain::format_rfc3339_utc(need.created_at)},
      {"updatedAt", domain::format_rfc3339_utc(need.updated_at)},
  };
}

json::object need_json(storage::Connection& c, const domain::Need& need, const domain::User* user,
                       std::int64_t now) {
  std::map<std::int64_t, domain::Signup> mine;
  if (user) mine = storage::user_signups_for_need(c, need.id, user->id);
  return encode_need(need, mine, now);
}

}  // namespace hk::api
