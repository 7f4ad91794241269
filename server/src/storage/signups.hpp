#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/need.hpp"
#include "domain/signup.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::storage {

// Places. A place is taken only by the conditional UPDATE in take_place, inside the write
// transaction that writes the sign-up, so the database keeps a shift from being overbooked
// however many joins arrive at once (also with several servers on PostgreSQL).
// True when a place was free and is now taken.
bool take_place(Connection& c, std::int64_t shift_id);
void release_place(Connection& c, std::int64_t shift_id);
// Gives `user_id` a confirmed place in the shift, taking it with take_place and confirming
// their sign-up (inserted when they have none). True when they hold a confirmed place
// afterwards, false (nothing changed) when the shift is full.
bool confirm_place(Connection& c, std::int64_t shift_id, std::int64_t user_id, std::int64_t now);

// Moves waitlisted people of the shift up, longest waiting first, while places are free (each
// place taken with take_place). Returns the sign-ups that moved up.
std::vector<domain::Signup> promote_waitlist(Connection& c, std::int64_t shift_id,
                                             std::int64_t now);

// Inserts signup (shift_id, user_id, status, birth_year, message); returns its id. A second
// sign-up of the same person for the same shift raises ConstraintError.
std::int64_t insert_signup(Connection& c, const domain::Signup& signup, std::int64_t now);
std::optional<domain::Signup> find_signup(Connection& c, std::int64_t id);
std::optional<domain::Signup> find_user_signup(Connection& c, std::int64_t shift_id,
                                               std::int64_t user_id);
void delete_signup(Connection& c, std::int64_t id);
void set_signup_status(Connection& c, std::int64_t id, const std::string& status, std::int64_t now);
// attendance "attended" with minutes, or "no_show" without.
void set_attendance(Connection& c, std::int64_t id, const std::string& attendance,
                    std::optional<int> minutes, std::int64_t now);

// The caller's sign-ups for the shifts of one need, by shift id (for `mySignup`).
std::map<std::int64_t, domain::Signup> user_signups_for_need(Connection& c, std::int64_t need_id,
                                                             std::int64_t user_id);

struct Participant {
  domain::Signup signup;
  Person person;  // the volunteer
};
// The sign-ups of a need (or only of one shift) in the given statuses, with the people,
// ordered by shift start and sign-up time. Accounts deleted since are left out.
std::vector<Participant> list_participants(Connection& c, std::int64_t need_id,
                                           const std::vector<std::string>& statuses,
                                           std::optional<std::int64_t> shift_id = std::nullopt);

// One sign-up as its volunteer sees it: the shift and a summary of the need (id, title,
// category, remote, location, status, organisation id and name; no shifts).
struct Engagement {
  domain::Signup signup;
  domain::Shift shift;
  domain::Need need;
};
std::optional<Engagement> find_engagement(Connection& c, std::int64_t signup_id);
// upcoming: shifts not ended, soonest first; else ended ones, latest first. At most `limit`.
std::vector<Engagement> list_engagements(Connection& c, std::int64_t user_id, bool upcoming,
                                         std::int64_t now, int limit);

// Confirmed time: attended sign-ups with their minutes, the shift start, the need's title and
// its organisation, oldest first. Shifts starting in [from, to) when given.
struct AttendedShift {
  std::int64_t organization_id = 0;
  std::string organization_name;
  std::int64_t starts_at = 0;
  std::string need_title;
  int minutes = 0;
};
std::vector<AttendedShift> list_attended(Connection& c, std::int64_t user_id,
                                         std::optional<std::int64_t> organization_id,
                                         std::optional<std::int64_t> from,
                                         std::optional<std::int64_t> to);

// Attended time summed per organisation and Berlin year of the shift start: newest year
// first, then by organisation name.
struct HoursTotal {
  std::int64_t organization_id = 0;
  std::string organization_name;
  int year = 0;
  int minutes = 0;
  int shifts = 0;
};
std::vector<HoursTotal> hours_by_organization_year(Connection& c, std::int64_t user_id);

}  // namespace hk::storage
