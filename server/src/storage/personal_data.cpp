#include "storage/personal_data.hpp"

#include <string>

namespace hk::storage {

namespace {

std::optional<std::int64_t> opt_int(const Row& r, std::size_t i) { return r.opt_int64(i); }

// A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards in it taken literally.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

// Names this short occur inside ordinary words; replacing them would garble other people's
// texts without identifying anyone.
constexpr std::size_t min_replaced_name_length = 3;

// Where their name is looked for inside texts; a name too short to replace matches nothing
// (LIKE NULL is never true).
Value name_pattern(const std::string& name) {
  return name.size() >= min_replaced_name_length ? Value(contains_pattern(name)) : null();
}

ExportProfile read_profile(const Row& r) {
  return ExportProfile{r.int64(0),    r.text(1),  r.text(2), r.text(3),
                       opt_int(r, 4), r.int64(5), r.int64(6)};
}

void read_roles(Connection& c, std::int64_t user_id, PersonalData& out) {
  auto result = c.query(
      "SELECT g.role, g.municipality_id, m.name, g.organization_id, o.name, g.created_at "
      "FROM role_grants g "
      "LEFT JOIN municipalities m ON m.id = g.municipality_id "
      "LEFT JOIN organizations o ON o.id = g.organization_id "
      "WHERE g.user_id = $1 ORDER BY g.id",
      {user_id});
  for (const auto& r : result.rows) {
    out.roles.push_back(
        {r.text(0), opt_int(r, 1), r.opt_text(2), opt_int(r, 3), r.opt_text(4), r.int64(5)});
  }
}

void read_invitations(Connection& c, const ExportProfile& p, PersonalData& out) {
  auto result = c.query(
      "SELECT i.id, i.email, i.role, i.municipality_id, m.name, i.organization_id, o.name, "
      "i.created_at, i.expires_at, i.invited_by FROM invitations i "
      "LEFT JOIN municipalities m ON m.id = i.municipality_id "
      "LEFT JOIN organizations o ON o.id = i.organization_id "
      "WHERE i.email = $1 OR i.invited_by = $2 ORDER BY i.id",
      {p.email, p.id});
  for (const auto& r : result.rows) {
    ExportInvitation i{r.int64(0),    r.text(1),     r.text(2),  opt_int(r, 3), r.opt_text(4),
                       opt_int(r, 5), r.opt_text(6), r.int64(7), r.int64(8)};
    if (opt_int(r, 9) == p.id) out.invitations_sent.push_back(i);
    if (i.email == p.email) out.invitations.push_back(std::move(i));
  }
}

void read_sessions_and_tokens(Connection& c, std::int64_t user_id, PersonalData& out) {
  auto sessions = c.query(
      "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY id",
      {user_id});
  for (const auto& r : sessions.rows) {
    out.sessions.push_back({r.int64(0), r.int64(1), r.int64(2)});
  }
  auto tokens = c.query(
      "SELECT purpose, created_at, expires_at, used_at FROM account_tokens WHERE user_id = $1 "
      "ORDER BY id",
      {user_id});
  for (const auto& r : tokens.rows) {
    out.account_tokens.push_back({r.text(0), r.int64(1), r.int64(2), opt_int(r, 3)});
  }
  auto feed = c.query("SELECT created_at FROM calendar_feeds WHERE user_id = $1", {user_id});
  if (!feed.empty()) out.calendar_feed_created_at = feed.rows.front().int64(0);
}

void read_signups(Connection& c, std::int64_t user_id, PersonalData& out) {
  auto result = c.query(
      "SELECT su.id, su.status, su.shift_id, n.id, n.title, o.name, sh.starts_at, sh.ends_at, "
      "su.birth_year, su.message, su.attendance, su.minutes, su.reminder_sent_at, "
      "su.reconfirmed_at, su.created_at, su.updated_at "
      "FROM signups su JOIN shifts sh ON sh.id = su.shift_id "
      "JOIN needs n ON n.id = sh.need_id JOIN organizations o ON o.id = n.organization_id "
      "WHERE su.user_id = $1 ORDER BY sh.starts_at, su.id",
      {user_id});
  for (const auto& r : result.rows) {
    out.signups.push_back({r.int64(0), r.text(1), r.int64(2), r.int64(3), r.text(4), r.text(5),
                           r.int64(6), r.int64(7), opt_int(r, 8), r.opt_text(9), r.opt_text(10),
                           opt_int(r, 11), opt_int(r, 12), opt_int(r, 13), r.int64(14),
                           r.int64(15)});
  }
  out.hours = hours_by_organization_year(c, user_id);
}

void read_groups_and_needs(Connection& c, const ExportProfile& p, PersonalData& out) {
  auto orgs = c.query(
      "SELECT id, name, status, created_at FROM organizations WHERE created_by = $1 ORDER BY id",
      {p.id});
  for (const auto& r : orgs.rows) {
    out.organizations_applied.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3)});
  }
  auto needs = c.query(
      "SELECT id, title, status, created_by, contact_name, contact_email, contact_phone, "
      "created_at FROM needs "
      "WHERE created_by = $1 OR contact_email = $2 OR contact_name = $3 ORDER BY id",
      {p.id, p.email, p.display_name});
  for (const auto& r : needs.rows) {
    bool created = opt_int(r, 3) == p.id;
    bool contact = r.opt_text(5) == p.email || r.opt_text(4) == p.display_name;
    ExportNeed n{r.int64(0), r.text(1), r.text(2), created, {}, {}, {}, r.int64(7)};
    // The contact of a need they only created may be a colleague: not theirs to see here.
    if (contact) {
      n.contact_name = r.opt_text(4);
      n.contact_email = r.opt_text(5);
      n.contact_phone = r.opt_text(6);
    }
    out.needs.push_back(std::move(n));
  }
}

