#include "api/account_rules.hpp"
#include "api/help_request_actions.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "api/signup_actions.hpp"
#include "auth/password.hpp"
#include "domain/audit.hpp"
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/personal_data.hpp"

namespace hk::api {

namespace {

json::value int_or_null(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value time_of(std::int64_t t) { return time_or_null(t); }

json::object encode_profile(const storage::ExportProfile& p) {
  return {{"id", format_id(p.id)},
          {"email", p.email},
          {"displayName", p.display_name},
          {"language", p.language},
          {"emailVerified", p.email_verified_at.has_value()},
          {"emailVerifiedAt", time_or_null(p.email_verified_at)},
          {"createdAt", time_of(p.created_at)},
          {"updatedAt", time_of(p.updated_at)}};
}

json::array encode_roles(const std::vector<storage::ExportRole>& roles) {
  json::array out;
  for (const auto& r : roles) {
    out.push_back(json::object{{"role", r.role},
                               {"municipalityId", id_or_null(r.municipality_id)},
                               {"municipalityName", text_or_null(r.municipality_name)},
                               {"organizationId", id_or_null(r.organization_id)},
                               {"organizationName", text_or_null(r.organization_name)},
                               {"createdAt", time_of(r.created_at)}});
  }
  return out;
}

json::array encode_invitations(const std::vector<storage::ExportInvitation>& invitations) {
  json::array out;
  for (const auto& i : invitations) {
    out.push_back(json::object{{"id", format_id(i.id)},
                               {"email", i.email},
                               {"role", i.role},
                               {"municipalityId", id_or_null(i.municipality_id)},
                               {"municipalityName", text_or_null(i.municipality_name)},
                               {"organizationId", id_or_null(i.organization_id)},
                               {"organizationName", text_or_null(i.organization_name)},
                               {"createdAt", time_of(i.created_at)},
                               {"expiresAt", time_of(i.expires_at)}});
  }
  return out;
}

json::array encode_signups(const std::vector<storage::ExportSignup>& signups) {
  json::array out;
  for (const auto& s : signups) {
    out.push_back(json::object{{"id", format_id(s.id)},
                               {"status", s.status},
                               {"shiftId", format_id(s.shift_id)},
                               {"needId", format_id(s.need_id)},
                               {"needTitle", s.need_title},
                               {"organizationName", s.organization_name},
                               {"shiftStart", time_of(s.shift_start)},
                               {"shiftEnd", time_of(s.shift_end)},
                               {"birthYear", int_or_null(s.birth_year)},
                               {"message", text_or_null(s.message)},
                               {"attendance", text_or_null(s.attendance)},
                               {"minutes", int_or_null(s.minutes)},
                               {"reminderSentAt", time_or_null(s.reminder_sent_at)},
                               {"reconfirmedAt", time_or_null(s.reconfirmed_at)},
                               {"createdAt", time_of(s.created_at)},
                               {"updatedAt", time_of(s.updated_at)}});
  }
  return out;
}

json::array encode_hours(const std::vector<storage::HoursTotal>& hours) {
  json::array out;
  for (const auto& h : hours) {
    out.push_back(json::object{{"organizationId", format_id(h.organization_id)},
                               {"organizationName", h.organization_name},
                               {"year", h.year},
                               {"minutes", h.minutes},
                               {"shifts", h.shifts}});
  }
  return out;
}

json::array encode_audit(const std::vector<storage::ExportAuditEntry>& entries) {
  json::array out;
  for (const auto& e : entries) {
    out.push_back(json::object{{"id", format_id(e.id)},
                               {"at", time_of(e.at)},
                               {"action", e.action},
                               {"actorName", e.actor_name},
                               {"byThem", e.by_them},
                               {"subjectType", e.subject_type},
                               {"subjectId", id_or_null(e.subject_id)},
                               {"subjectLabel", e.subject_label},
                               {"reason", text_or_null(e.reason)}});
  }
  return out;
}

json::array encode_mails(const std::vector<storage::ExportMail>& mails) {
  json::array out;
  for (const auto& m : mails) {
    out.push_back(json::object{{"id", format_id(m.id)},
                               {"recipient", m.recipient},
                               {"template", m.template_id},
                               {"language", m.language},
                               {"subject", m.subject},
                               {"body", text_or_null(m.body)},
                               {"status", m.status},
                               {"attachmentName", text_or_null(m.attachment_name)},
                               {"createdAt", time_of(m.created_at)},
                               {"sentAt", time_or_null(m.sent_at)}});
  }
  return out;
}

json::object encode_export(const storage::PersonalData& d, std::int64_t now) {
  json::array sessions;
  for (const auto& s : d.sessions) {
    sessions.push_back(json::object{{"createdAt", time_of(s.created_at)},
                                    {"lastSeenAt", time_of(s.last_seen_at)},
                                    {"expiresAt", time_of(s.expires_at)}});
  }
  json::array tokens;
  for (const auto& t : d.account_tokens) {
    tokens.push_back(json::object{{"purpose", t.purpose},
                                  {"createdAt", time_of(t.created_at)},
                                  {"expiresAt", time_of(t.expires_at)},
                                  {"usedAt", time_or_null(t.used_at)}});
  }
  json::array organizations;
  for (const auto& o : d.organizations_applied) {
    organizations.push_back(json::object{{"id", format_id(o.id)},
                                         {"name", o.name},
                                         {"status", o.status},
                                         {"createdAt", time_of(o.created_at)}});
  }
  json::array needs_created;
  json::array needs_contact;
  for (const auto& n : d.needs) {
    json::object item{{"id", format_id(n.id)},
                      {"title", n.title},
                      {"status", n.status},
                      {"createdAt", time_of(n.created_at)}};
    if (n.created_by_them) needs_created.push_back(item);
    if (n.contact_name || n.contact_email) {
      item["contactName"] = text_or_null(n.contact_name);
      item["contactEmail"] = text_or_null(n.contact_email);
      item["contactPhone"] = text_or_null(n.contact_phone);
      needs_contact.push_back(std::move(item));
    }
  }
  json::array helped;
  json::array recorded;
  for (const auto& h : d.help_requests) {
    json::object item{{"id", format_id(h.id)},
                      {"status", h.status},
                      {"category", h.category},
                      {"area", h.area},
                      {"createdAt", time_of(h.created_at)}};
    if (h.helper) helped.push_back(item);
    if (h.recorded_by) recorded.push_back(std::move(item));
  }
  json::array notes;
  for (const auto& n : d.help_request_notes) {
    notes.push_back(json::object{{"id", format_id(n.id)},
                                 {"helpRequestId", format_id(n.help_request_id)},
                                 {"kind", n.kind},
                                 {"authorName", n.author_name},
                                 {"createdAt", time_of(n.created_at)}});
  }
  json::array mentions;
  for (const auto& m : d.mails_naming_them) {
    mentions.push_back(json::object{{"id", format_id(m.id)},
                                    {"template", m.template_id},
                                    {"status", m.status},
                                    {"createdAt", time_of(m.created_at)}});
  }
  json::value feed = nullptr;
  if (d.calendar_feed_created_at) {
    feed = json::object{{"createdAt", time_of(*d.calendar_feed_created_at)}};
  }
  return {{"exportedAt", time_of(now)},
          {"profile", encode_profile(d.profile)},
          {"roles", encode_roles(d.roles)},
          {"invitations", encode_invitations(d.invitations)},
          {"invitationsSent", encode_invitations(d.invitations_sent)},
          {"sessions", std::move(sessions)},
          {"accountTokens", std::move(tokens)},
          {"signups", encode_signups(d.signups)},
          {"hours", encode_hours(d.hours)},
          {"calendarFeed", std::move(feed)},
          {"organizationsApplied", std::move(organizations)},
          {"needsCreated", std::move(needs_created)},
          {"needsAsContact", std::move(needs_contact)},
          {"helpRequestsHelped", std::move(helped)},
          {"helpRequestsRecorded", std::move(recorded)},
          {"helpRequestNotes", std::move(notes)},
          {"auditEntries", encode_audit(d.audit_entries)},
          {"mails", encode_mails(d.mails)},
          {"mailsNamingThem", std::move(mentions)}};
}

http::Response export_data(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto now = services.now();
  std::optional<storage::PersonalData> data;
  services.db.read(
      [&](storage::Connection& c) { data = storage::read_personal_data(c, current.user.id); });
  if (!data) throw http::unauthorized();  // deleted meanwhile
  auto response = json_response(200, encode_export(*data, now));
  response.set_header("Content-Disposition", "attachment; filename=\"helferkarte-daten.json\"");
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::ApiError last_admin_error(const std::string& group) {
  return http::ApiError(
      409, "last-admin", {"Einzige Administration der Gruppe", "Only admin of the group"},
      {"Sie sind die einzige Administratorin / der einzige Administrator von „" + group +
           "“. Bitte ernennen Sie zuerst jemand anderen zur Administratorin / zum Administrator "
           "oder bitten Sie die Koordination, die Gruppe aufzulösen.",
       "You are the only admin of \"" + group +
           "\". Please make someone else an admin first or ask the coordinators to close the "
           "group."});
}

http::ApiError contact_address_error(const std::string& holder) {
  return http::ApiError(409, "contact-address",
                        {"Kontaktadresse in Gebrauch", "Contact address in use"},
                        {"Ihre E-Mail-Adresse ist die öffentliche Kontaktadresse von „" + holder +
                             "“. Bitte tragen Sie dort zuerst eine andere Adresse ein.",
                         "Your e-mail address is the public contact address of \"" + holder +
                             "\". Please enter another address there first."});
}

// Gives up every sign-up for a shift to come as a leave would (places freed, waitlists move
// up), and lets go of the hotline requests they help with. The stand-in user names nobody in
// the notes, audit entries and mails this writes.
void give_up_engagements(storage::Connection& c, const Services& services, const domain::User& user,
                         std::int64_t now) {
  domain::User anonymous = user;
  anonymous.display_name = storage::deleted_account_name;
  anonymous.email.clear();
  for (const auto& signup : storage::signups_to_come(c, user.id, now)) {
    leave_shift(c, services, signup, now);
  }
  for (auto need_id : storage::needs_of_matched_help_requests(c, user.id)) {
    unmatch_if_helper_left(c, services, anonymous, need_id, now);
  }
}

http::Response delete_account(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto body = parse_object(request);
  Fields fields(body);
  auto password = password_field(fields, "password");
  fields.done();

  if (!own_password_confirmed(services, request, current.user, *password)) {
    throw http::ApiError(403, "wrong-password", {"Falsches Passwort", "Wrong password"},
                         {"Das Passwort ist nicht richtig. Das Konto wurde nicht gelöscht.",
                          "The password is not correct. The account was not deleted."});
  }

  auto now = services.now();
  services.db.write([&](storage::Connection& c) {
    auto user = storage::find_user(c, current.user.id);
    if (!user) throw http::unauthorized();
    auto only_admin = storage::organizations_only_admin_of(c, user->id);
    if (!only_admin.empty()) throw last_admin_error(only_admin.front().name);
    auto contacts = storage::contacts_using_address(c, user->email);
    if (!contacts.empty()) throw contact_address_error(contacts.front());
    auto municipalities = storage::coordinated_municipalities(c, user->id);
    give_up_engagements(c, services, *user, now);
    storage::erase_person(c, user->id);
    for (auto municipality_id : municipalities) {
      domain::AuditEntry e;
      e.at = now;
      e.municipality_id = municipality_id;
      e.actor_name = storage::deleted_account_name;
      e.action = "account.deleted";
      e.subject_type = "user";
      e.subject_label = storage::deleted_account_name;
      storage::append_audit(c, e);
    }
  });
  auto response = http::Response::no_content();
  clear_session_cookie(services, request, response);
  return response;
}

}  // namespace

void add_me_data_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/me/export",
             [&services](http::Request& r) { return export_data(services, r); });
  router.add("DELETE", "/api/v1/me",
             [&services](http::Request& r) { return delete_account(services, r); });
}

}  // namespace hk::api
