#include "storage/signup_links.hpp"

namespace hk::storage {

std::optional<std::int64_t> find_signup_by_link(Connection& c, const std::string& token_hash) {
  auto result = c.query("SELECT id FROM signups WHERE link_token_hash = $1", {token_hash});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

void set_reconfirmed(Connection& c, std::int64_t signup_id, std::int64_t now) {
  c.query(
      "UPDATE signups SET reconfirmed_at = COALESCE(reconfirmed_at, $2), updated_at = $2 "
      "WHERE id = $1",
      {signup_id, now});
}

}  // namespace hk::storage
