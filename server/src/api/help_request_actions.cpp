#include "api/help_request_actions.hpp"

#include <map>
#include <set>
#include <vector>

#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "api/person_mail.hpp"
#include "api/signup_mail.hpp"
#include "jobs/repetitions.hpp"
#include "mail/outbox.hpp"
#include "storage/audit.hpp"
#include "storage/help_requests.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::api {

namespace {

const std::vector<std::string> every_status{"confirmed", "waitlisted", "requested", "declined"};

std::string request_path(std::int64_t id) { return "/hilfeanfragen/" + format_id(id); }
std::string coordination_path(std::int64_t id) {
  return "/koordination/hilfetelefon/" + format_id(id);
}

std::set<std::int64_t> shifts_to_come(const domain::Need& need, std::int64_t now) {
  std::set<std::int64_t> ids;
  for (const auto& s : need.shifts) {
    if (!domain::has_started(s, now)) ids.insert(s.id);
  }
  return ids;
}

// The request's need as it is now; a request that lost its need (deleted with its group) can
// no longer be staffed.
domain::Need need_of(storage::Connection& c, const domain::HelpRequest& request) {
  std::optional<domain::Need> need;
  if (request.need_id) need = storage::find_need(c, *request.need_id);
  if (!need) {
    throw http::ApiError(409, "help-request-state", {"Nicht möglich", "Not possible"},
                         {"Das Gesuch dieser Hilfeanfrage gibt es nicht mehr.",
                          "The need of this help request no longer exists."});
  }
  return std::move(*need);
}

// The person's sign-ups for shifts to come end as `declined`, their places freed.
void decline_places_to_come(storage::Connection& c, const domain::Need& need, std::int64_t user_id,
                            std::int64_t now) {
  auto to_come = shifts_to_come(need, now);
  for (const auto& p : storage::list_participants(c, need.id, every_status)) {
    if (p.person.user_id != user_id || !to_come.contains(p.signup.shift_id)) continue;
    if (p.signup.status == "declined") continue;
    if (p.signup.status == "confirmed") storage::release_place(c, p.signup.shift_id);
    storage::set_signup_status(c, p.signup.id, "declined", now);
  }
}

// The first time of the request as mails write it, with how often it recurs.
std::string when_text(const domain::HelpRequest& request, const std::string& language) {
  if (!request.starts_at || !request.ends_at)
    return language == "en" ? "to be agreed" : "nach Absprache";
  domain::Shift first;
  first.starts_at = *request.starts_at;
  first.ends_at = *request.ends_at;
  auto text = shift_when(first, language);
  bool de = language != "en";
  if (request.recurrence == "weekly") text += de ? ", jede Woche" : ", every week";
  if (request.recurrence == "daily") text += de ? ", täglich" : ", daily";
  return text;
}

std::string hotline_text(const domain::Municipality& m, bool de) {
  if (m.hotline_phone) {
    return de ? "Wenn Sie doch nicht helfen können, rufen Sie bitte das Hilfetelefon an:\n" +
                    *m.hotline_phone
              : "If you cannot help after all, please call the hotline:\n" + *m.hotline_phone;
  }
  return de ? "Wenn Sie doch nicht helfen können, sagen Sie bitte der Koordination\nBescheid."
            : "If you cannot help after all, please let the coordinators know.";
}

// The one mail with the caller's contact: to the matched helper, marked with the request so
// that the erasure removes it from the outbox too.
void mail_matched(storage::Connection& c, const Services& services, const domain::User& actor,
                  const domain::HelpRequest& request, const domain::Need& need,
                  const storage::Person& helper, std::int64_t now) {
  auto m = storage::find_municipality(c, request.municipality_id);
  if (!m || !request.caller) return;
  bool de = helper.language != "en";
  const auto& caller = *request.caller;
  std::string address;
  if (caller.address) address = (de ? "Adresse: " : "Address: ") + *caller.address + "\n";
  std::string details;
  if (request.details) {
    details = (de ? "\nHinweise der Koordination:\n" : "\nNotes from the coordinators:\n") +
              *request.details + "\n";
  }
  auto mail = mail_to(helper, "help_request_matched",
                      {{"need", need.title},
                       {"area", request.area},
                       {"when", when_text(request, helper.language)},
                       {"caller_name", caller.name},
                       {"caller_phone", caller.phone},
                       {"caller_address", address},
                       {"details", details},
                       {"hotline", hotline_text(*m, de)},
                       {"link", web_link(services, request_path(request.id))}});
  mail.help_request_id = request.id;
  mail::enqueue(c, mail, now);
  storage::append_audit(c, help_request_audit(actor, request, "help_request.caller_sent", now));
}

void mail_plain(storage::Connection& c, const storage::Person& to, const std::string& template_id,
                std::map<std::string, std::string> params, std::int64_t now) {
  mail::enqueue(c, mail_to(to, template_id, std::move(params)), now);
}

void mail_coordinators(storage::Connection& c, const Services& services,
                       const domain::HelpRequest& request, const std::string& template_id,
                       const std::string& volunteer, const std::string& need_title,
                       std::int64_t now) {
  auto link = web_link(services, coordination_path(request.id));
  for (const auto& p :
       storage::role_holders(c, {"coordinator"}, {request.municipality_id, std::nullopt})) {
    mail_plain(c, p, template_id, {{"volunteer", volunteer}, {"need", need_title}, {"link", link}},
               now);
  }
}

std::string outcome_text(const std::string& outcome, bool de) {
  if (outcome == "done") {
    return de ? "Die Hilfe ist erledigt. Vielen Dank, dass Sie geholfen haben!"
              : "The help is done. Thank you very much for helping!";
  }
  return de ? "Diese Hilfe wird nicht mehr gebraucht. Vielen Dank, dass Sie helfen\nwollten!"
            : "This help is no longer needed. Thank you very much for offering to\nhelp!";
}

void mark_unmatched(storage::Connection& c, domain::HelpRequest& request, std::int64_t now) {
  request.status = "published";
  request.helper_id.reset();
  request.helper_name.reset();
  request.helper_email.reset();
  request.matched_at.reset();
  storage::update_help_request_state(c, request, now);
}

}  // namespace

