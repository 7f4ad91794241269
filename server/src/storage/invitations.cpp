#include "storage/invitations.hpp"

#include "storage/accounts.hpp"
#include "storage/audit.hpp"

namespace hk::storage {

namespace {

Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

}  // namespace

void upsert_invitation(Connection& c, const Invitation& i) {
  // The unique index is on an expression, which ON CONFLICT cannot name portably: replace.
  c.query(
      "DELETE FROM invitations WHERE email = $1 AND role = $2 AND "
      "COALESCE(municipality_id, 0) = COALESCE($3, 0) AND "
      "COALESCE(organization_id, 0) = COALESCE($4, 0)",
      {i.email, i.role, opt(i.municipality_id), opt(i.organization_id)});
  c.query(
      "INSERT INTO invitations (email, role, municipality_id, organization_id, invited_by, "
      "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {i.email, i.role, opt(i.municipality_id), opt(i.organization_id), opt(i.invited_by),
       i.created_at, i.expires_at});
}

std::vector<domain::RoleGrant> accept_invitations(Connection& c, std::int64_t user_id,
                                                  const std::string& email, std::int64_t now) {
  auto rows = c.query(
      "SELECT i.id, i.role, i.municipality_id, i.organization_id, i.invited_by, "
      "COALESCE(a.display_name, ''), COALESCE(o.municipality_id, i.municipality_id), "
      "COALESCE(o.name, m.name, ''), u.display_name, u.email "
      "FROM invitations i JOIN users u ON u.id = $2 "
      "LEFT JOIN users a ON a.id = i.invited_by "
      "LEFT JOIN organizations o ON o.id = i.organization_id "
      "LEFT JOIN municipalities m ON m.id = i.municipality_id "
      "WHERE i.email = $1 AND i.expires_at > $3 ORDER BY i.id",
      {email, user_id, now});
  std::vector<domain::RoleGrant> granted;
  for (const auto& r : rows.rows) {
    domain::RoleGrant grant{r.text(1), r.opt_int64(2), r.opt_int64(3)};
    grant_role(c, user_id, grant, now);
    domain::AuditEntry entry;
    entry.at = now;
    entry.municipality_id = r.opt_int64(6);
    entry.organization_id = grant.organization_id;
    entry.actor_id = r.opt_int64(4);
    entry.actor_name = r.text(5);
    entry.action = "role.granted";
    entry.subject_type = "user";
    entry.subject_id = user_id;
    entry.subject_label = domain::role_change_label(
        r.text(8), r.text(9), domain::role_label(grant.role, "de"), r.text(7));
    append_audit(c, entry);
    granted.push_back(std::move(grant));
  }
  c.query("DELETE FROM invitations WHERE email = $1", {email});
  return granted;
}

}  // namespace hk::storage
