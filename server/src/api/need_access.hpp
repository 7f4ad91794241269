#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "domain/account.hpp"
#include "domain/need.hpp"
#include "http/problem.hpp"
#include "http/response.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// The need with this id, or 404. Whether the caller may see it is the handler's question.
domain::Need load_need(Services& services, std::int64_t id);

// 404 unless `user` may see the need, 403 unless they may manage the group's needs.
void require_need_manager(const domain::User* user, const domain::Need& need);

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
