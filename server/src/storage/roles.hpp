#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// What a mail to a person needs.
struct Person {
  std::int64_t user_id = 0;
  std::string email;
  std::string display_name;
  std::string language;
  bool verified = false;
};

std::optional<Person> find_person(Connection& c, std::int64_t user_id);
std::optional<Person> find_person_by_email(Connection& c, const std::string& email);

// Where a role applies: a municipality (coordinators) or an organisation (admins, members).
struct RoleScope {
  std::optional<std::int64_t> municipality_id;
  std::optional<std::int64_t> organization_id;
};

// Everybody holding one of `roles` in `scope`.
std::vector<Person> role_holders(Connection& c, const std::vector<std::string>& roles,
                                 const RoleScope& scope);
// Who speaks for a group about something one person started (its application, a need): the
// group's admins, ordered by id, and that person after them unless one of them; each once.
std::vector<Person> group_admins_and(Connection& c, std::int64_t organization_id,
                                     const std::optional<std::int64_t>& user_id);

// People with a role in `scope` and addresses invited to one, for the lists of coordinators
// and of members.
struct RoleListing {
  std::optional<std::int64_t> user_id;  // none for an invitation
  std::string email;
  std::optional<std::string> display_name;
  std::string role;
  bool invited = false;
};
std::vector<RoleListing> list_role_listing(Connection& c, const std::vector<std::string>& roles,
                                           const RoleScope& scope, std::int64_t now);

bool holds_role(Connection& c, std::int64_t user_id, const std::string& role,
                const RoleScope& scope);
// Returns false when the user did not hold the role.
bool revoke_role(Connection& c, std::int64_t user_id, const std::string& role,
                 const RoleScope& scope);
std::int64_t count_role_holders(Connection& c, const std::string& role, const RoleScope& scope);

}  // namespace hk::storage
