#include "storage/accounts.hpp"

namespace hk::storage {

namespace {

void load_roles(Connection& c, domain::User& user) {
  auto rows = c.query(
      "SELECT role, municipality_id, organization_id FROM role_grants WHERE user_id = $1 "
      "ORDER BY role, municipality_id, organization_id",
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
  return u;
}

}  // namespace

std::optional<UserCredentials> find_user_by_email(Connection& c, const std::string& email) {
  auto result = c.query(
      "SELECT id, email, display_name, email_verified_at, password_hash FROM users "
      "WHERE email = $1",
      {email});
  if (result.empty()) return std::nullopt;
  UserCredentials out{user_from_row(result.rows.front()), result.rows.front().text(4)};
  load_roles(c, out.user);
  return out;
}

std::optional<domain::User> find_user(Connection& c, std::int64_t id) {
  auto result =
      c.query("SELECT id, email, display_name, email_verified_at FROM users WHERE id = $1", {id});
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

}  // namespace hk::storage
