#include "storage/roles.hpp"

#include <fmt/format.h>

namespace hk::storage {

namespace {

Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

// Scopes compare with COALESCE(..., 0), like the unique index on role_grants, so that "no
// municipality" matches "no municipality". The scope is bound to $first and $first+1.
std::string scope_match(const char* table, int first) {
  return fmt::format(
      "COALESCE({0}.municipality_id, 0) = COALESCE(${1}, 0) AND "
      "COALESCE({0}.organization_id, 0) = COALESCE(${2}, 0)",
      table, first, first + 1);
}

Person person_from_row(const Row& r) {
  return Person{r.int64(0), r.text(1), r.text(2), r.text(3), !r.is_null(4)};
}

// "$4, $5, ..." for `count` parameters starting at `first`.
std::string placeholders(std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += (i ? ", $" : "$") + std::to_string(first + i);
  }
  return out;
}

}  // namespace

std::optional<Person> find_person(Connection& c, std::int64_t user_id) {
  auto result = c.query(
      "SELECT id, email, display_name, language, email_verified_at FROM users WHERE id = $1",
      {user_id});
  if (result.empty()) return std::nullopt;
  return person_from_row(result.rows.front());
}

std::optional<Person> find_person_by_email(Connection& c, const std::string& email) {
  auto result = c.query(
      "SELECT id, email, display_name, language, email_verified_at FROM users WHERE email = $1",
      {email});
  if (result.empty()) return std::nullopt;
  return person_from_row(result.rows.front());
}

std::vector<Person> role_holders(Connection& c, const std::vector<std::string>& roles,
                                 const RoleScope& scope) {
  std::vector<Value> params{opt(scope.municipality_id), opt(scope.organization_id)};
  for (const auto& r : roles) params.emplace_back(r);
  auto result = c.query(
      "SELECT DISTINCT u.id, u.email, u.display_name, u.language, u.email_verified_at "
      "FROM role_grants g "
      "JOIN users u ON u.id = g.user_id WHERE " +
          scope_match("g", 1) + " AND g.role IN (" + placeholders(3, roles.size()) +
          ") ORDER BY u.id",
      params);
  std::vector<Person> out;
  for (const auto& r : result.rows) out.push_back(person_from_row(r));
  return out;
}

std::vector<Person> group_admins_and(Connection& c, std::int64_t organization_id,
                                     const std::optional<std::int64_t>& user_id) {
  auto people = role_holders(c, {"org_admin"}, {std::nullopt, organization_id});
  if (!user_id) return people;
  for (const auto& p : people) {
    if (p.user_id == *user_id) return people;
  }
  if (auto person = find_person(c, *user_id)) people.push_back(*person);
  return people;
}

std::vector<RoleListing> list_role_listing(Connection& c, const std::vector<std::string>& roles,
                                           const RoleScope& scope, std::int64_t now) {
  std::vector<Value> params{now, opt(scope.municipality_id), opt(scope.organization_id)};
  for (const auto& r : roles) params.emplace_back(r);
  auto in = placeholders(4, roles.size());
  auto result = c.query(
      "SELECT u.id, u.email, u.display_name, g.role, 0 FROM role_grants g "
      "JOIN users u ON u.id = g.user_id WHERE " +
          scope_match("g", 2) + " AND g.role IN (" + in +
          ") UNION ALL SELECT NULL, i.email, NULL, i.role, 1 FROM invitations i "
          "WHERE i.expires_at > $1 AND " +
          scope_match("i", 2) + " AND i.role IN (" + in + ") ORDER BY 5, 2",
      params);
  std::vector<RoleListing> out;
  for (const auto& r : result.rows) {
    out.push_back({r.opt_int64(0), r.text(1), r.opt_text(2), r.text(3), r.int64(4) != 0});
  }
  return out;
}

bool holds_role(Connection& c, std::int64_t user_id, const std::string& role,
                const RoleScope& scope) {
  return !c.query("SELECT 1 FROM role_grants g WHERE g.user_id = $1 AND " + scope_match("g", 2) +
                      " AND g.role = $4",
                  {user_id, opt(scope.municipality_id), opt(scope.organization_id), role})
              .empty();
}

bool revoke_role(Connection& c, std::int64_t user_id, const std::string& role,
                 const RoleScope& scope) {
  return c.query("DELETE FROM role_grants WHERE user_id = $1 AND " + scope_match("role_grants", 2) +
                     " AND role = $4",
                 {user_id, opt(scope.municipality_id), opt(scope.organization_id), role})
             .affected > 0;
}

std::int64_t count_role_holders(Connection& c, const std::string& role, const RoleScope& scope) {
  return c
      .query("SELECT COUNT(*) FROM role_grants g WHERE " + scope_match("g", 1) + " AND g.role = $3",
             {opt(scope.municipality_id), opt(scope.organization_id), role})
      .one()
      .int64(0);
}

}  // namespace hk::storage
