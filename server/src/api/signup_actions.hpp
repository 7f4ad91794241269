#pragma once

#include <cstdint>
#include <string>

#include "api/services.hpp"
#include "domain/need.hpp"
#include "domain/signup.hpp"
#include "http/problem.hpp"
#include "storage/database.hpp"

namespace hk::api {

// The volunteer gives up a sign-up (leaving, or cancelling from the reminder link): the row
// goes, a confirmed place is freed and the waitlist moves up (each person who moves up is told
// by mail). 404 when the sign-up is gone, 409 `shift-started` once the shift has begun. Runs
// inside the caller's write transaction.
void leave_shift(storage::Connection& c, const Services& services, const domain::Signup& signup,
                 std::int64_t now);

// A place in `shift` for a join or an accepted request: "confirmed" when one was free (taken
// by the conditional UPDATE), else "waitlisted" when the need keeps a waitlist, else 409
// `shift-full`. Inside the write transaction that stores the sign-up's status.
std::string place_or_waitlist(storage::Connection& c, const domain::Need& need,
                              const domain::Shift& shift);

http::ApiError shift_started_error();

}  // namespace hk::api
