#include "api/need_access.hpp"

#include <set>

#include "api/access.hpp"
#include "api/json.hpp"
#include "api/need_json.hpp"
#include "domain/permissions.hpp"
#include "domain/signup.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

// Once per person, in the order given.
std::vector<storage::Person> people(const std::vector<storage::Participant>& participants) {
  std::vector<storage::Person> out;
  std::set<std::int64_t> seen;
  for (const auto& p : participants) {
    if (seen.insert(p.person.user_id).second) out.push_back(p.person);
  }
  return out;
}

}  // namespace

domain::Need load_need(Services& services, std::int64_t id) {
  std::optional<domain::Need> found;
  services.db.read([&](storage::Connection& c) { found = load_need(c, id); });
  return std::move(*found);
}

domain::Need load_need(storage::Connection& c, std::int64_t id) {
  auto need = storage::find_need(c, id);
  if (!need) throw http::not_found();
  return std::move(*need);
}

std::optional<ShiftOfNeed> find_shift_of_need(storage::Connection& c, std::int64_t shift_id) {
  auto shift = storage::find_shift(c, shift_id);
  if (!shift) return std::nullopt;
  auto need = storage::find_need(c, shift->need_id);
  if (!need) return std::nullopt;
  return ShiftOfNeed{std::move(*need), std::move(*shift)};
}

std::string need_path(std::int64_t need_id) { return "/gesuche/" + format_id(need_id); }

std::string group_need_path(const domain::Need& need) {
  return "/organisationen/" + format_id(need.organization_id) + need_path(need.id);
}

void require_need_manager(const domain::User* user, const domain::Need& need) {
  if (!domain::can_view_need(user, need)) throw http::not_found();
  if (!domain::can_manage_needs(user, need.organization_id)) throw http::forbidden();
}

ManagerRequest require_need_manager(Services& services, const http::Request& request) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  require_need_manager(&current.user, load_need(services, id));
  return {std::move(current), id};
}

http::ApiError need_closed_error() {
  return http::ApiError(409, "need-closed", {"Gesuch abgeschlossen", "Need closed"},
                        {"Ein abgesagtes, abgeschlossenes oder abgelehntes Gesuch lässt sich "
                         "nicht mehr ändern.",
                         "A cancelled, completed or rejected need can no longer be changed."});
}

http::Response need_response(Services& services, int status, const domain::User* user,
                             std::int64_t need_id) {
  json::object body;
  services.db.read([&](storage::Connection& c) {
    auto need = storage::find_need(c, need_id);
    if (!need) throw http::not_found();
    body = need_json(c, *need, user, services.now());
  });
  return json_response(status, body);
}

std::vector<storage::Person> participants_to_come(storage::Connection& c, const domain::Need& need,
                                                  std::int64_t now) {
  std::set<std::int64_t> to_come;
  for (const auto& s : need.shifts) {
    if (!domain::has_started(s, now)) to_come.insert(s.id);
  }
  std::vector<storage::Participant> selected;
  for (auto& p : storage::list_participants(c, need.id, domain::participating_statuses())) {
    if (to_come.contains(p.signup.shift_id)) selected.push_back(std::move(p));
  }
  return people(selected);
}

std::vector<storage::Person> shift_participants(storage::Connection& c, const domain::Need& need,
                                                std::int64_t shift_id) {
  return people(storage::list_participants(c, need.id, domain::participating_statuses(), shift_id));
}

}  // namespace hk::api
