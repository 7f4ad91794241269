#include "api/signup_json.hpp"

#include "api/json.hpp"
#include "api/need_json.hpp"
#include "domain/berlin_time.hpp"

namespace hk::api {

json::value hours_json(std::optional<int> minutes) {
  if (!minutes) return nullptr;
  // Whole hours as integers, so clients see 2 rather than 2.0.
  if (*minutes % 60 == 0) return json::value(std::int64_t{*minutes / 60});
  return json::value(*minutes / 60.0);
}

json::object encode_engagement(const storage::Engagement& e) {
  const auto& s = e.signup;
  return json::object{
      {"id", format_id(s.id)},
      {"status", s.status},
      {"attendance", text_or_null(s.attendance)},
      {"hours", hours_json(s.minutes)},
      {"shift", json::object{{"id", format_id(e.shift.id)},
                             {"start", domain::format_rfc3339_utc(e.shift.starts_at)},
                             {"end", domain::format_rfc3339_utc(e.shift.ends_at)}}},
      {"need", json::object{{"id", format_id(e.need.id)},
                            {"title", e.need.title},
                            {"category", e.need.category},
                            {"remote", e.need.remote},
                            {"location", encode_need_location(e.need)},
                            {"status", e.need.status},
                            {"organization", json::object{{"id", format_id(e.need.organization_id)},
                                                          {"name", e.need.organization_name}}}}},
      {"createdAt", domain::format_rfc3339_utc(s.created_at)}};
}

json::object encode_participant(const storage::Participant& p,
                                std::optional<std::int64_t> shift_id) {
  const auto& s = p.signup;
  json::object out{
      {"signupId", format_id(s.id)},
      {"userId", format_id(p.person.user_id)},
      {"displayName", p.person.display_name},
      {"email", p.person.email},
      {"status", s.status},
      {"birthYear", s.birth_year ? json::value(std::int64_t{*s.birth_year}) : json::value(nullptr)},
      {"message", text_or_null(s.message)},
      {"attendance", text_or_null(s.attendance)},
      {"hours", hours_json(s.minutes)},
      {"reconfirmedAt", time_or_null(s.reconfirmed_at)},
      {"createdAt", domain::format_rfc3339_utc(s.created_at)}};
  if (shift_id) out["shiftId"] = format_id(*shift_id);
  return out;
}

}  // namespace hk::api
