#include "storage/accounts.hpp"

namespace hk::storage {

namespace {

void load_roles(Connection& c, domain::User& user) {
  // Coordinators act as members of their municipality's hotline organisation, so the group
  // pages (needs, participants, hours) work for the needs the hotline publishes. The grant is
  // derived, never stored: it goes with the coordinator role.
  auto rows = c.query(
      "SELECT role, municipality_id, organization_id FROM role_grants WHERE user_id = $1 "
      "UNION ALL SELECT 'org_member', NULL, o.id FROM role_grants g "
      "JOIN organizations o ON o.municipality_id = g.municipality_id AND o.hotline = 1 "
      "WHERE g.user_id = $1 AND g.role = 'coordinator' "
      "ORDER BY 1, 2, 3",
      {user.id});
  for (const auto& r : rows.rows) {
    user.roles.push_back({r.text(0), r.opt_int64(1), r.opt_int64(2)});
  }
}

domain::User user_from_row(const Row& r) {
  domain::User u;
  u.id = r.int64(0);
  u.email = r.text(1);
  u.display_name = r.text(2);
  u.email_verified = !r.is_null(3);
  u.language = r.text(4);
  return u;
}

}  // namespace

std::optional<UserCredentials> find_user_by_email(Connection& c, const std::string& email) {
  auto result = c.query(
      "SELECT id, email, display_name, email_verified_at, language, password_hash FROM users "
      "WHERE email = $1",
      {email});
  if (result.empty()) return std::nullopt;
  UserCredentials out{user_from_row(result.rows.front()), result.rows.front().text(5)};
  load_roles(c, out.user);
  return out;
}

std::optional<domain::User> find_user(Connection& c, std::int64_t id) {
  auto result = c.query(
      "SELECT id, email, display_name, email_verified_at, language FROM users WHERE id = $1", {id});
  if (result.empty()) return std::nullopt;
  auto user = user_from_row(result.rows.front());
  load_roles(c, user);
  return user;
}

std::int64_t upsert_verified_user(Connection& c, const std::string& email,
                                  const std::string& password_hash, const std::string& name,
                                  std::int64_t now) {
  return c
      .query(
          "INSERT INTO users (email, password_hash, display_name, email_verified_at, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $4, $4) "
          "ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, "
          "display_name = excluded.display_name, "
          "email_verified_at = COALESCE(users.email_verified_at, excluded.email_verified_at), "
          "updated_at = excluded.updated_at RETURNING id",
          {email, password_hash, name, now})
      .one()
      .int64(0);
}

void grant_role(Connection& c, std::int64_t user_id, const domain::RoleGrant& grant,
                std::int64_t now) {
  auto opt = [](const std::optional<std::int64_t>& v) -> Value { return v ? Value(*v) : null(); };
  c.query(
      "INSERT INTO role_grants (user_id, role, municipality_id, organization_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      {user_id, grant.role, opt(grant.municipality_id), opt(grant.organization_id), now});
}

std::optional<std::int64_t> create_unverified_user(Connection& c, const std::string& email,
                                                   const std::string& password_hash,
                                                   const std::string& name,
                                                   const std::string& language, std::int64_t now) {
  auto result = c.query(
      "INSERT INTO users (email, password_hash, display_name, language, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (email) DO NOTHING RETURNING id",
      {email, password_hash, name, language, now});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::optional<std::string> find_password_hash(Connection& c, std::int64_t user_id) {
  auto result = c.query("SELECT password_hash FROM users WHERE id = $1", {user_id});
  if (result.empty()) return std::nullopt;
  return result.rows.front().text(0);
}

void set_password(Connection& c, std::int64_t user_id, const std::string& password_hash,
                  std::int64_t now) {
  c.query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1",
          {user_id, password_hash, now});
}

void mark_email_verified(Connection& c, std::int64_t user_id, std::int64_t now) {
  c.query(
      "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2), updated_at = $2 "
      "WHERE id = $1",
      {user_id, now});
}

void update_profile(Connection& c, std::int64_t user_id,
                    const std::optional<std::string>& display_name,
                    const std::optional<std::string>& language, std::int64_t now) {
  c.query(
      "UPDATE users SET display_name = COALESCE($2, display_name), "
      "language = COALESCE($3, language), updated_at = $4 WHERE id = $1",
      {user_id, optional_text(display_name), optional_text(language), now});
}

void insert_account_token(Connection& c, std::int64_t user_id, const std::string& purpose,
                          const std::string& token_hash, std::int64_t now,
                          std::int64_t expires_at) {
  c.query(
      "INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {user_id, purpose, token_hash, now, expires_at});
}

std::optional<std::int64_t> find_account_token(Connection& c, const std::string& purpose,
                                               const std::string& token_hash, std::int64_t now) {
  auto result = c.query(
      "SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 "
      "AND used_at IS NULL AND expires_at > $3",
      {token_hash, purpose, now});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::optional<std::int64_t> use_account_token(Connection& c, const std::string& purpose,
                                              const std::string& token_hash, std::int64_t now) {
  auto result = c.query(
      "UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 "
      "AND used_at IS NULL AND expires_at > $3 RETURNING user_id",
      {token_hash, purpose, now});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

void retire_account_tokens(Connection& c, std::int64_t user_id, const std::string& purpose,
                           std::int64_t now) {
  c.query(
      "UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 "
      "AND used_at IS NULL",
      {user_id, purpose, now});
  c.query("DELETE FROM account_tokens WHERE user_id = $1 AND expires_at <= $2", {user_id, now});
}

void insert_session(Connection& c, std::int64_t user_id, const std::string& token_hash,
                    const std::string& csrf_token, std::int64_t now, std::int64_t expires_at) {
  c.query(
      "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, "
      "expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
      {user_id, token_hash, csrf_token, now, expires_at});
}

std::optional<domain::Session> find_session(Connection& c, const std::string& token_hash) {
  auto result = c.query(
      "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions "
      "WHERE token_hash = $1",
      {token_hash});
  if (result.empty()) return std::nullopt;
  const auto& r = result.rows.front();
  return domain::Session{r.int64(0), r.int64(1), r.text(2), r.int64(3), r.int64(4), r.int64(5)};
}

void touch_session(Connection& c, std::int64_t session_id, std::int64_t now) {
  c.query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1", {session_id, now});
}

void delete_session(Connection& c, std::int64_t session_id) {
  c.query("DELETE FROM sessions WHERE id = $1", {session_id});
}

void delete_user_sessions(Connection& c, std::int64_t user_id) {
  c.query("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

}  // namespace hk::storage
