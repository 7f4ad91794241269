#include "storage/organizations.hpp"

#include <algorithm>

#include "storage/search.hpp"

namespace hk::storage {

namespace {

constexpr const char* columns =
    "o.id, o.municipality_id, o.name, o.kind, o.description, o.contact_email, o.website, "
    "o.address, o.status, o.status_reason, o.created_by, o.created_at, o.trusted, o.hotline";

domain::Organization from_row(const Row& r) {
  domain::Organization o;
  o.id = r.int64(0);
  o.municipality_id = r.int64(1);
  o.name = r.text(2);
  o.kind = r.text(3);
  o.description = r.text(4);
  o.contact_email = r.text(5);
  o.website = r.opt_text(6);
  o.address = r.opt_text(7);
  o.status = r.text(8);
  o.status_reason = r.opt_text(9);
  o.created_by = r.opt_int64(10);
  o.created_at = r.int64(11);
  o.trusted = r.boolean(12);
  o.hotline = r.boolean(13);
  return o;
}

}  // namespace

std::int64_t insert_organization(Connection& c, const domain::Organization& o, std::int64_t now) {
  auto creator = o.created_by ? Value(*o.created_by) : null();
  return c
      .query(
          "INSERT INTO organizations (municipality_id, name, kind, description, contact_email, "
          "website, address, status, created_by, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
          {o.municipality_id, o.name, o.kind, o.description, o.contact_email,
           optional_text(o.website), optional_text(o.address), o.status, creator, now})
      .one()
      .int64(0);
}

std::optional<domain::Organization> find_organization(Connection& c, std::int64_t id) {
  auto result =
      c.query(std::string("SELECT ") + columns + " FROM organizations o WHERE o.id = $1", {id});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

std::vector<domain::Organization> list_organizations(Connection& c,
                                                     const OrganizationFilter& filter) {
  // Statuses are few and fixed; they are bound as parameters, never spliced into the text.
  std::string sql = std::string("SELECT ") + columns + " FROM organizations o WHERE o.id > $1";
  std::vector<Value> params{filter.after_id};
  if (filter.municipality_id) {
    params.emplace_back(*filter.municipality_id);
    sql += " AND o.municipality_id = $" + std::to_string(params.size());
  }
  if (!filter.statuses.empty()) {
    sql += " AND o.status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      params.emplace_back(filter.statuses[i]);
      sql += (i ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  params.emplace_back(std::int64_t{filter.limit});
  sql += " ORDER BY o.id LIMIT $" + std::to_string(params.size());
  auto result = c.query(sql, params);
  std::vector<domain::Organization> out;
  for (const auto& r : result.rows) out.push_back(from_row(r));
  return out;
}

void update_organization_profile(Connection& c, const domain::Organization& o, std::int64_t now) {
  c.query(
      "UPDATE organizations SET name = $2, kind = $3, description = $4, contact_email = $5, "
      "website = $6, address = $7, updated_at = $8 WHERE id = $1",
      {o.id, o.name, o.kind, o.description, o.contact_email, optional_text(o.website),
       optional_text(o.address), now});
  // Keyword search reads the organisation's name with each of its needs.
  refresh_organization_search(c, o.id);
}

void set_organization_status(Connection& c, std::int64_t id, const std::string& status,
                             const std::optional<std::string>& reason, std::int64_t now) {
  c.query("UPDATE organizations SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1",
          {id, status, optional_text(reason), now});
}

void set_organization_trusted(Connection& c, std::int64_t id, bool trusted, std::int64_t now) {
  c.query("UPDATE organizations SET trusted = $2, updated_at = $3 WHERE id = $1",
          {id, std::int64_t{trusted ? 1 : 0}, now});
}

std::vector<UserOrganization> list_user_organizations(Connection& c, std::int64_t user_id) {
  auto result = c.query(std::string("SELECT ") + columns +
                            ", g.role FROM organizations o "
                            "JOIN role_grants g ON g.organization_id = o.id AND g.user_id = $1 "
                            "UNION ALL SELECT " +
                            columns +
                            ", 'applicant' FROM organizations o WHERE o.created_by = $1 "
                            "ORDER BY 1",
                        {user_id});
  std::vector<UserOrganization> out;
  for (const auto& r : result.rows) {
    auto id = r.int64(0);
    if (out.empty() || out.back().organization.id != id) {
      out.push_back({from_row(r), {}});
    }
    auto& relations = out.back().relations;
    const auto& relation = r.text(14);
    if (std::find(relations.begin(), relations.end(), relation) == relations.end()) {
      relations.push_back(relation);
    }
  }
  return out;
}

}  // namespace hk::storage