void read_hotline(Connection& c, const ExportProfile& p, PersonalData& out) {
  auto user_id = p.id;
  auto requests = c.query(
      "SELECT id, status, category, area, helper_id, created_by, created_at FROM help_requests "
      "WHERE helper_id = $1 OR created_by = $1 ORDER BY id",
      {user_id});
  for (const auto& r : requests.rows) {
    out.help_requests.push_back({r.int64(0), r.text(1), r.text(2), r.text(3),
                                 opt_int(r, 4) == user_id, opt_int(r, 5) == user_id, r.int64(6)});
  }
  auto notes = c.query(
      "SELECT id, help_request_id, kind, author_name, created_at FROM help_request_notes "
      "WHERE author_id = $1 OR body LIKE $2 ESCAPE '\\' ORDER BY id",
      {user_id, name_pattern(p.display_name)});
  for (const auto& r : notes.rows) {
    out.help_request_notes.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.int64(4)});
  }
}

void read_audit(Connection& c, const ExportProfile& p, PersonalData& out) {
  // A role offered to their address names it in the label before they had an account.
  auto result = c.query(
      "SELECT id, at, action, actor_name, actor_id, subject_type, subject_id, subject_label, "
      "reason FROM audit_log "
      "WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $1) "
      "OR subject_label LIKE $2 ESCAPE '\\' OR subject_label LIKE $3 ESCAPE '\\' ORDER BY id",
      {p.id, contains_pattern(p.email), name_pattern(p.display_name)});
  for (const auto& r : result.rows) {
    out.audit_entries.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3),
                                 opt_int(r, 4) == p.id, r.text(5), opt_int(r, 6), r.text(7),
                                 r.opt_text(8)});
  }
}

