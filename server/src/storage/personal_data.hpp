#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/signups.hpp"

namespace hk::storage {

// Everything the database holds about one person (DSGVO Art. 15), except secrets: password
// hash, token hashes and CSRF tokens never leave the server. Caller data of the hotline is
// not the helper's and stays out too.

// What replaces a deleted person's name wherever a copy of it is kept (audit, notes, mails).
inline constexpr const char* deleted_account_name = "Gelöschtes Konto";

struct ExportProfile {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string language;
  std::optional<std::int64_t> email_verified_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct ExportRole {
  std::string role;
  std::optional<std::int64_t> municipality_id;
  std::optional<std::string> municipality_name;
  std::optional<std::int64_t> organization_id;
  std::optional<std::string> organization_name;
  std::int64_t created_at = 0;
};

struct ExportInvitation {
  std::int64_t id = 0;
  std::string email;
  std::string role;
  std::optional<std::int64_t> municipality_id;
  std::optional<std::string> municipality_name;
  std::optional<std::int64_t> organization_id;
  std::optional<std::string> organization_name;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

struct ExportSession {
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
};

struct ExportAccountToken {
  std::string purpose;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

struct ExportSignup {
  std::int64_t id = 0;
  std::string status;
  std::int64_t shift_id = 0;
  std::int64_t need_id = 0;
  std::string need_title;
  std::string organization_name;
  std::int64_t shift_start = 0;
  std::int64_t shift_end = 0;
  std::optional<std::int64_t> birth_year;
  std::optional<std::string> message;
  std::optional<std::string> attendance;
  std::optional<std::int64_t> minutes;
  std::optional<std::int64_t> reminder_sent_at;
  std::optional<std::int64_t> reconfirmed_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct ExportOrganization {
  std::int64_t id = 0;
  std::string name;
  std::string status;
  std::int64_t created_at = 0;
};

// A need they created, or one that names them (their name or address) as its contact.
struct ExportNeed {
  std::int64_t id = 0;
  std::string title;
  std::string status;
  bool created_by_them = false;
  std::optional<std::string> contact_name;
  std::optional<std::string> contact_email;
  std::optional<std::string> contact_phone;
  std::int64_t created_at = 0;
};

// A hotline request they help with or took on the phone: only what is not the caller's.
struct ExportHelpRequest {
  std::int64_t id = 0;
  std::string status;
  std::string category;
  std::string area;
  bool helper = false;       // they are (or were) the matched helper
  bool recorded_by = false;  // they took the call
  std::int64_t created_at = 0;
};

// A note line they wrote in a hotline request, or one naming them (as the matched helper); its
// text is about the caller, so not here.
struct ExportHelpRequestNote {
  std::int64_t id = 0;
  std::int64_t help_request_id = 0;
  std::string kind;
  std::string author_name;
  std::int64_t created_at = 0;
};

struct ExportAuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string action;
  std::string actor_name;
  bool by_them = false;
  std::string subject_type;
  std::optional<std::int64_t> subject_id;
  std::string subject_label;
  std::optional<std::string> reason;
};

struct ExportMail {
  std::int64_t id = 0;
  std::string recipient;
  std::string template_id;
  std::string language;
  std::string subject;
  // Empty when the mail carries a hotline caller's contact: that is the caller's data.
  std::optional<std::string> body;
  std::string status;
  std::optional<std::string> attachment_name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
};

// A mail to someone else (a group, the coordinators) that names them; its text is the
// recipient's, so only that it exists is theirs.
struct ExportMailMention {
  std::int64_t id = 0;
  std::string template_id;
  std::string status;
  std::int64_t created_at = 0;
};

struct PersonalData {
  ExportProfile profile;
  std::vector<ExportRole> roles;
  std::vector<ExportInvitation> invitations;       // to their address
  std::vector<ExportInvitation> invitations_sent;  // by them
  std::vector<ExportSession> sessions;
  std::vector<ExportAccountToken> account_tokens;
  std::vector<ExportSignup> signups;
  std::vector<HoursTotal> hours;
  std::optional<std::int64_t> calendar_feed_created_at;
  std::vector<ExportOrganization> organizations_applied;
  std::vector<ExportNeed> needs;
  std::vector<ExportHelpRequest> help_requests;
  std::vector<ExportHelpRequestNote> help_request_notes;
  std::vector<ExportAuditEntry> audit_entries;
  std::vector<ExportMail> mails;
  std::vector<ExportMailMention> mails_naming_them;
};

// nullopt when the user does not exist.
std::optional<PersonalData> read_personal_data(Connection& c, std::int64_t user_id);

// The organisations (not rejected) in which the user is the only admin: deleting the account
// would leave them without anyone to run them.
std::vector<ExportOrganization> organizations_only_admin_of(Connection& c, std::int64_t user_id);

// The names of the municipalities and the organisations (not rejected) whose public contact
// address is `email`: it is theirs to change before the person can go.
std::vector<std::string> contacts_using_address(Connection& c, const std::string& email);

// The municipalities the user coordinates, by id.
std::vector<std::int64_t> coordinated_municipalities(Connection& c, std::int64_t user_id);

// The sign-ups of the user for shifts that have not begun at `now`, for the caller to give
// up as a leave before erase_person.
std::vector<domain::Signup> signups_to_come(Connection& c, std::int64_t user_id, std::int64_t now);

// The needs of the hotline requests the user is the matched helper of.
std::vector<std::int64_t> needs_of_matched_help_requests(Connection& c, std::int64_t user_id);

// Removes the person: their past sign-ups stay for the groups' statistics (status,
// attendance, minutes) without anything personal; every copy of their name and address
// (audit log, notes, mails, invitations, contacts of needs) is replaced or removed; the users
// row goes last and takes sessions, tokens, roles and the calendar feed with it. Runs inside
// the caller's write transaction, after the places to come were given up.
void erase_person(Connection& c, std::int64_t user_id);

}  // namespace hk::storage
