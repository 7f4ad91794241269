#include "api/need_access.hpp"

#include <set>

#include "api/access.hpp"
#include "api/json.hpp"
#include "api/need_json.hpp"
#include "domain/permissions.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

const std::vector<std::string> participating = {"confirmed", "waitlisted", "requested"};

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
  services.db.read([&](storage::Connection& c) { found = storage::find_need(c, id); });
  if (!found) throw http::not_found();
  return std::move(*found);
}

void require_need_manager(const domain::User* user, const domain::Need& need) {
  if (!domain::can_view_need(user, need)) throw http::not_found();
  if (!domain::can_manage_needs(user, need.organization_id)) throw http::forbidden();
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
  for (auto& p : storage::list_participants(c, need.id, participating)) {
    if (to_come.contains(p.signup.shift_id)) selected.push_back(std::move(p));
  }
  return people(selected);
}

std::vector<storage::Person> shift_participants(storage::Connection& c, const domain::Need& need,
                                                std::int64_t shift_id) {
  return people(storage::list_participants(c, need.id, participating, shift_id));
}

}  // namespace hk::api