http::ApiError help_request_state_error(const std::string& status) {
  return http::ApiError(
      409, "help-request-state", {"Nicht möglich", "Not possible"},
      {"Im Status „" + status + "“ ist das bei dieser Hilfeanfrage nicht möglich.",
       "This is not possible for a help request in the status \"" + status + "\"."});
}

http::ApiError help_request_match_error() {
  return http::ApiError(
      409, "help-request-match",
      {"Vermittlung über die Hilfeanfrage", "Match through the help request"},
      {"Bitte vermitteln Sie über die Hilfeanfrage.", "Please match through the help request."});
}

domain::AuditEntry help_request_audit(const domain::User& actor, const domain::HelpRequest& request,
                                      std::string action, std::int64_t now) {
  auto e = domain::audit_by(actor, request.municipality_id, std::move(action), now);
  e.subject_type = "help_request";
  e.subject_id = request.id;
  e.subject_label = domain::help_request_label(request);
  return e;
}

void add_help_request_note(storage::Connection& c, const domain::User& author,
                           const domain::HelpRequest& request, const std::string& kind,
                           const std::string& body, std::int64_t now) {
  domain::HelpRequestNote note;
  note.help_request_id = request.id;
  note.kind = kind;
  note.body = body;
  note.author_id = author.id;
  note.author_name = author.display_name;
  note.created_at = now;
  storage::insert_help_request_note(c, note);
}

void publish_help_request(storage::Connection& c, const Services&, const domain::User& actor,
                          domain::HelpRequest& request, std::int64_t now) {
  if (request.status != "new") throw help_request_state_error(request.status);
  if (!request.starts_at || !request.ends_at) {
    throw http::validation_failed(
        {{"when",
          {"Zum Veröffentlichen geben Sie bitte an, wann Hilfe gebraucht wird.",
           "To publish, please say when help is needed."}}});
  }
  // A single time that has begun could not be joined by anybody.
  if (request.recurrence == "once" && *request.starts_at <= now) {
    throw http::validation_failed(
        {{"when.start",
          {"Dieser Termin hat schon begonnen; bitte geben Sie eine neue Zeit an.",
           "This time has already begun; please give a new time."}}});
  }
  if (!domain::can_publish(request)) throw help_request_state_error(request.status);
  auto organization_id = storage::ensure_hotline_organization(c, request.municipality_id, now);
  auto need = domain::need_for_help_request(request, organization_id, request.municipality_id);
  need.status = "published";
  need.created_by = actor.id;
  need.id = storage::insert_need(c, need, now);
  if (need.repeat_weekly) jobs::generate_repetitions(c, need.id, now);
  request.status = "published";
  request.need_id = need.id;
  request.published_at = now;
  storage::update_help_request_state(c, request, now);
  add_help_request_note(c, actor, request, "published", "", now);
  storage::append_audit(c, help_request_audit(actor, request, "help_request.published", now));
}

