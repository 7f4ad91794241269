#include "storage/audit.hpp"

#include <limits>

namespace hk::storage {

namespace {

Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

}  // namespace

void append_audit(Connection& c, const domain::AuditEntry& e) {
  c.query(
      "INSERT INTO audit_log (at, municipality_id, organization_id, actor_id, actor_name, "
      "action, subject_type, subject_id, subject_label, reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {e.at, opt(e.municipality_id), opt(e.organization_id), opt(e.actor_id), e.actor_name,
       e.action, e.subject_type, opt(e.subject_id), e.subject_label, optional_text(e.reason)});
}

std::vector<domain::AuditEntry> list_audit(Connection& c, std::int64_t municipality_id,
                                           std::int64_t before_id, int limit) {
  // before_id 0 means "from the newest".
  auto before = before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max();
  auto result = c.query(
      "SELECT id, at, municipality_id, organization_id, actor_id, actor_name, action, "
      "subject_type, subject_id, subject_label, reason FROM audit_log "
      "WHERE municipality_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
      {municipality_id, before, std::int64_t{limit}});
  std::vector<domain::AuditEntry> out;
  for (const auto& r : result.rows) {
    domain::AuditEntry e;
    e.id = r.int64(0);
    e.at = r.int64(1);
    e.municipality_id = r.opt_int64(2);
    e.organization_id = r.opt_int64(3);
    e.actor_id = r.opt_int64(4);
    e.actor_name = r.text(5);
    e.action = r.text(6);
    e.subject_type = r.text(7);
    e.subject_id = r.opt_int64(8);
    e.subject_label = r.text(9);
    e.reason = r.opt_text(10);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace hk::storage