void read_mails(Connection& c, const ExportProfile& p, PersonalData& out) {
  auto result = c.query(
      "SELECT id, recipient, template, language, subject, body, status, attachment_name, "
      "created_at, sent_at, help_request_id FROM mail_outbox "
      "WHERE user_id = $1 OR recipient = $2 ORDER BY id",
      {p.id, p.email});
  for (const auto& r : result.rows) {
    ExportMail m{r.int64(0), r.text(1), r.text(2),     r.text(3),  r.text(4),
                 r.text(5),  r.text(6), r.opt_text(7), r.int64(8), opt_int(r, 9)};
    // The mail to a matched helper carries the caller's contact, which is the caller's.
    if (!r.is_null(10)) m.body.reset();
    out.mails.push_back(std::move(m));
  }
  auto mentions = c.query(
      "SELECT id, template, status, created_at FROM mail_outbox "
      "WHERE (user_id IS NULL OR user_id <> $1) AND recipient <> $2 AND (subject LIKE $3 "
      "ESCAPE '\\' OR body LIKE $3 ESCAPE '\\' OR subject LIKE $4 ESCAPE '\\' OR body LIKE $4 "
      "ESCAPE '\\') ORDER BY id",
      {p.id, p.email, contains_pattern(p.email), name_pattern(p.display_name)});
  for (const auto& r : mentions.rows) {
    out.mails_naming_them.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3)});
  }
}

}  // namespace

std::optional<PersonalData> read_personal_data(Connection& c, std::int64_t user_id) {
  auto user = c.query(
      "SELECT id, email, display_name, language, email_verified_at, created_at, updated_at "
      "FROM users WHERE id = $1",
      {user_id});
  if (user.empty()) return std::nullopt;
  PersonalData out;
  out.profile = read_profile(user.rows.front());
  read_roles(c, user_id, out);
  read_invitations(c, out.profile, out);
  read_sessions_and_tokens(c, user_id, out);
  read_signups(c, user_id, out);
  read_groups_and_needs(c, out.profile, out);
  read_hotline(c, out.profile, out);
  read_audit(c, out.profile, out);
  read_mails(c, out.profile, out);
  return out;
}

std::vector<ExportOrganization> organizations_only_admin_of(Connection& c, std::int64_t user_id) {
  auto result = c.query(
      "SELECT o.id, o.name, o.status, o.created_at FROM role_grants g "
      "JOIN organizations o ON o.id = g.organization_id "
      "WHERE g.user_id = $1 AND g.role = 'org_admin' AND o.status <> 'rejected' "
      "AND NOT EXISTS (SELECT 1 FROM role_grants other WHERE other.role = 'org_admin' "
      "AND other.organization_id = o.id AND other.user_id <> $1) "
      "ORDER BY o.name, o.id",
      {user_id});
  std::vector<ExportOrganization> out;
  for (const auto& r : result.rows) out.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3)});
  return out;
}

std::vector<std::string> contacts_using_address(Connection& c, const std::string& email) {
  auto result = c.query(
      "SELECT name FROM municipalities WHERE LOWER(contact_email) = $1 "
      "UNION ALL SELECT name FROM organizations WHERE LOWER(contact_email) = $1 "
      "AND status <> 'rejected' ORDER BY 1",
      {email});
  std::vector<std::string> out;
  for (const auto& r : result.rows) out.push_back(r.text(0));
  return out;
}

std::vector<std::int64_t> coordinated_municipalities(Connection& c, std::int64_t user_id) {
  auto result = c.query(
      "SELECT DISTINCT municipality_id FROM role_grants WHERE user_id = $1 AND role = "
      "'coordinator' AND municipality_id IS NOT NULL ORDER BY municipality_id",
      {user_id});
  std::vector<std::int64_t> out;
  for (const auto& r : result.rows) out.push_back(r.int64(0));
  return out;
}

