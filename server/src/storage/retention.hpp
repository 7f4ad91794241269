#pragma once

#include <cstdint>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// The retention task of the background jobs (DSGVO: personal data is kept no longer than it
// is needed). Each deletion repeats its condition in SQL, so passes may overlap and several
// servers may share the database.

// Accounts never verified that were created before `created_before`, oldest first.
std::vector<std::int64_t> due_unverified_accounts(Connection& c, std::int64_t created_before,
                                                  int limit);
// Deletes such an account with the mails written to it, unless it was verified meanwhile.
// Nobody can sign up before verifying, so the account holds no sign-ups; its sessions,
// tokens, roles and calendar feed go by CASCADE, and what it created or applied for keeps
// its row without it (SET NULL), with the copied name replaced. True when it was deleted.
bool delete_unverified_account(Connection& c, std::int64_t user_id, std::int64_t created_before);

// Account tokens (verification, password reset) used or expired before `before`.
int delete_old_account_tokens(Connection& c, std::int64_t before);
// Sessions that ended before `before`: at their expiry, or when they were left idle for
// `idle_seconds` (domain::session_valid).
int delete_old_sessions(Connection& c, std::int64_t before, std::int64_t idle_seconds);
// Mails sent, or given up on, that were written before `created_before`. Pending mails stay.
int delete_old_mails(Connection& c, std::int64_t created_before);

}  // namespace hk::storage
