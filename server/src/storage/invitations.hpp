#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "storage/database.hpp"

namespace hk::storage {

struct Invitation {
  std::int64_t id = 0;
  std::string email;
  std::string role;  // coordinator | org_admin | org_member
  std::optional<std::int64_t> municipality_id;
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> invited_by;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// Records an offer of a role to an address without an account (renewed if it exists).
void upsert_invitation(Connection& c, const Invitation& invitation);

// Turns every unexpired invitation for `email` into a role of `user_id`, writes a
// `role.granted` audit entry for each, deletes them and returns what was granted. Called when
// the address is verified.
std::vector<domain::RoleGrant> accept_invitations(Connection& c, std::int64_t user_id,
                                                  const std::string& email, std::int64_t now);

}  // namespace hk::storage