std::vector<domain::Signup> signups_to_come(Connection& c, std::int64_t user_id, std::int64_t now) {
  auto result = c.query(
      "SELECT su.id FROM signups su JOIN shifts sh ON sh.id = su.shift_id "
      "WHERE su.user_id = $1 AND sh.starts_at > $2 ORDER BY sh.starts_at, su.id",
      {user_id, now});
  std::vector<domain::Signup> out;
  for (const auto& r : result.rows) {
    if (auto s = find_signup(c, r.int64(0))) out.push_back(std::move(*s));
  }
  return out;
}

std::vector<std::int64_t> needs_of_matched_help_requests(Connection& c, std::int64_t user_id) {
  auto result = c.query(
      "SELECT need_id FROM help_requests WHERE helper_id = $1 AND status = 'matched' "
      "AND need_id IS NOT NULL ORDER BY id",
      {user_id});
  std::vector<std::int64_t> out;
  for (const auto& r : result.rows) out.push_back(r.int64(0));
  return out;
}

void erase_person(Connection& c, std::int64_t user_id) {
  auto user = c.query("SELECT email, display_name FROM users WHERE id = $1", {user_id});
  if (user.empty()) return;
  const std::string email = user.rows.front().text(0);
  const std::string name = user.rows.front().text(1);
  const std::string deleted = deleted_account_name;

  // A rejected application keeps its record for the coordinators, but not the applicant's
  // address as its contact.
  c.query(
      "UPDATE organizations SET contact_email = '' WHERE status = 'rejected' AND "
      "LOWER(contact_email) = $1",
      {email});

  // What stays of a sign-up is what the group's statistics count.
  c.query(
      "UPDATE signups SET user_id = NULL, birth_year = NULL, message = NULL, "
      "link_token_hash = NULL WHERE user_id = $1",
      {user_id});

  c.query("UPDATE audit_log SET actor_name = $2 WHERE actor_id = $1", {user_id, deleted});
  // The id goes too: SQLite may hand it to the next account.
  c.query(
      "UPDATE audit_log SET subject_label = $2, subject_id = NULL "
      "WHERE subject_type = 'user' AND subject_id = $1",
      {user_id, deleted});
  c.query("UPDATE help_request_notes SET author_name = $2 WHERE author_id = $1",
          {user_id, deleted});

  c.query("DELETE FROM mail_outbox WHERE user_id = $1 OR recipient = $2", {user_id, email});
  c.query("DELETE FROM invitations WHERE email = $1", {email});
  c.query("UPDATE needs SET contact_email = NULL WHERE contact_email = $1", {email});
  // The phone given next to their name is theirs as well.
  c.query("UPDATE needs SET contact_name = NULL, contact_phone = NULL WHERE contact_name = $1",
          {name});

  // Copies inside texts: role changes name "Name <address>", mails to groups and
  // coordinators name the volunteer, a hotline note names the helper. The address first, so
  // that a name contained in it is not replaced inside it.
  std::vector<std::string> copies{email};
  if (name.size() >= min_replaced_name_length) copies.push_back(name);
  struct Column {
    const char* table;
    const char* column;
  };
  static const Column columns[] = {
      {"audit_log", "subject_label"},     {"audit_log", "reason"},
      {"mail_outbox", "subject"},         {"mail_outbox", "body"},
      {"mail_outbox", "attachment_body"}, {"help_request_notes", "body"},
      {"help_requests", "summary"},       {"help_requests", "details"},
  };
  for (const auto& copy : copies) {
    for (const auto& col : columns) {
      c.query(std::string("UPDATE ") + col.table + " SET " + col.column + " = REPLACE(" +
                  col.column + ", $1, $2) WHERE " + col.column + " LIKE $3 ESCAPE '\\'",
              {copy, deleted, contains_pattern(copy)});
    }
  }

  // Sessions, tokens, roles and the calendar feed go by ON DELETE CASCADE; the other
  // references (organizations, needs, help requests, audit, outbox) become NULL.
  c.query("DELETE FROM users WHERE id = $1", {user_id});
}

}  // namespace hk::storage
