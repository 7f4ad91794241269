#include "storage/job_leases.hpp"

namespace hk::storage {

bool take_job_lease(Connection& c, const std::string& name, const std::string& holder,
                    std::int64_t now, std::int64_t until) {
  // One statement, so that two servers asking at the same moment cannot both get it: the
  // conflicting INSERT turns into an UPDATE only where the lease is free or already ours.
  auto result = c.query(
      "INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
      "expires_at = excluded.expires_at "
      "WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= $4 "
      "RETURNING holder",
      {name, holder, until, now});
  return !result.empty();
}

std::optional<std::string> job_lease_holder(Connection& c, const std::string& name) {
  auto result = c.query("SELECT holder FROM job_leases WHERE name = $1", {name});
  if (result.empty()) return std::nullopt;
  return result.rows.front().text(0);
}

}  // namespace hk::storage