void match_help_request(storage::Connection& c, const Services& services, const domain::User& actor,
                        domain::HelpRequest& request, std::int64_t helper_id, std::int64_t now) {
  if (!domain::can_match(request)) throw help_request_state_error(request.status);
  if (request.helper_id == helper_id) return;
  auto need = need_of(c, request);
  // Cancelled or completed on the group's pages: it hands out no places any more.
  if (!domain::accepts_signups(need)) {
    throw http::ApiError(409, "need-closed", {"Gesuch geschlossen", "Need closed"},
                         {"Das Gesuch dieser Hilfeanfrage ist nicht mehr ausgeschrieben.",
                          "The need of this help request is no longer open."});
  }
  auto participants = storage::list_participants(c, need.id, every_status);
  std::optional<storage::Person> helper;
  for (const auto& p : participants) {
    if (p.person.user_id == helper_id) helper = p.person;
  }
  if (!helper) {
    throw http::validation_failed(
        {{"userId",
          {"Diese Person hat für diese Hilfeanfrage keine Hilfe angeboten.",
           "This person has not offered help for this request."}}});
  }
  auto to_come = shifts_to_come(need, now);
  auto previous = request.helper_id;
  std::optional<storage::Person> previous_person;
  std::map<std::int64_t, storage::Person> turned_down;  // open offers, told once each
  for (const auto& p : participants) {
    if (!to_come.contains(p.signup.shift_id) || p.person.user_id == helper_id) continue;
    if (previous && p.person.user_id == *previous) previous_person = p.person;
    if (p.signup.status == "declined") continue;
    if (p.signup.status == "confirmed") storage::release_place(c, p.signup.shift_id);
    storage::set_signup_status(c, p.signup.id, "declined", now);
    if (!previous || p.person.user_id != *previous) turned_down.emplace(p.person.user_id, p.person);
  }
  for (auto shift_id : to_come) {
    if (!storage::confirm_place(c, shift_id, helper_id, now)) {
      throw http::ApiError(409, "shift-full", {"Schicht ist voll", "Shift is full"},
                           {"Eine Schicht dieser Hilfeanfrage ist schon anderweitig besetzt.",
                            "A shift of this help request is already taken otherwise."});
    }
  }

  if (previous) {
    if (!previous_person) previous_person = storage::find_person(c, *previous);
    add_help_request_note(c, actor, request, "unmatched",
                          previous_person ? previous_person->display_name : "", now);
    storage::append_audit(c, help_request_audit(actor, request, "help_request.unmatched", now));
    if (previous_person) {
      mail_plain(c, *previous_person, "help_request_unmatched", {{"need", need.title}}, now);
    }
  }
  request.status = "matched";
  request.helper_id = helper_id;
  request.helper_name = helper->display_name;
  request.helper_email = helper->email;
  request.matched_at = now;
  storage::update_help_request_state(c, request, now);
  add_help_request_note(c, actor, request, "matched", helper->display_name, now);
  storage::append_audit(c, help_request_audit(actor, request, "help_request.matched", now));
  auto start_page = web_link(services, "/");
  for (const auto& [id, person] : turned_down) {
    mail_plain(c, person, "help_request_declined", {{"need", need.title}, {"link", start_page}},
               now);
  }
  mail_matched(c, services, actor, request, need, *helper, now);
}

void unmatch_help_request(storage::Connection& c, const Services&, const domain::User& actor,
                          domain::HelpRequest& request, const std::optional<std::string>& reason,
                          std::int64_t now) {
  if (!domain::can_unmatch(request) || !request.helper_id) {
    throw help_request_state_error(request.status);
  }
  auto need = need_of(c, request);
  auto helper_id = *request.helper_id;
  decline_places_to_come(c, need, helper_id, now);
  auto helper = storage::find_person(c, helper_id);
  std::string body = helper ? helper->display_name : "";
  if (reason && !reason->empty()) body += (body.empty() ? "" : ": ") + *reason;
  mark_unmatched(c, request, now);
  add_help_request_note(c, actor, request, "unmatched", body, now);
  storage::append_audit(c, help_request_audit(actor, request, "help_request.unmatched", now));
  if (helper) mail_plain(c, *helper, "help_request_unmatched", {{"need", need.title}}, now);
}

