#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/services.hpp"
#include "domain/account.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// A role offered to an e-mail address by a coordinator, platform admin or group admin.
struct RoleOffer {
  std::string email;  // normalised
  std::string role;   // coordinator | org_admin | org_member
  storage::RoleScope scope;
  std::int64_t municipality_id = 0;  // whose audit log records it
  std::string scope_name;            // the municipality's or group's name, for the mail
  std::string link_path;             // where the role is used, e.g. "/koordination"
};

// When the address has an account the role is granted at once, else an invitation waits for
// the address to be verified. Either way the person gets a mail and the audit log an entry.
// Runs inside the caller's write transaction; returns "granted" or "invited".
std::string offer_role(storage::Connection& c, const Services& services, const domain::User& actor,
                       const RoleOffer& offer, const std::string& language, std::int64_t now);

}  // namespace hk::api
