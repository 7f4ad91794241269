#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organization.hpp"
#include "storage/database.hpp"

namespace hk::storage {

std::int64_t insert_organization(Connection& c, const domain::Organization& o, std::int64_t now);
std::optional<domain::Organization> find_organization(Connection& c, std::int64_t id);

struct OrganizationFilter {
  std::optional<std::int64_t> municipality_id;
  std::vector<std::string> statuses;  // empty: every status
  std::int64_t after_id = 0;
  int limit = 50;
};
// Ordered by id.
std::vector<domain::Organization> list_organizations(Connection& c,
                                                     const OrganizationFilter& filter);

// Name, kind, description, contact, website and address of `o` (found by its id).
void update_organization_profile(Connection& c, const domain::Organization& o, std::int64_t now);
void set_organization_status(Connection& c, std::int64_t id, const std::string& status,
                             const std::optional<std::string>& reason, std::int64_t now);
// Trusted groups publish without the pre-moderation queue.
void set_organization_trusted(Connection& c, std::int64_t id, bool trusted, std::int64_t now);

// Organisations where the user holds a role or which the user applied for, with the roles.
struct UserOrganization {
  domain::Organization organization;
  std::vector<std::string> relations;  // "org_admin", "org_member", "applicant"
};
std::vector<UserOrganization> list_user_organizations(Connection& c, std::int64_t user_id);

}  // namespace hk::storage
