#include "api/signup_mail.hpp"

#include <fmt/format.h>

#include <array>
#include <set>

#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/need_calendar.hpp"
#include "api/person_mail.hpp"
#include "domain/berlin_time.hpp"
#include "mail/outbox.hpp"
#include "storage/organizations.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

constexpr std::array<const char*, 7> weekdays_de{"Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."};
constexpr std::array<const char*, 7> weekdays_en{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 12> months_en{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string day_text(const domain::LocalTime& t, bool de) {
  if (de)
    return fmt::format("{} {:02}.{:02}.{}", weekdays_de[t.weekday - 1], t.day, t.month, t.year);
  return fmt::format("{} {} {} {}", weekdays_en[t.weekday - 1], t.day, months_en[t.month - 1],
                     t.year);
}

std::string clock_text(const domain::LocalTime& t) {
  return fmt::format("{:02}:{:02}", t.hour, t.minute);
}

std::string need_link(const Services& services, const domain::Need& need) {
  return web_link(services, need_path(need.id));
}

// The .ics of the shift, so the place lands in the person's calendar with one click.
mail::Attachment calendar_attachment(const Services& services, const domain::Need& need,
                                     const domain::Shift& shift) {
  return {"einsatz-" + format_id(shift.id) + ".ics", "text/calendar; charset=utf-8; method=PUBLISH",
          engagement_calendar(services, need, shift)};
}

// A mail that gives the volunteer a place: confirmed, accepted or moved up.
void mail_place(storage::Connection& c, const Services& services, const std::string& template_id,
                const domain::Need& need, const domain::Shift& shift,
                const storage::Person& volunteer, std::int64_t now) {
  auto m = mail_to(volunteer, template_id,
                   {{"need", need.title},
                    {"organization", need.organization_name},
                    {"when", shift_when(shift, volunteer.language)},
                    {"place", need_place(need, volunteer.language)},
                    {"link", need_link(services, need)}});
  m.attachment = calendar_attachment(services, need, shift);
  mail::enqueue(c, m, now);
}

// A mail without a place: waitlisted or requested.
void mail_waiting(storage::Connection& c, const Services& services, const std::string& template_id,
                  const domain::Need& need, const domain::Shift& shift,
                  const storage::Person& volunteer, std::int64_t now) {
  mail::enqueue(c,
                mail_to(volunteer, template_id,
                        {{"need", need.title},
                         {"when", shift_when(shift, volunteer.language)},
                         {"link", need_link(services, need)}}),
                now);
}

// How to reach the group about the need: the contact of the need, else the group's address.
std::string contact_text(storage::Connection& c, const domain::Need& need, bool de) {
  std::string out;
  if (need.contact.name) out += *need.contact.name + "\n";
  if (need.contact.phone) out += (de ? "Telefon: " : "Phone: ") + *need.contact.phone + "\n";
  auto email = need.contact.email;
  if (!email) {
    if (auto o = storage::find_organization(c, need.organization_id)) email = o->contact_email;
  }
  if (email) out += (de ? "E-Mail: " : "E-mail: ") + *email + "\n";
  return out;
}

}  // namespace

std::string shift_when(const domain::Shift& shift, const std::string& language) {
  bool de = language != "en";
  auto start = domain::utc_to_berlin(shift.starts_at);
  auto end = domain::utc_to_berlin(shift.ends_at);
  bool same_day = start.year == end.year && start.month == end.month && start.day == end.day;
  if (de) {
    if (same_day) {
      return day_text(start, true) + ", " + clock_text(start) + "–" + clock_text(end) + " Uhr";
    }
    return day_text(start, true) + ", " + clock_text(start) + " Uhr – " + day_text(end, true) +
           ", " + clock_text(end) + " Uhr";
  }
  if (same_day) {
    return day_text(start, false) + ", " + clock_text(start) + "–" + clock_text(end) +
           " (Berlin time)";
  }
  return day_text(start, false) + ", " + clock_text(start) + " – " + day_text(end, false) + ", " +
         clock_text(end) + " (Berlin time)";
}

std::string need_place(const domain::Need& need, const std::string& language) {
  bool de = language != "en";
  if (need.remote || !need.location) return de ? "telefonisch / online" : "by phone / online";
  const auto& l = *need.location;
  if (l.address && l.place_name) return *l.address + ", " + *l.place_name;
  if (l.address) return *l.address;
  if (l.place_name) return *l.place_name;
  return de ? "siehe Karte auf der Seite des Gesuchs" : "see the map on the need's page";
}

void notify_promoted(storage::Connection& c, const Services& services, const domain::Need& need,
                     const domain::Shift& shift, const std::vector<domain::Signup>& promoted,
                     std::int64_t now) {
  for (const auto& signup : promoted) {
    if (!signup.user_id) continue;
    if (auto person = storage::find_person(c, *signup.user_id)) {
      mail_place(c, services, "signup_promoted", need, shift, *person, now);
    }
  }
}

void mail_signup_received(storage::Connection& c, const Services& services,
                          const domain::Need& need, const domain::Shift& shift,
                          const std::string& status, const storage::Person& volunteer,
                          std::int64_t now) {
  if (status == "confirmed") {
    mail_place(c, services, "signup_confirmed", need, shift, volunteer, now);
    return;
  }
  if (status == "waitlisted") {
    mail_waiting(c, services, "signup_waitlisted", need, shift, volunteer, now);
    return;
  }
  mail_waiting(c, services, "signup_requested", need, shift, volunteer, now);
  auto link = web_link(services, group_need_path(need));
  for (const auto& manager : storage::group_admins_and(c, need.organization_id, need.created_by)) {
    mail::enqueue(c,
                  mail_to(manager, "signup_request_received",
                          {{"volunteer", volunteer.display_name},
                           {"need", need.title},
                           {"when", shift_when(shift, manager.language)},
                           {"link", link}}),
                  now);
  }
}

void mail_request_accepted(storage::Connection& c, const Services& services,
                           const domain::Need& need, const domain::Shift& shift,
                           const std::string& status, const storage::Person& volunteer,
                           std::int64_t now) {
  if (status == "confirmed") {
    mail_place(c, services, "signup_accepted", need, shift, volunteer, now);
  } else {
    mail_waiting(c, services, "signup_waitlisted", need, shift, volunteer, now);
  }
}

void mail_signup_declined(storage::Connection& c, const Services& services,
                          const domain::Need& need, const domain::Shift& shift,
                          const storage::Person& volunteer, const std::string& reason,
                          std::int64_t now) {
  bool de = volunteer.language != "en";
  std::string reason_text;
  if (!reason.empty()) {
    reason_text = (de ? "Die Gruppe schreibt dazu:\n\n" : "The group adds:\n\n") + reason + "\n\n";
  }
  mail::enqueue(c,
                mail_to(volunteer, "signup_declined",
                        {{"need", need.title},
                         {"when", shift_when(shift, volunteer.language)},
                         {"reason", reason_text}}),
                now);
}

int mail_need_message(storage::Connection& c, const Services& services, const domain::Need& need,
                      const std::string& subject, const std::string& body, std::int64_t now) {
  std::set<std::int64_t> reached;
  for (const auto& shift : need.shifts) {
    if (shift.ends_at <= now) continue;
    for (const auto& p :
         storage::list_participants(c, need.id, {"confirmed", "waitlisted"}, shift.id)) {
      // Someone in several shifts gets the message once.
      if (!reached.insert(p.person.user_id).second) continue;
      bool de = p.person.language != "en";
      mail::enqueue(c,
                    mail_to(p.person, "need_message",
                            {{"need", need.title},
                             {"organization", need.organization_name},
                             {"subject", subject},
                             {"body", body},
                             {"contact", contact_text(c, need, de)}}),
                    now);
    }
  }
  return static_cast<int>(reached.size());
}

}  // namespace hk::api
