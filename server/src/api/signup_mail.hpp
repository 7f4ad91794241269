#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "domain/need.hpp"
#include "domain/signup.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// The mails around sign-ups. Each is written to the outbox inside the caller's transaction,
// in the recipient's language.

// The time of a shift in Berlin time as mails write it: "Sa., 28.11.2026, 10:00–14:00 Uhr" /
// "Sat 28 Nov 2026, 10:00–14:00 (Berlin time)"; a shift past midnight names both days.
std::string shift_when(const domain::Shift& shift, const std::string& language);
// Where the need takes place: address and place name, or "telefonisch / online".
std::string need_place(const domain::Need& need, const std::string& language);

// Tells each person who moved up from the waitlist of `shift` that they now have a place
// (with the .ics), inside the caller's transaction.
void notify_promoted(storage::Connection& c, const Services& services, const domain::Need& need,
                     const domain::Shift& shift, const std::vector<domain::Signup>& promoted,
                     std::int64_t now);

// The answer to a sign-up in the status it got: confirmed (with the .ics), waitlisted or
// requested; a request is also announced to the group's admins and the need's creator.
void mail_signup_received(storage::Connection& c, const Services& services,
                          const domain::Need& need, const domain::Shift& shift,
                          const std::string& status, const storage::Person& volunteer,
                          std::int64_t now);
// The group accepted a request: a place (with the .ics) or, when the shift filled up in the
// meantime, a place on the waitlist.
void mail_request_accepted(storage::Connection& c, const Services& services,
                           const domain::Need& need, const domain::Shift& shift,
                           const std::string& status, const storage::Person& volunteer,
                           std::int64_t now);
void mail_signup_declined(storage::Connection& c, const Services& services,
                          const domain::Need& need, const domain::Shift& shift,
                          const storage::Person& volunteer, const std::string& reason,
                          std::int64_t now);
// A message of the group to every confirmed or waitlisted participant of the shifts not ended
// (one mail per person); returns how many people it goes to.
int mail_need_message(storage::Connection& c, const Services& services, const domain::Need& need,
                      const std::string& subject, const std::string& body, std::int64_t now);

}  // namespace hk::api