void close_help_request(storage::Connection& c, const Services& services, const domain::User& actor,
                        domain::HelpRequest& request, const std::string& outcome,
                        const std::optional<std::string>& note, std::int64_t now) {
  if (!domain::can_close(request)) throw help_request_state_error(request.status);
  std::optional<domain::Need> need;
  if (request.need_id) need = storage::find_need(c, *request.need_id);
  std::map<std::int64_t, storage::Person> open_offers;
  std::optional<storage::Person> helper;
  if (request.helper_id) helper = storage::find_person(c, *request.helper_id);
  if (need) {
    if (need->status == "published" || need->status == "pending_review" ||
        need->status == "draft") {
      storage::set_need_status(c, need->id, outcome == "done" ? "completed" : "cancelled",
                               std::nullopt, now);
    }
    auto to_come = shifts_to_come(*need, now);
    for (const auto& p : storage::list_participants(c, need->id, every_status)) {
      if (!to_come.contains(p.signup.shift_id)) continue;
      if (p.signup.status == "confirmed") storage::release_place(c, p.signup.shift_id);
      storage::delete_signup(c, p.signup.id);
      bool is_helper = request.helper_id && p.person.user_id == *request.helper_id;
      if (!is_helper && (p.signup.status == "requested" || p.signup.status == "waitlisted")) {
        open_offers.emplace(p.person.user_id, p.person);
      }
    }
  }
  request.status = outcome;
  request.closed_at = now;
  storage::update_help_request_state(c, request, now);
  add_help_request_note(c, actor, request, outcome, note.value_or(""), now);
  auto entry = help_request_audit(actor, request, "help_request.closed", now);
  entry.reason = outcome;
  storage::append_audit(c, entry);
  auto title = need ? need->title : domain::help_request_need_title(request);
  if (helper) {
    mail_plain(c, *helper, "help_request_closed",
               {{"need", title}, {"outcome", outcome_text(outcome, helper->language != "en")}},
               now);
  }
  // Done: somebody helped, so the kind "someone else helps"; cancelled: nobody is needed.
  auto start_page = web_link(services, "/");
  for (const auto& [id, person] : open_offers) {
    if (outcome == "done") {
      mail_plain(c, person, "help_request_declined", {{"need", title}, {"link", start_page}}, now);
    } else {
      mail_plain(c, person, "help_request_closed",
                 {{"need", title}, {"outcome", outcome_text(outcome, person.language != "en")}},
                 now);
    }
  }
}

void require_no_help_request(storage::Connection& c, std::int64_t need_id) {
  if (storage::find_help_request_of_need(c, need_id)) throw help_request_match_error();
}

void require_not_hotline_need(storage::Connection& c, std::int64_t need_id) {
  if (!storage::find_help_request_of_need(c, need_id)) return;
  throw http::ApiError(409, "help-request-need", {"Gesuch des Hilfetelefons", "Hotline need"},
                       {"Dieses Gesuch gehört zu einer Hilfeanfrage. Bitte ändern oder schließen "
                        "Sie es über die Hilfeanfrage.",
                        "This need belongs to a help request. Please change or close it through "
                        "the help request."});
}

bool mail_help_offer(storage::Connection& c, const Services& services, const domain::Need& need,
                     const domain::Shift& shift, const storage::Person& volunteer,
                     std::int64_t now) {
  auto request = storage::find_help_request_of_need(c, need.id);
  if (!request) return false;
  mail_plain(c, volunteer, "signup_requested",
             {{"need", need.title},
              {"when", shift_when(shift, volunteer.language)},
              {"link", web_link(services, need_path(need.id))}},
             now);
  mail_coordinators(c, services, *request, "help_request_offer", volunteer.display_name, need.title,
                    now);
  return true;
}

void unmatch_if_helper_left(storage::Connection& c, const Services& services,
                            const domain::User& helper, std::int64_t need_id, std::int64_t now) {
  auto request = storage::find_help_request_of_need(c, need_id);
  if (!request || request->status != "matched" || request->helper_id != helper.id) return;
  auto need = storage::find_need(c, need_id);
  if (!need) return;
  auto to_come = shifts_to_come(*need, now);
  for (const auto& p : storage::list_participants(c, need_id, {"confirmed"})) {
    if (p.person.user_id == helper.id && to_come.contains(p.signup.shift_id)) return;
  }
  decline_places_to_come(c, *need, helper.id, now);
  mark_unmatched(c, *request, now);
  add_help_request_note(c, helper, *request, "unmatched", helper.display_name, now);
  storage::append_audit(c, help_request_audit(helper, *request, "help_request.unmatched", now));
  mail_coordinators(c, services, *request, "help_request_helper_left", helper.display_name,
                    need->title, now);
}

}  // namespace hk::api
