#include "api/signup_actions.hpp"

#include "api/signup_mail.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

http::ApiError shift_started_error() {
  return http::ApiError(409, "shift-started", {"Schicht hat begonnen", "Shift has started"},
                        {"Diese Schicht hat bereits begonnen; daran lässt sich nichts mehr ändern.",
                         "This shift has already started; it can no longer be changed."});
}

void leave_shift(storage::Connection& c, const Services& services, const domain::Signup& signup,
                 std::int64_t now) {
  // The caller may have read the sign-up before this transaction; its status now counts.
  auto current = storage::find_signup(c, signup.id);
  if (!current) throw http::not_found();
  auto shift = storage::find_shift(c, current->shift_id);
  if (!shift) throw http::not_found();
  if (domain::has_started(*shift, now)) throw shift_started_error();
  storage::delete_signup(c, current->id);
  if (current->status != "confirmed") return;
  storage::release_place(c, shift->id);
  auto need = storage::find_need(c, shift->need_id);
  // A cancelled or finished need hands out no places, not even to its waitlist.
  if (!need || !domain::accepts_signups(*need)) return;
  auto promoted = storage::promote_waitlist(c, shift->id, now);
  notify_promoted(c, services, *need, *shift, promoted, now);
}

std::string place_or_waitlist(storage::Connection& c, const domain::Need& need,
                              const domain::Shift& shift) {
  if (storage::take_place(c, shift.id)) return "confirmed";
  if (need.waitlist) return "waitlisted";
  throw http::ApiError(409, "shift-full", {"Schicht ist voll", "Shift is full"},
                       {"Alle Plätze dieser Schicht sind vergeben, und das Gesuch führt keine "
                        "Warteliste.",
                        "All places in this shift are taken, and the need keeps no waitlist."});
}

}  // namespace hk::api
