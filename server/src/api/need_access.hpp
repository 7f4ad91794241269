#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "api/session.hpp"
#include "domain/account.hpp"
#include "domain/need.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// The need with this id, or 404. Whether the caller may see it is the handler's question.
domain::Need load_need(Services& services, std::int64_t id);
// The same inside the caller's transaction: a write decides on the need as it is now, not as
// it was read before.
domain::Need load_need(storage::Connection& c, std::int64_t id);

struct ShiftOfNeed {
  domain::Need need;
  domain::Shift shift;
};
// The shift and its need, or nullopt when either is gone.
std::optional<ShiftOfNeed> find_shift_of_need(storage::Connection& c, std::int64_t shift_id);

// Paths of the web app, for links in mails and calendars: the public page of a need and the
// group's page for managing it.
std::string need_path(std::int64_t need_id);
std::string group_need_path(const domain::Need& need);

// 404 unless `user` may see the need, 403 unless they may manage the group's needs.
void require_need_manager(const domain::User* user, const domain::Need& need);
// A request on the need (or shift) named by {id} in the path: the caller and that id. 401
// unless signed in, then as above for the need.
struct ManagerRequest {
  CurrentUser current;
  std::int64_t id = 0;
};
ManagerRequest require_need_manager(Services& services, const http::Request& request);

// 409 `need-closed`: a cancelled, completed or rejected need no longer changes.
http::ApiError need_closed_error();

// The need as the API answers it for `user`, read after the change was committed.
http::Response need_response(Services& services, int status, const domain::User* user,
                             std::int64_t need_id);

// The people signed up (confirmed, waitlisted or requested) for the shifts of the need that
// have not started, once each, or only for one shift.
std::vector<storage::Person> participants_to_come(storage::Connection& c, const domain::Need& need,
                                                  std::int64_t now);
std::vector<storage::Person> shift_participants(storage::Connection& c, const domain::Need& need,
                                                std::int64_t shift_id);

}  // namespace hk::api
