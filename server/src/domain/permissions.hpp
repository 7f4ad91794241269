#pragma once

#include <cstdint>

#include "domain/account.hpp"
#include "domain/organization.hpp"

namespace hk::domain {

// Who may do what, decided from the roles a user holds. Pure: the API layer loads the user
// and the object and asks here. A null user is a visitor without an account.

bool is_platform_admin(const User* user);
bool is_coordinator(const User* user, std::int64_t municipality_id);
bool is_org_admin(const User* user, std::int64_t organization_id);
// Admins count as members: they can do everything a member can.
bool is_org_member(const User* user, std::int64_t organization_id);

// An approved group is public; any other only to the coordinators of its municipality, its
// own people and the person who applied for it.
bool can_view_organization(const User* user, const Organization& organization);
// Approve, reject, suspend, reinstate.
bool can_decide_organization(const User* user, const Organization& organization);
bool can_edit_organization(const User* user, const Organization& organization);
bool can_manage_members(const User* user, const Organization& organization);
bool can_view_members(const User* user, const Organization& organization);

bool can_edit_municipality(const User* user, std::int64_t municipality_id);
// Appoint and remove coordinators; read the audit log.
bool can_manage_municipality(const User* user, std::int64_t municipality_id);

}  // namespace hk::domain
