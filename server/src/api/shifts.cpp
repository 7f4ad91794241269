#include "api/access.hpp"
#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/need_fields.hpp"
#include "api/person_mail.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "api/signup_actions.hpp"
#include "api/signup_mail.hpp"
#include "jobs/repetitions.hpp"
#include "mail/outbox.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

// The shift and its need as they are inside the caller's transaction; 404 when either is gone.
ShiftOfNeed load_shift(storage::Connection& c, std::int64_t shift_id) {
  auto found = find_shift_of_need(c, shift_id);
  if (!found) throw http::not_found();
  return std::move(*found);
}

ShiftOfNeed load_shift(Services& services, std::int64_t shift_id) {
  std::optional<ShiftOfNeed> found;
  services.db.read([&](storage::Connection& c) { found = load_shift(c, shift_id); });
  return std::move(*found);
}

// As require_need_manager, for the need of the shift named by {id} in the path.
ManagerRequest require_shift_manager(Services& services, const http::Request& request) {
  auto current = require_user(services, request);
  auto shift_id = parse_id(request.param("id"));
  require_need_manager(&current.user, load_shift(services, shift_id).need);
  return {std::move(current), shift_id};
}

// A shift that has begun keeps its time and place: people are on their way or there.
void require_changeable(const ShiftOfNeed& l, std::int64_t now) {
  if (!domain::is_open_for_changes(l.need)) throw need_closed_error();
  if (domain::has_started(l.shift, now)) throw shift_started_error();
}

void mail_participants(storage::Connection& c, const Services& services, const ShiftOfNeed& l,
                       const std::string& template_id, std::int64_t now) {
  for (const auto& p : shift_participants(c, l.need, l.shift.id)) {
    std::map<std::string, std::string> params{{"need", l.need.title},
                                              {"when", shift_when(l.shift, p.language)}};
    if (template_id == "shift_changed") params["link"] = web_link(services, need_path(l.need.id));
    mail::enqueue(c, mail_to(p, template_id, params), now);
  }
}

http::Response add(Services& services, http::Request& request) {
  auto [current, need_id] = require_need_manager(services, request);
  auto body = parse_object(request);
  auto now = services.now();
  Fields fields(body);
  auto shift = read_new_shift(fields, body, now);
  fields.done();  // without a shift its problem is in `fields`, so this throws
  services.db.write([&](storage::Connection& c) {
    auto need = load_need(c, need_id);
    if (!domain::is_open_for_changes(need)) throw need_closed_error();
    int originals = 0;
    for (const auto& s : need.shifts) originals += s.week == 0;
    if (originals >= domain::max_need_shifts) {
      auto n = std::to_string(domain::max_need_shifts);
      throw http::ApiError(409, "too-many-shifts", {"Zu viele Schichten", "Too many shifts"},
                           {"Ein Gesuch hat höchstens " + n + " Schichten.",
                            "A need has at most " + n + " shifts."});
    }
    storage::insert_shift(c, need_id, *shift, now);
    storage::touch_need(c, need_id, now);
    if (need.repeat_weekly) jobs::generate_repetitions(c, need_id, now);
  });
  return need_response(services, 201, &current.user, need_id);
}

http::Response update(Services& services, http::Request& request) {
  auto [current, shift_id] = require_shift_manager(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto in = read_shift_input(fields, body, false);
  fields.done();
  auto now = services.now();
  std::int64_t need_id = 0;
  services.db.write([&](storage::Connection& c) {
    auto before = load_shift(c, shift_id);
    need_id = before.need.id;
    require_changeable(before, now);
    auto after = before;
    after.shift.starts_at = in.start.value_or(before.shift.starts_at);
    after.shift.ends_at = in.end.value_or(before.shift.ends_at);
    after.shift.capacity = in.capacity.value_or(before.shift.capacity);
    bool moved = after.shift.starts_at != before.shift.starts_at ||
                 after.shift.ends_at != before.shift.ends_at;
    if (moved) {
      Fields times(body);
      check_shift(times, after.shift, now);
      times.done();
    }
    if (!storage::update_shift(c, after.shift)) {
      throw http::ApiError(
          409, "capacity-below-taken", {"Zu wenige Plätze", "Too few places"},
          {"So viele Personen haben schon einen Platz. Bitte wählen Sie mindestens " +
               std::to_string(before.shift.taken) + " Plätze.",
           "That many people already have a place. Please choose at least " +
               std::to_string(before.shift.taken) + " places."});
    }
    if (after.shift.capacity > before.shift.capacity) {
      auto promoted = storage::promote_waitlist(c, shift_id, now);
      if (!promoted.empty()) {
        after.shift.taken += static_cast<int>(promoted.size());
        notify_promoted(c, services, after.need, after.shift, promoted, now);
      }
    }
    if (moved) {
      storage::touch_need(c, need_id, now);
      mail_participants(c, services, after, "shift_changed", now);
    }
  });
  return need_response(services, 200, &current.user, need_id);
}

http::Response remove(Services& services, http::Request& request) {
  auto [current, shift_id] = require_shift_manager(services, request);
  auto now = services.now();
  std::int64_t need_id = 0;
  services.db.write([&](storage::Connection& c) {
    auto l = load_shift(c, shift_id);
    need_id = l.need.id;
    require_changeable(l, now);
    int to_come = 0;
    for (const auto& s : l.need.shifts) to_come += !domain::has_started(s, now);
    if (to_come <= 1) {
      throw http::ApiError(409, "last-shift", {"Letzte Schicht", "Last shift"},
                           {"Das ist die letzte anstehende Schicht dieses Gesuchs. Bitte sagen "
                            "Sie das Gesuch stattdessen ab.",
                            "This is the last upcoming shift of this need. Please cancel the "
                            "need instead."});
    }
    mail_participants(c, services, l, "shift_cancelled", now);
    storage::delete_shift(c, shift_id);
    storage::touch_need(c, need_id, now);
  });
  return need_response(services, 200, &current.user, need_id);
}

}  // namespace

void add_shift_routes(http::Router& router, Services& services) {
  router.add("POST", "/api/v1/needs/{id}/shifts",
             [&services](http::Request& r) { return add(services, r); });
  router.add("PATCH", "/api/v1/shifts/{id}",
             [&services](http::Request& r) { return update(services, r); });
  router.add("DELETE", "/api/v1/shifts/{id}",
             [&services](http::Request& r) { return remove(services, r); });
}

}  // namespace hk::api
