#include "storage/retention.hpp"

namespace hk::storage {

namespace {

// The name that replaces a deleted person's in copies kept for others (audit log, notes).
constexpr const char* deleted_account_name = "Gelöschtes Konto";

// Repeated in every statement of the deletion, so that an account verified meanwhile (by
// another server, on PostgreSQL) is left alone entirely.
constexpr const char* still_due =
    "EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.email_verified_at IS NULL "
    "AND u.created_at < $2)";

}  // namespace

std::vector<std::int64_t> due_unverified_accounts(Connection& c, std::int64_t created_before,
                                                  int limit) {
  auto result = c.query(
      "SELECT id FROM users WHERE email_verified_at IS NULL AND created_at < $1 ORDER BY id "
      "LIMIT $2",
      {created_before, std::int64_t{limit}});
  std::vector<std::int64_t> ids;
  for (const auto& r : result.rows) ids.push_back(r.int64(0));
  return ids;
}

bool delete_unverified_account(Connection& c, std::int64_t user_id, std::int64_t created_before) {
  // Before the account goes: ON DELETE SET NULL would unlink the mails from it.
  c.query(std::string("DELETE FROM mail_outbox WHERE user_id = $1 AND ") + still_due,
          {user_id, created_before});
  c.query(std::string("UPDATE audit_log SET actor_name = $3 WHERE actor_id = $1 AND ") + still_due,
          {user_id, created_before, deleted_account_name});
  c.query(std::string("UPDATE help_request_notes SET author_name = $3 WHERE author_id = $1 AND ") +
              still_due,
          {user_id, created_before, deleted_account_name});
  auto deleted =
      c.query("DELETE FROM users WHERE id = $1 AND email_verified_at IS NULL AND created_at < $2",
              {user_id, created_before});
  return deleted.affected == 1;
}

int delete_old_account_tokens(Connection& c, std::int64_t before) {
  return static_cast<int>(
      c.query("DELETE FROM account_tokens WHERE used_at < $1 OR expires_at < $1", {before})
          .affected);
}

int delete_old_sessions(Connection& c, std::int64_t before, std::int64_t idle_seconds) {
  return static_cast<int>(c.query("DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2",
                                  {before, before - idle_seconds})
                              .affected);
}

int delete_old_mails(Connection& c, std::int64_t created_before) {
  return static_cast<int>(c.query("DELETE FROM mail_outbox WHERE status IN ('sent', 'failed') "
                                  "AND created_at < $1",
                                  {created_before})
                              .affected);
}

}  // namespace hk::storage
