#pragma once

#include <cstdint>

#include "domain/account.hpp"
#include "domain/need.hpp"
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

// Needs. A public need (see is_public) anyone may see; any other its group, the
// coordinators of its municipality and the platform admin.
bool can_view_need(const User* user, const Need& need);
// Post needs for the group, edit, cancel and complete them, manage shifts and participants.
bool can_manage_needs(const User* user, std::int64_t organization_id);
// Release or reject a need waiting in the pre-moderation queue; trust a group.
bool can_moderate_needs(const User* user, std::int64_t municipality_id);
// Names and contact of volunteers: only the group whose need they joined.
bool can_view_participants(const User* user, const Need& need);

}  // namespace hk::domain
