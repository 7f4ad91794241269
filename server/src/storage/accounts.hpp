#pragma once

#include <optional>
#include <string>

#include "domain/account.hpp"
#include "storage/database.hpp"

namespace hk::storage {

struct UserCredentials {
  domain::User user;
  std::string password_hash;
};

std::optional<UserCredentials> find_user_by_email(Connection& c, const std::string& email);
std::optional<domain::User> find_user(Connection& c, std::int64_t id);  // with roles

// Creates a verified user with a role, or updates the password of an existing one.
std::int64_t upsert_verified_user(Connection& c, const std::string& email,
                                  const std::string& password_hash, const std::string& name,
                                  std::int64_t now);
void grant_role(Connection& c, std::int64_t user_id, const domain::RoleGrant& grant,
                std::int64_t now);

// A new account whose address is not verified yet; nullopt when the address is taken.
std::optional<std::int64_t> create_unverified_user(Connection& c, const std::string& email,
                                                   const std::string& password_hash,
                                                   const std::string& name,
                                                   const std::string& language, std::int64_t now);
std::optional<std::string> find_password_hash(Connection& c, std::int64_t user_id);
void set_password(Connection& c, std::int64_t user_id, const std::string& password_hash,
                  std::int64_t now);
void mark_email_verified(Connection& c, std::int64_t user_id, std::int64_t now);
// Leaves a field unchanged when its argument is nullopt.
void update_profile(Connection& c, std::int64_t user_id,
                    const std::optional<std::string>& display_name,
                    const std::optional<std::string>& language, std::int64_t now);

// One-time tokens sent by mail (table account_tokens); purpose is "verify_email" or
// "reset_password". Only the token's hash is stored.
void insert_account_token(Connection& c, std::int64_t user_id, const std::string& purpose,
                          const std::string& token_hash, std::int64_t now, std::int64_t expires_at);
// The user an unused, unexpired token belongs to, without using it up.
std::optional<std::int64_t> find_account_token(Connection& c, const std::string& purpose,
                                               const std::string& token_hash, std::int64_t now);
// Uses the token up and returns its user; nullopt when it is unknown, used or expired, so
// of two requests racing with one token only one succeeds.
std::optional<std::int64_t> use_account_token(Connection& c, const std::string& purpose,
                                              const std::string& token_hash, std::int64_t now);
// Marks every open token of the user for `purpose` used and drops the user's expired ones.
void retire_account_tokens(Connection& c, std::int64_t user_id, const std::string& purpose,
                           std::int64_t now);

void insert_session(Connection& c, std::int64_t user_id, const std::string& token_hash,
                    const std::string& csrf_token, std::int64_t now, std::int64_t expires_at);
std::optional<domain::Session> find_session(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, std::int64_t session_id, std::int64_t now);
void delete_session(Connection& c, std::int64_t session_id);
void delete_user_sessions(Connection& c, std::int64_t user_id);

}  // namespace hk::storage
