#include "api/help_request_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "api/json.hpp"
#include "domain/berlin_time.hpp"
#include "storage/help_requests.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

json::value point(const std::optional<domain::GeoPoint>& p) {
  if (!p) return nullptr;
  return json::object{{"lat", p->lat}, {"lon", p->lon}};
}

json::value caller(const domain::HelpRequest& r) {
  if (!r.caller) return nullptr;
  return json::object{{"name", r.caller->name},
                      {"phone", r.caller->phone},
                      {"address", text_or_null(r.caller->address)}};
}

json::value when(const domain::HelpRequest& r) {
  if (!r.starts_at || !r.ends_at) return nullptr;
  return json::object{{"start", domain::format_rfc3339_utc(*r.starts_at)},
                      {"end", domain::format_rfc3339_utc(*r.ends_at)}};
}

json::value repeat_until(const domain::HelpRequest& r) {
  if (!r.repeat_until) return nullptr;
  auto d = domain::civil_from_days(*r.repeat_until);
  return json::value(fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day));
}

json::value helper(const domain::HelpRequest& r) {
  if (!r.helper_id) return nullptr;
  return json::object{{"userId", format_id(*r.helper_id)},
                      {"displayName", r.helper_name.value_or("")},
                      {"email", r.helper_email.value_or("")}};
}

// A person's standing across the shifts they offered for: a place counts most, then an open
// offer.
int rank(const std::string& status) {
  if (status == "confirmed") return 3;
  if (status == "requested") return 2;
  if (status == "waitlisted") return 1;
  return 0;
}

// One entry per person who signed up for the request's need, in the order they offered.
json::array offers(storage::Connection& c, const domain::HelpRequest& r) {
  json::array out;
  if (!r.need_id) return out;
  struct Offer {
    storage::Person person;
    std::string status;
    std::optional<std::string> message;
    std::int64_t offered_at = 0;
  };
  std::vector<Offer> list;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& p : storage::list_participants(
           c, *r.need_id, {"confirmed", "waitlisted", "requested", "declined"})) {
    auto [it, fresh] = index.try_emplace(p.person.user_id, list.size());
    if (fresh) {
      list.push_back({p.person, p.signup.status, p.signup.message, p.signup.created_at});
      continue;
    }
    auto& o = list[it->second];
    if (rank(p.signup.status) > rank(o.status)) o.status = p.signup.status;
    if (!o.message && p.signup.message) o.message = p.signup.message;
    o.offered_at = std::min(o.offered_at, p.signup.created_at);
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const Offer& a, const Offer& b) { return a.offered_at < b.offered_at; });
  for (const auto& o : list) {
    out.push_back(json::object{{"userId", format_id(o.person.user_id)},
                               {"displayName", o.person.display_name},
                               {"email", o.person.email},
                               {"status", o.status},
                               {"message", text_or_null(o.message)},
                               {"offeredAt", domain::format_rfc3339_utc(o.offered_at)}});
  }
  return out;
}

}  // namespace

json::object encode_note(const domain::HelpRequestNote& note) {
  return json::object{{"id", format_id(note.id)},
                      {"kind", note.kind},
                      {"text", note.body},
                      {"authorName", note.author_name},
                      {"createdAt", domain::format_rfc3339_utc(note.created_at)}};
}

json::object encode_help_request(const domain::HelpRequest& r) {
  return json::object{{"id", format_id(r.id)},
                      {"municipalityId", format_id(r.municipality_id)},
                      {"status", r.status},
                      {"category", r.category},
                      {"area", r.area},
                      {"summary", text_or_null(r.summary)},
                      {"details", text_or_null(r.details)},
                      {"caller", caller(r)},
                      {"location", point(r.point)},
                      {"publicLocation", point(r.public_point)},
                      {"when", when(r)},
                      {"recurrence", r.recurrence},
                      {"repeatUntil", repeat_until(r)},
                      {"needId", id_or_null(r.need_id)},
                      {"helper", helper(r)},
                      {"createdAt", domain::format_rfc3339_utc(r.created_at)},
                      {"updatedAt", domain::format_rfc3339_utc(r.updated_at)},
                      {"publishedAt", time_or_null(r.published_at)},
                      {"matchedAt", time_or_null(r.matched_at)},
                      {"closedAt", time_or_null(r.closed_at)},
                      {"erasedAt", time_or_null(r.erased_at)}};
}

json::object list_item(const domain::HelpRequest& r, std::optional<std::int64_t> last_note_at) {
  auto out = encode_help_request(r);
  out["offerCount"] = r.offers;
  out["lastNoteAt"] = time_or_null(last_note_at);
  return out;
}

json::object coordinator_view(storage::Connection& c, const domain::HelpRequest& r) {
  auto out = encode_help_request(r);
  out["offers"] = offers(c, r);
  json::array notes;
  for (const auto& n : storage::list_help_request_notes(c, r.id)) notes.push_back(encode_note(n));
  out["notes"] = std::move(notes);
  return out;
}

json::object helper_view(const domain::HelpRequest& r, const domain::Municipality& m,
                         bool with_caller) {
  json::object out{{"id", format_id(r.id)},
                   {"status", r.status},
                   {"category", r.category},
                   {"area", r.area},
                   {"summary", text_or_null(r.summary)}};
  if (with_caller) {
    out["details"] = text_or_null(r.details);
    out["caller"] = caller(r);
  }
  out["when"] = when(r);
  out["recurrence"] = r.recurrence;
  out["repeatUntil"] = repeat_until(r);
  out["needId"] = id_or_null(r.need_id);
  out["hotlinePhone"] = text_or_null(m.hotline_phone);
  out["municipalityName"] = m.name;
  return out;
}

}  // namespace hk::api
