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

void insert_session(Connection& c, std::int64_t user_id, const std::string& token_hash,
                    const std::string& csrf_token, std::int64_t now, std::int64_t expires_at);
std::optional<domain::Session> find_session(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, std::int64_t session_id, std::int64_t now);
void delete_session(Connection& c, std::int64_t session_id);

}  // namespace hk::storage
