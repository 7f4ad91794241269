#include "domain/permissions.hpp"

namespace hk::domain {

namespace {

bool holds(const User* user, std::string_view role, std::optional<std::int64_t> municipality_id,
           std::optional<std::int64_t> organization_id) {
  if (user == nullptr) return false;
  for (const auto& grant : user->roles) {
    if (grant.role == role && grant.municipality_id == municipality_id &&
        grant.organization_id == organization_id) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_platform_admin(const User* user) {
  return holds(user, "platform_admin", std::nullopt, std::nullopt);
}

bool is_coordinator(const User* user, std::int64_t municipality_id) {
  return holds(user, "coordinator", municipality_id, std::nullopt);
}

bool is_org_admin(const User* user, std::int64_t organization_id) {
  return holds(user, "org_admin", std::nullopt, organization_id);
}

bool is_org_member(const User* user, std::int64_t organization_id) {
  return is_org_admin(user, organization_id) ||
         holds(user, "org_member", std::nullopt, organization_id);
}

bool can_view_organization(const User* user, const Organization& o) {
  if (o.status == "approved") return true;
  if (user == nullptr) return false;
  return is_coordinator(user, o.municipality_id) || is_org_member(user, o.id) ||
         (o.created_by && *o.created_by == user->id);
}

bool can_decide_organization(const User* user, const Organization& o) {
  return is_coordinator(user, o.municipality_id);
}

bool can_edit_organization(const User* user, const Organization& o) {
  return is_org_admin(user, o.id) || is_coordinator(user, o.municipality_id);
}

bool can_manage_members(const User* user, const Organization& o) {
  return is_org_admin(user, o.id);
}

bool can_view_members(const User* user, const Organization& o) {
  return is_org_member(user, o.id) || is_coordinator(user, o.municipality_id);
}

bool can_edit_municipality(const User* user, std::int64_t municipality_id) {
  return is_platform_admin(user) || is_coordinator(user, municipality_id);
}

bool can_manage_municipality(const User* user, std::int64_t municipality_id) {
  return is_platform_admin(user) || is_coordinator(user, municipality_id);
}

bool can_view_need(const User* user, const Need& need) {
  if (is_public(need)) return true;
  return is_org_member(user, need.organization_id) || is_coordinator(user, need.municipality_id) ||
         is_platform_admin(user);
}

bool can_manage_needs(const User* user, std::int64_t organization_id) {
  return is_org_member(user, organization_id);
}

bool can_moderate_needs(const User* user, std::int64_t municipality_id) {
  return is_coordinator(user, municipality_id);
}

bool can_view_participants(const User* user, const Need& need) {
  return is_org_member(user, need.organization_id);
}

}  // namespace hk::domain
